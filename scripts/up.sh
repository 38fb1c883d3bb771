#!/usr/bin/env bash
# `npm run up`: installs what is missing, builds, and starts ParkMatch (API, workers, console) on the
# embedded database with the twenty parks loaded. Ctrl-C stops it (and the redis-server it started).
set -euo pipefail
cd "$(dirname "$0")/.."

need_node="20.19.0"
if ! node -e "const [a,b,c]=process.versions.node.split('.').map(Number);const [x,y,z]='$need_node'.split('.').map(Number);process.exit(a>x||(a===x&&(b>y||(b===y&&c>=z)))?0:1)"; then
  echo "ParkMatch needs Node.js >= $need_node (found $(node -v))." >&2; exit 1
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "» installing npm dependencies"
  npm ci --no-audit --no-fund
fi

# shellcheck source=lib/packages.sh
. scripts/lib/packages.sh
[ -n "${REDIS_URL:-}" ] || ensure_packages 'npm run up' '或设置 REDIS_URL 指向已运行的 Redis' redis-server

echo "» building"
npm run -s build
[ -f apps/console/package.json ] && npm run -s build:console

data="${PARKMATCH_DATA_DIR:-.data}"
mkdir -p "$data"
if [ -z "${ADMIN_PASSWORD:-}" ]; then
  [ -s "$data/admin-password" ] || node -e "process.stdout.write(require('crypto').randomBytes(12).toString('base64url'))" > "$data/admin-password"
  export ADMIN_PASSWORD="$(cat "$data/admin-password")"
fi
echo "» queue dashboard: user admin, password in $data/admin-password"
exec node dist/apps/api/src/main.js
