#!/usr/bin/env bash
# Makes a fresh clone runnable: dependencies, generated Prisma clients, the embedded database.
# Idempotent and quick when everything is already in place.
set -euo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== installing dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi
if [ ! -f prisma/generated/sqlite/index.js ] || [ prisma/sqlite/schema.prisma -nt prisma/generated/sqlite/index.js ] \
  || [ ! -f prisma/generated/postgres/index.js ] || [ prisma/postgres/schema.prisma -nt prisma/generated/postgres/index.js ]; then
  echo "== generating Prisma clients"
  npm run --silent db:generate >/dev/null
fi
