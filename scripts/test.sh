#!/usr/bin/env bash
# `npm test`: build dist/, then run every mocha test file in parallel against that build while the type
# check of the whole project (tests included) runs beside them: mocha needs only the build, and the two
# share the machine's idle moments. Fails if either fails; the type check's report comes last.
set -uo pipefail
cd "$(dirname "$0")/.."
npm run --silent build || exit 1
report=$(mktemp)
trap 'rm -f "$report"' EXIT
npx tsc --noEmit -p tsconfig.json >"$report" 2>&1 &
typecheck=$!
ISX_TEST_BUILT=1 npx mocha
tests=$?
if wait "$typecheck"; then checked=0; else checked=1; cat "$report"; echo "tsc --noEmit: type errors (above)"; fi
[ "$tests" -eq 0 ] && [ "$checked" -eq 0 ]
