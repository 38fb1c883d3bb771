#!/usr/bin/env bash
# The whole test suite (or one tier of it, --tier X): import boundaries, unit, persistence (PostgreSQL server and PGlite), queue, e2e and browser tests.
# Installs the Debian packages it needs when missing, starts its own redis-server and PostgreSQL server
# (unless TEST_REDIS_URL / TEST_DATABASE_URL are set) and stops them however the run ends. A full run
# (no arguments) also checks that every route of the OpenAPI document is called successfully on PGlite.
set -euo pipefail
cd "$(dirname "$0")/.."

# `--tier unit|medium|e2e|fault|browser` runs one tier (tests/support/tiers.js) and sets up only what it needs:
# unit starts no servers and builds nothing; the others build, and start the servers they use.
tier=''
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --tier) tier="${2:-}"; shift 2 || { echo '--tier 后面要写层级：unit、medium、e2e、fault 或 browser' >&2; exit 2; } ;;
    --tier=*) tier="${1#--tier=}"; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
case "$tier" in
  '' | unit | medium | e2e | fault | browser) ;;
  *) echo "未知的测试层级「$tier」：可选 unit、medium、e2e、fault、browser" >&2; exit 2 ;;
esac
set -- ${args[@]+"${args[@]}"}

# shellcheck source=lib/packages.sh
. scripts/lib/packages.sh
need=()
if [ "$tier" != unit ]; then
  [ -n "${TEST_REDIS_URL:-}" ] || need+=(redis-server)
  [ -n "${TEST_DATABASE_URL:-}" ] || need+=(postgresql)
fi
if [ -z "$tier" ] || [ "$tier" = browser ]; then
  [ -n "${CHROMIUM_PATH:-}" ] || need+=(chromium)
  need+=(fonts-wqy-microhei)
fi
[ ${#need[@]} -eq 0 ] || ensure_packages 'npm test' '或用 TEST_REDIS_URL、TEST_DATABASE_URL、CHROMIUM_PATH 指向已有的服务和浏览器' "${need[@]}"

[ -d node_modules ] || npm ci --no-audit --no-fund
export NODE_OPTIONS="--experimental-vm-modules --no-warnings=ExperimentalWarning ${NODE_OPTIONS:-}"
export DOTENV_CONFIG_QUIET=true
if [ -z "$tier" ]; then
  npm run -s typecheck   # server, libraries and tests
  npm run -s typecheck:console   # the console against the API's request schemas (libs/contract)
  npm run -s boundaries  # import rules (scripts/layers.cjs) and docs/architecture.md's table and graph
fi
if [ "$tier" != unit ]; then
  npm run -s build       # the global setup loads the service launcher from dist/
fi
case "$tier" in '' | e2e | browser)
  npm run -s build:console   # the browser tests drive the built console (dist/console) served by the API
  export TEST_CONSOLE_BUILT=1 # so no suite rebuilds it under the others (tests/support/browser.ts ensureConsoleBuilt)
esac
[ -z "$tier" ] || export TEST_TIER="$tier" # jest.config.js then selects the tier's files

# The run's folder: private servers' data, PGlite folders, the record of API calls. Removed at the end.
TEST_TMP_ROOT="$(mktemp -d "${TMPDIR:-/tmp}/parkmatch-test-XXXXXX")"
chmod 755 "$TEST_TMP_ROOT" # the PostgreSQL server runs as user postgres when the tests run as root
export TEST_TMP_ROOT
jest=''
# Processes working in this run's folder: the servers chdir into their data folders.
run_servers() {
  local d
  for d in /proc/[0-9]*; do
    case "$(readlink "$d/cwd" 2>/dev/null)" in "$TEST_TMP_ROOT"/*) echo "${d#/proc/}" ;; esac
  done
}
finish() {
  # The servers die with jest (libs/launcher sets their parent-death signal); this is the last guard.
  local pids
  pids="$(run_servers)"
  if [ -n "$pids" ]; then
    kill -INT $pids 2>/dev/null || true # fast shutdown for PostgreSQL and redis-server alike
    for _ in $(seq 50); do [ -z "$(run_servers)" ] && break; sleep 0.1; done
    pids="$(run_servers)"
    [ -z "$pids" ] || kill -KILL $pids 2>/dev/null || true
  fi
  rm -rf "$TEST_TMP_ROOT"
}
trap finish EXIT
# Ctrl-C or SIGTERM to `npm test`: jest runs in its own process group, which gets SIGTERM as a whole.
stop_jest() {
  [ -z "$jest" ] || { kill -TERM -- "-$jest" 2>/dev/null; wait "$jest" 2>/dev/null; }
  exit "$1"
}
trap 'stop_jest 130' INT
trap 'stop_jest 143' TERM

# --forceExit: closed BullMQ/ioredis clients can keep reconnect timers alive for a while after the last test.
setsid node_modules/.bin/jest --maxWorkers="${JEST_WORKERS:-2}" --forceExit "$@" &
jest=$!
status=0
wait "$jest" || status=$?
jest=''
if { [ $# -eq 0 ] && [ -z "$tier" ]; } || [ "${ROUTE_COVERAGE:-}" = 1 ]; then
  node tests/support/route-coverage.mjs "$TEST_TMP_ROOT" || status=1
fi
exit "$status"
