'use strict';
// mocha's configuration. Test files run in parallel, handed to workers in the order of `spec`: the files
// that take longest (child processes, DuckDB, Python, npm) go first, so none starts last and keeps the
// run waiting on one worker while the others are idle; then every other test file, sorted.
// `npm test` runs the copy scripts/compileTests.mjs made in .test-build/tree/ (ISX_TEST_COMPILED=1) with
// plain Node; `npx mocha test/x.test.ts` runs the sources through tsx.
const { readdirSync } = require('node:fs');

const LONGEST_FIRST = [
  'test/package/install.test.ts',
  'test/e2e/dataset.test.ts',
  'test/cli/readme.test.ts',
  'test/cli/labShards.test.ts',
  'test/cli/closedStdio.test.ts',
  'test/cli/slurm.test.ts',
  'test/cli/interrupt.test.ts',
  'test/isxb/realIsxb.test.ts',
  'test/examples/examples.test.ts',
  'test/sinks/flatParquet.test.ts',
  'test/cli/hugeFooter.test.ts',
  'test/e2e/parquetWriters.test.ts',
  'test/e2e/behaviorMovie.test.ts',
];

const all = readdirSync('test', { recursive: true })
  .map((file) => `test/${file}`)
  .filter((file) => file.endsWith('.test.ts'))
  .sort();

const compiled = process.env.ISX_TEST_COMPILED === '1';
const ordered = [...LONGEST_FIRST.filter((file) => all.includes(file)), ...all.filter((file) => !LONGEST_FIRST.includes(file))];

module.exports = {
  'node-option': compiled ? ['enable-source-maps'] : ['import=tsx', 'no-experimental-require-module'],
  extension: [compiled ? 'js' : 'ts'],
  spec: compiled ? ordered.map((file) => `.test-build/tree/${file.replace(/\.ts$/, '.js')}`) : ordered,
  timeout: 60000,
  reporter: './test/helpers/summaryReporter.cjs',
  parallel: true,
  // Three workers on this 2-core machine: four spent ~15% more CPU (each loads tsx, arrow, parquet-wasm
  // and DuckDB) for no shorter run; two left the cores idle while tests waited on child processes.
  jobs: 3,
};
