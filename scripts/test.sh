#!/usr/bin/env bash
# The whole test suite: unit, persistence (PostgreSQL server and PGlite), queue, e2e and browser tests.
# Starts its own redis-server and PostgreSQL server unless TEST_REDIS_URL / TEST_DATABASE_URL are set.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci --no-audit --no-fund
export NODE_OPTIONS="--experimental-vm-modules --no-warnings=ExperimentalWarning ${NODE_OPTIONS:-}"
export DOTENV_CONFIG_QUIET=true
npm run -s typecheck   # server, libraries and tests
npm run -s build       # the global setup loads the service launcher from dist/
npm run -s build:console   # the browser tests drive the built console (dist/console) served by the API
# --forceExit: closed BullMQ/ioredis clients can keep reconnect timers alive for a while after the last test.
exec npx jest --maxWorkers="${JEST_WORKERS:-2}" --forceExit "$@"
