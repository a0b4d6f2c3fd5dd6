#!/usr/bin/env bash
# Every test of every package: lint, lib unit tests, API unit + e2e (embedded PostgreSQL and a
# PostgreSQL server), web component tests, then the built product: Microsoft's SCIM reference
# collection through newman, and real headless Chromium.
# Keeps going after a failure so one run shows everything; exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
export JEST_RESULTS_DIR="$(mktemp -d)"
JEST="node --experimental-vm-modules $PWD/node_modules/jest/bin/jest.js"
status=0
step() {
  local name="$1"; shift
  echo; echo "=== $name"
  "$@" || { status=1; echo "=== FAILED: $name"; }
}

step "build shared libs" pnpm -r --filter './libs/**' build
step "lint" node scripts/lint.mjs
for lib in libs/*/; do
  name=$(basename "$lib")
  step "libs/$name unit tests" bash -c "cd '$lib' && $JEST --config ../../jest.lib.config.mjs --rootDir . --json --outputFile='$JEST_RESULTS_DIR/lib-$name.json'"
done
step "api tests" bash apps/api/test/run-all.sh
step "web component tests" bash -c "cd apps/web && $JEST --config jest.config.mjs --json --outputFile='$JEST_RESULTS_DIR/web.json'"
step "build api and web" bash -c "pnpm --filter @gatehouse/api build && pnpm --filter @gatehouse/web build"
step "crash and restart (built API, both engines)" bash -c "cd apps/api && $JEST --config jest.crash.config.mjs --json --outputFile='$JEST_RESULTS_DIR/crash.json'"
step "SCIM conformance (Microsoft reference collection, newman)" node scripts/scim-conformance.mjs --json-output "$JEST_RESULTS_DIR/scim-conformance.json"
step "browser tests (headless Chromium)" bash -c "cd apps/web && $JEST --config e2e/jest.config.mjs --json --outputFile='$JEST_RESULTS_DIR/browser.json'"

echo
node scripts/test-summary.mjs "$JEST_RESULTS_DIR" || status=1
exit $status
