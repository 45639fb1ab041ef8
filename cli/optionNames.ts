import type { OptionName, OptionNamer } from '../lib/index.js';

/** The flag each conversion option is given by on the command line. */
const FLAGS: Record<OptionName, string> = {
  to: '--to',
  outDir: '--out',
  stdout: '--out -',
  tables: '--tables',
  cells: '--cells',
  channels: '--channels',
  startSec: '--start',
  endSec: '--end',
  decimate: '--decimate',
  bin: '--bin',
  crop: '--crop',
  planes: '--planes',
  decode: '--decode',
  compression: '--compression',
  csvSafe: '--csv-safe',
  limit: '--limit',
  batchRows: '--row-group-size',
  keys: '--path-pattern',
  partitionBy: '--partition-by',
  overwrite: '--overwrite',
  onProgress: '--progress',
  signal: 'Ctrl-C',
};

/** Library option errors said in CLI words (`--start`, not `options.startSec`). */
export const cliOptionName: OptionNamer = (option) => FLAGS[option];
