#!/usr/bin/env node
import { processIo } from './processIo.js';
import { run } from './run.js';

// `isx-stream`: the bin. Everything else happens in run(), which tests call in-process.
process.exitCode = await run(process.argv.slice(2), processIo());
