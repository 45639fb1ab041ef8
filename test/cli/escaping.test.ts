import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import { convertFile } from '../../lib/convert/convertFile.js';
import { writeEventModel } from '../../lib/events/writeEventModel.js';
import { stringifyJson } from '../../lib/json/stringifyJson.js';
import { makeModel } from '../events/eventFixtures.js';
import { rejection } from '../helpers/errors.js';
import { useTempDir } from '../helpers/tempDir.js';
import { lines, runCli } from './runCli.js';

/** A channel name that would retitle and clear a terminal printed raw: ESC ] 0 ; ... BEL ESC [ 2 J. */
const HOSTILE = '\u001b]0;pwned\u0007\u001b[2J';
const HOSTILE_SHOWN = '\\x1b]0;pwned\\x07\\x1b[2J';
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

describe('control characters from files and command lines', () => {
  const dir = useTempDir();
  let gpio = '';

  before(async () => {
    gpio = dir.file('hostile.isxd');
    const channelNames = [HOSTILE, 'csi\u009b2J', 'line\u2028break', '=HYPERLINK("http://x")', '-2+3', '@SUM(A1)', '\tA', '\rB', 'plain'];
    const packets = channelNames.map((_, channel) => ({ offsetUs: channel * 1000, channel, value: -1.5 }));
    await writeEventModel(gpio, makeModel({ type: 3, channelNames, packets }));
  });

  it('info prints channel names with control characters escaped', async () => {
    const result = await runCli(['info', gpio]);
    expect(result.status).to.equal(0);
    const text = result.stdout.toString('utf8');
    expect(text).to.include(HOSTILE_SHOWN);
    expect(text).to.include('csi\\x9b2J');
    expect(text).to.include('line\\u2028break');
    expect(text.replaceAll('\n', '')).not.to.match(RAW_CONTROL);
  });

  it('cat prints NDJSON whose strings escape C0, C1 and U+2028/U+2029: one line per row, the names exact', async () => {
    const result = await runCli(['cat', gpio]);
    expect(result.status).to.equal(0);
    const text = result.stdout.toString('utf8');
    expect(text.replaceAll('\n', '')).not.to.match(RAW_CONTROL);
    const rows = lines(result).map((line) => JSON.parse(line) as { channel: string });
    expect(rows.map((r) => r.channel)).to.include.members([HOSTILE, 'csi\u009b2J', 'line\u2028break']);
    expect(text).to.include('"line\\u2028break"');
    expect(text).to.include('"csi\\u009b2J"');
  });

  it('stringifyJson escapes DEL, C1 and U+2028/U+2029 and parses back to the same text', () => {
    const text = 'a\u007fb\u0085c\u2028d\u2029e\u001bf';
    const json = stringifyJson({ [text]: text });
    expect(json).to.equal('{"a\\u007fb\\u0085c\\u2028d\\u2029e\\u001bf":"a\\u007fb\\u0085c\\u2028d\\u2029e\\u001bf"}');
    expect(JSON.parse(json)).to.deep.equal({ [text]: text });
  });

  it('error messages show control characters in paths escaped, on one line', async () => {
    const result = await runCli(['info', dir.file(`missing${HOSTILE}\n.isxd`)]);
    expect(result.status).to.equal(1);
    expect(result.stderr).to.include(`missing${HOSTILE_SHOWN}\\x0a.isxd`);
    expect(result.stderr.split('\n')).to.have.length(2);
    expect(result.stderr.replaceAll('\n', '')).not.to.match(RAW_CONTROL);
  });

  it('convert lists outputs with control characters in their paths escaped', async () => {
    const result = await runCli(['convert', gpio, '--to', 'csv', '--out', dir.file(`out${HOSTILE}`)]);
    expect(result.status).to.equal(0);
    expect(result.stderr).to.include(`out${HOSTILE_SHOWN}`);
    expect(result.stderr.replaceAll('\n', '')).not.to.match(RAW_CONTROL);
  });
});

describe('CSV formula guard (--csv-safe, csvSafe)', () => {
  const dir = useTempDir();
  let gpio = '';

  before(async () => {
    gpio = dir.file('formulas.isxd');
    const channelNames = ['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tA', '\rB', 'plain', "'quoted"];
    const packets = channelNames.map((_, channel) => ({ offsetUs: channel * 1000, channel, value: -1.5 }));
    await writeEventModel(gpio, makeModel({ type: 3, channelNames, packets }));
  });

  /** The `channel` and `value` cells of each data row (channel names here hold no comma or quote but the first). */
  async function channelCells(path: string): Promise<string[]> {
    const text = await readFile(path, 'utf8');
    return text.trimEnd().split('\n').slice(1).map((line) => line.split(',')[1]!);
  }

  it('keeps values verbatim by default', async () => {
    await convertFile(gpio, { to: 'csv', outDir: dir.file('plain') });
    const text = await readFile(dir.file('plain/formulas.samples.csv'), 'utf8');
    expect(text).to.include('"=HYPERLINK(""http://x"")"');
    expect(text).to.include(',+1,');
    expect(text).to.include('\tA');
  });

  it("prefixes text cells starting with = + - @ TAB CR with ' and leaves numbers alone (library)", async () => {
    await convertFile(gpio, { to: 'csv', outDir: dir.file('safe'), csvSafe: true });
    const text = await readFile(dir.file('safe/formulas.samples.csv'), 'utf8');
    expect(text.split('\n')[0]).to.equal('channel_index,channel,offset_us,timestamp,time_s,value,unit');
    expect(await channelCells(dir.file('safe/formulas.samples.csv'))).to.deep.equal([
      `"'=HYPERLINK(""http://x"")"`,
      "'+1",
      "'-2+3",
      "'@SUM(A1)",
      "'\tA",
      `"'\rB"`,
      'plain',
      "'quoted",
    ]);
    // Negative numbers are numbers, not formulas.
    for (const line of text.trimEnd().split('\n').slice(1)) expect(line).to.match(/,-1\.5,[^,]*$/);
  });

  it('is offered by convert as --csv-safe', async () => {
    const result = await runCli(['convert', gpio, '--to', 'csv', '--csv-safe', '--out', dir.file('cli')]);
    expect(result.status).to.equal(0);
    expect(await channelCells(dir.file('cli/formulas.samples.csv'))).to.include("'@SUM(A1)");
  });

  it('is refused for other formats: usage error in the CLI, E_ARGUMENT in the library', async () => {
    const result = await runCli(['convert', gpio, '--to', 'ndjson', '--csv-safe', '--out', dir.file('refused')]);
    expect(result.status).to.equal(2);
    expect(result.stderr.split('\n')[0]).to.equal('isx-stream: --csv-safe applies to --to csv, not --to ndjson');
    const error = await rejection(convertFile(gpio, { to: 'parquet', outDir: dir.file('refused'), csvSafe: true }));
    expect(error.code).to.equal('E_ARGUMENT');
    expect(error.message).to.equal('options.csvSafe applies to options.to csv, not options.to parquet');
  });
});
