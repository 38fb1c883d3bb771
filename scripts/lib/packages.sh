# Sourced by scripts/up.sh and scripts/test.sh: finds the Debian packages a command needs and installs the
# missing ones (as root with apt-get, one update for all), or names them and the command, and exits.
# PARKMATCH_SYSTEM_ROOT (tests only) looks for the files under another root and not on PATH.
sys="${PARKMATCH_SYSTEM_ROOT:-}"

on_path() { [ -z "$sys" ] && command -v "$1" >/dev/null 2>&1; }

# has_package NAME: whether what the tests use of Debian package NAME is there.
has_package() {
  case "$1" in
    redis-server) on_path redis-server || [ -x "$sys/usr/bin/redis-server" ] ;;
    postgresql) compgen -G "$sys/usr/lib/postgresql/*/bin/initdb" >/dev/null && compgen -G "$sys/usr/lib/postgresql/*/bin/postgres" >/dev/null \
                  || { on_path initdb && on_path postgres; } ;;
    chromium) on_path chromium || [ -x "$sys/usr/bin/chromium" ] ;;
    fonts-wqy-microhei) [ -f "$sys/usr/share/fonts/truetype/wqy/wqy-microhei.ttc" ] ;;
    *) return 1 ;;
  esac
}

# ensure_packages WHAT HINT PACKAGE...: installs the missing ones among PACKAGE... (WHAT says who needs
# them; HINT, when not empty, is added to the message for a user who cannot install).
ensure_packages() {
  local what="$1" hint="$2"; shift 2
  local missing=() p
  for p in "$@"; do has_package "$p" || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "» 安装 ${what} 所需的软件包 installing: ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || { echo "软件包安装失败：${missing[*]}（apt-get 的错误见上）" >&2; exit 1; }
  else
    echo "缺少 ${what} 所需的软件包：${missing[*]}。请以 root 安装：sudo apt-get install -y ${missing[*]}${hint:+（$hint）}" >&2
    exit 1
  fi
}
