#!/usr/bin/env bash
# The whole suite: typecheck, lint, unit, integration (real PostgreSQL, Redis, SQLite, Tryton),
# security (bad input and fuzzing) and e2e (the built app in Debian's Chromium). Installs or checks what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-setup.sh
bash scripts/ensure-chromium.sh
bash scripts/ensure-tryton.sh
mkdir -p .data tests/e2e/artifacts
results=tests/e2e/artifacts

echo "== typecheck"; npx tsc --noEmit
echo "== lint"; npx eslint --max-warnings 0 .
echo "== unit"; npx vitest run --project unit --reporter=default --reporter=json --outputFile.json=$results/unit.json
echo "== integration"; npx vitest run --project integration --reporter=default --reporter=json --outputFile.json=$results/integration.json
echo "== security"; npx vitest run --project security --reporter=default --reporter=json --outputFile.json=$results/security.json
echo "== build"; npx remix vite:build >/dev/null && npm run -s zendesk:build >/dev/null
echo "== e2e"; npx playwright test
node scripts/summarise-tests.mjs $results/unit.json $results/integration.json $results/security.json $results/e2e.json
