import { copyFile, writeFile } from 'node:fs/promises';
import { expect } from 'chai';
import { parseJson } from '../../lib/json/parseJson.js';
import type { JsonObject } from '../../lib/json/jsonValue.js';
import { describeReal, realFixture } from '../helpers/fixtures.js';
import { useTempDir } from '../helpers/tempDir.js';
import { DEMO, lines, runCli } from './runCli.js';

describe('isx-stream info', () => {
  const dir = useTempDir();

  it('prints a readable summary of the demo cell set', async () => {
    const result = await runCli(['info', DEMO]);
    expect(result.status).to.equal(0);
    const text = result.stdout.toString();
    expect(text).to.include('  kind          cellset\n');
    expect(text).to.include('  size          52,738 bytes\n');
    expect(text).to.include('  samples       300 (299 valid)\n');
    expect(text).to.include('  period        0.05 s (50/1000)\n');
    expect(text).to.include('  start         2024-01-01T00:00:00.000Z (1704067200000000 µs since epoch)\n');
    expect(text).to.include('  dropped       1: 150\n');
    expect(text).to.include('  pixels        32 rows x 40 cols\n');
    expect(text).to.include('  cells         8 (5 accepted, 2 undecided, 1 rejected)\n');
    expect(text).to.include('    Animal ID: demo-mouse-1\n');
    expect(result.stderr).to.equal('');
  });

  it('prints one JSON object per file and line with --json', async () => {
    const copy = dir.file('copy.isxd');
    await copyFile(DEMO, copy);
    const result = await runCli(['info', DEMO, copy, '--json']);
    expect(result.status).to.equal(0);
    const objects = lines(result).map((line) => parseJson(line) as JsonObject);
    expect(objects.map((o) => o.path)).to.deep.equal([DEMO, copy]);
    expect(objects[0]).to.include({ kind: 'cellset', numSamples: 300, numCells: 8, period: '50/1000', rows: 32, cols: 40 });
    expect(objects[0]!.startUs).to.equal(1704067200000000);
    expect(objects[0]!.dropped).to.deep.equal([150]);
  });

  it('adds the whole footer with --metadata', async () => {
    const result = await runCli(['info', DEMO, '--json', '--metadata']);
    const summary = parseJson(lines(result)[0]!) as JsonObject;
    expect((summary.metadata as JsonObject).type).to.equal(1);
    expect((summary.metadata as JsonObject).CellNames).to.have.length(8);
  });

  it('reports a corrupt file by name, problem and offset, summarises the others and exits 1', async () => {
    const bad = dir.file('bad.isxd');
    await writeFile(bad, Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0xe8, 0x03, 0, 0, 0, 0, 0, 0]));
    const result = await runCli(['info', bad, DEMO, '--json']);
    expect(result.status).to.equal(1);
    expect(result.stderr).to.equal(
      `isx-stream: ${bad}: footer length 1000 at offset 8 is larger than the 7 bytes before the trailer (not an .isxd file, or truncated?)\n`,
    );
    expect(lines(result)).to.have.length(1);
  });

  describeReal('on real files', () => {
    it('summarises a real float32 movie', async () => {
      const result = await runCli(['info', realFixture('ideas-toolbox-caiman', 'movie_part2_108x123x63.isxd'), '--json']);
      expect(result.status).to.equal(0);
      const summary = parseJson(lines(result)[0]!) as JsonObject;
      expect(summary).to.include({ kind: 'movie', numSamples: 63, rows: 123, cols: 108, dataType: 'float32', fileBytes: 3348801 });
    });

    it('summarises a real event set with its cell count', async () => {
      const result = await runCli(['info', realFixture('ideas-toolbox-caiman', 'sample_eventset_msr_1.isxd'), '--json']);
      const summary = parseJson(lines(result)[0]!) as JsonObject;
      expect(summary).to.include({ kind: 'eventset', numCells: 5, period: '603240466/12074000000' });
    });

    it('summarises a real behaviour movie', async () => {
      const path = realFixture('ideas-toolbox-deeplabcut', 'Group-20240111-080531_2024-01-12-08-55-21_sched_0.isxb');
      const summary = parseJson(lines(await runCli(['info', path, '--json']))[0]!) as JsonObject;
      expect(summary).to.include({ kind: 'behavior', numSamples: 10, startUs: 1705049721643000, dataType: 'uint8' });
    });
  });
});
