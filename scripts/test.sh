#!/usr/bin/env bash
# `npm test`: build dist/ (unless it is built from these very sources) and compile the tests with their
# sources to plain JavaScript (.test-build/tree/, scripts/compileTests.mjs), then run every mocha test file
# in parallel while the type check of the whole project (tests included) runs beside them: mocha needs
# only the two builds, and the two share the machine's idle moments. Fails if either fails; the type
# check's report comes last. Tools run from node_modules/.bin: npx adds a second of start-up each.
set -uo pipefail
cd "$(dirname "$0")/.."
node scripts/build.mjs --if-changed || exit 1
node scripts/compileTests.mjs || exit 1
report=$(mktemp)
trap 'rm -f "$report"' EXIT
node_modules/.bin/tsc --noEmit -p tsconfig.json >"$report" 2>&1 &
typecheck=$!
ISX_TEST_BUILT=1 ISX_TEST_COMPILED=1 node_modules/.bin/mocha
tests=$?
if wait "$typecheck"; then checked=0; else checked=1; cat "$report"; echo "tsc --noEmit: type errors (above)"; fi
[ "$tests" -eq 0 ] && [ "$checked" -eq 0 ]
