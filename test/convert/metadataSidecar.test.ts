import { expect } from 'chai';
import { copyFile, readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { tableFromIPC } from 'apache-arrow';
import { convertDataset, convertFile, MANIFEST_FOLDER } from '../../lib/index.js';
import { CommitGroup } from '../../lib/io/commitGroup.js';
import type { JsonObject } from '../../lib/json/jsonValue.js';
import { parseJson } from '../../lib/json/parseJson.js';
import { stringifyJson } from '../../lib/json/stringifyJson.js';
import { writeMetadataSidecar } from '../../lib/convert/metadataSidecar.js';
import { MAX_EMBEDDED_METADATA_BYTES } from '../../transforms/tables/sourceMetadata.js';
import { DEMO, runCli } from '../cli/runCli.js';
import { makeTiming, readIsxdParts, rewriteFooter } from '../helpers/isxdFiles.js';
import { useTempDir } from '../helpers/tempDir.js';
import { writeTestMovie } from '../isxd/movieTestKit.js';
import { parquetMetadata, readArrow } from '../sinks/readBack.js';

/** Footer extras over the cap: non-ASCII text (UTF-8 bytes differ from characters) and an integer beyond 2^53. */
const BIG_EXTRAS: JsonObject = { note: `é${'x'.repeat(2 * MAX_EMBEDDED_METADATA_BYTES)}`, counter: 2n ** 63n + 1n };

/** The footer of an .isxd file as lib/json parses it (integers beyond 2^53 as bigint). */
async function footerOf(path: string): Promise<JsonObject> {
  return (await readIsxdParts(path)).footer;
}

function keysOf(metadata: Map<string, string>): Record<string, string> {
  return Object.fromEntries([...metadata].filter(([key]) => key.startsWith('isx:metadata')));
}

describe('metadata over 1 MiB: stored once per input in a sidecar (issue 12)', () => {
  const dir = useTempDir();
  let cellSet = '';
  let movie = '';

  before(async () => {
    cellSet = dir.file('big.isxd');
    await copyFile(DEMO, cellSet);
    await rewriteFooter(cellSet, (footer) => {
      footer.extraProperties = BIG_EXTRAS;
    });
    movie = dir.file('bigmovie.isxd');
    await writeTestMovie(movie, { timing: makeTiming(2), dataType: 'uint16', extraProperties: BIG_EXTRAS });
  });

  it('writes a cell set\'s footer JSON exactly to <stem>.metadata.json, named by every Parquet table instead of isx:metadata', async () => {
    const out = dir.file('parquet');
    const written = await convertFile(cellSet, { to: 'parquet', outDir: out });
    const sidecar = join(out, 'big.metadata.json');
    expect(written.map((w) => [w.table, w.path, w.sidecar])).to.deep.equal([
      ['metadata', sidecar, true],
      ['cells', join(out, 'big.cells.parquet'), undefined],
      ['traces', join(out, 'big.traces.parquet'), undefined],
    ]);
    const text = await readFile(sidecar);
    expect(parseJson(text.toString('utf8'))).to.deep.equal(await footerOf(cellSet));
    for (const table of ['cells', 'traces']) {
      const metadata = await parquetMetadata(join(out, `big.${table}.parquet`));
      expect(keysOf(metadata)).to.deep.equal({ 'isx:metadata-file': 'big.metadata.json', 'isx:metadata-bytes': String(text.byteLength) });
      expect(metadata.get('isx:kind')).to.equal('cell_set');
    }
  });

  it('does the same for a movie\'s Arrow tables', async () => {
    const out = dir.file('arrow');
    await convertFile(movie, { to: 'arrow', outDir: out });
    const text = await readFile(join(out, 'bigmovie.metadata.json'));
    expect(parseJson(text.toString('utf8'))).to.deep.equal(await footerOf(movie));
    const frames = await readArrow(join(out, 'bigmovie.frames.arrow'));
    expect(keysOf(frames.schema.metadata)).to.deep.equal({ 'isx:metadata-file': 'bigmovie.metadata.json', 'isx:metadata-bytes': String(text.byteLength) });
  });

  it('names the sidecar of a Hive-partitioned input relative to the table and lists it in the manifest', async () => {
    const out = dir.file('lake');
    await convertDataset([{ path: cellSet, keys: { recording: 'big', subject: 'm1' } }], { to: 'parquet', outDir: out, partitionBy: ['subject'] });
    const [tableFile] = await readdir(join(out, 'traces/subject=m1'));
    const tablePath = join(out, 'traces/subject=m1', tableFile!);
    const named = (await parquetMetadata(tablePath)).get('isx:metadata-file')!;
    expect(named).to.match(/^\.\.\/\.\.\/metadata\/subject=m1\/part-[0-9a-f]{16}\.json$/);
    const text = await readFile(join(dirname(tablePath), named), 'utf8');
    expect(parseJson(text)).to.deep.equal(await footerOf(cellSet));
    const [manifestFile] = await readdir(join(out, MANIFEST_FOLDER));
    const manifest = JSON.parse(await readFile(join(out, MANIFEST_FOLDER, manifestFile!), 'utf8')) as { tables: { table: string; sidecar?: true }[] };
    expect(manifest.tables.filter((t) => t.sidecar).map((t) => t.table)).to.deep.equal(['metadata']);
  });

  it('leaves the metadata out of a table on stdout, saying so in the table and in one warning line', async () => {
    const result = await runCli(['convert', cellSet, '--to', 'arrows', '--out', '-', '--tables', 'traces', '--quiet']);
    expect(result.status).to.equal(0);
    const metadata = tableFromIPC(result.stdout).schema.metadata;
    const bytes = Buffer.byteLength(stringifyJson(await footerOf(cellSet)));
    expect(keysOf(metadata)).to.deep.equal({
      'isx:metadata-bytes': String(bytes),
      'isx:metadata-omitted': 'larger than the 1 MiB a table embeds, and a table written to a stream has no sidecar file',
    });
    expect(result.stderr).to.equal(
      `isx-stream: warning: ${cellSet} → stdout: the file's metadata is not in the table: larger than the 1 MiB a table embeds, and a table written to a stream has no sidecar file\n`,
    );
  });

  it('writes no sidecar for a table on stdout through the library either, and reports the omission', async () => {
    const sink = new Writable({ write: (_chunk, _encoding, callback) => callback() });
    const [written] = await convertFile(cellSet, { to: 'parquet', stdout: sink, tables: ['cells'] });
    expect(written!.metadataOmitted).to.match(/^larger than the 1 MiB/);
  });

  it('never splits a character between the sidecar\'s writes', async () => {
    // 'a' puts every surrogate pair at odd offsets, so the first 1 MiB boundary in the text falls inside one.
    const text = `a${'😀'.repeat(MAX_EMBEDDED_METADATA_BYTES)}`;
    const group = new CommitGroup();
    const path = dir.file('emoji.json');
    await writeMetadataSidecar(group, { path, pieces: ['[', text, ']'] });
    await group.commit();
    expect((await readFile(path, 'utf8')) === `[${text}]`).to.equal(true);
  });
});
