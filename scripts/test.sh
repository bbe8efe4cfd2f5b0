#!/usr/bin/env bash
# `npm test`: installs what is missing (scripts/setup.sh), checks types and layers, then runs
# the unit and oracle tests and the browser end-to-end tests, and prints one closing line.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh || exit 1
npm run --silent check || { echo "check failed: 0 passed, 1 failed"; exit 1; }
mkdir -p test-results

npx vitest run --reporter=default --reporter=json --outputFile=test-results/unit.json
unit=$?
npx vitest run --config vitest.e2e.config.ts --reporter=default --reporter=json \
  --outputFile=test-results/e2e.json
e2e=$?

node scripts/test-summary.mjs test-results/unit.json test-results/e2e.json
[ "$unit" -eq 0 ] && [ "$e2e" -eq 0 ]
