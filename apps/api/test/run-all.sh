#!/usr/bin/env bash
# Runs the API's tests twice: against the embedded PostgreSQL (the default) and against a real
# PostgreSQL server (TEST_DATABASE_URL, default the local server). Unit specs run once.
set -euo pipefail
cd "$(dirname "$0")/.."
JEST="node --experimental-vm-modules ../../node_modules/jest/bin/jest.js --config jest.config.mjs"
out="${JEST_RESULTS_DIR:-}"
json() { [ -n "$out" ] && echo "--json --outputFile=$out/api-$1.json" || true; }
# Both runs always happen, so a failure on one engine does not hide the other's results.
status=0
echo "== API tests on the embedded PostgreSQL"
TEST_DB=pglite $JEST $(json pglite) "$@" || status=1
echo "== API database tests on PostgreSQL at ${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
TEST_DB=postgres $JEST $(json postgres) --testPathPatterns 'test/' "$@" || status=1
exit $status
