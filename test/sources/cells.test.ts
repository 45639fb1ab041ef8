import { expect } from 'chai';
import { chain } from 'stream-chain';
import { Spacing } from '../../lib/core/spacing.js';
import { MAX_UNBACKED_SAMPLES } from '../../lib/core/timing.js';
import { CellSet } from '../../lib/isxd/cellSet.js';
import { CellSetWriter } from '../../lib/isxd/writeCellSet.js';
import { cells } from '../../lib/sources/cells.js';
import type { CellRecord } from '../../lib/core/records.js';
import { stream } from '../../lib/kinds/stream.js';
import { selectCells } from '../../transforms/select.js';
import { tracesTable } from '../../transforms/tables/traces.js';
import { describeReal, realFixture } from '../helpers/fixtures.js';
import { useTempDir } from '../helpers/tempDir.js';
import { minimalCellSetFooter, writeRawIsxd } from '../isxd/cellSetTestFiles.js';
import { makeTiming } from '../isxd/movieTestKit.js';
import { collect, countOpenFds } from './sourceKit.js';

const START_US = 1_700_000_000_000_000;

describe('cells source on a synthetic cell set', () => {
  const dir = useTempDir();
  let path = '';

  before(async () => {
    path = dir.file('cells.isxd');
    // 3 cells, 2x2 footprints, 5 samples at 50 ms with sample 2 dropped (NaN in every trace).
    const writer = await CellSetWriter.create(path, { timing: makeTiming(5, { dropped: [2] }), spacing: new Spacing(2, 2) });
    const statuses = ['accepted', 'rejected', 'accepted'] as const;
    for (let c = 0; c < 3; c++) {
      await writer.writeCell(c, {
        footprint: Float32Array.of(c, c + 0.5, 0, 1),
        trace: Float32Array.from({ length: 5 }, (_, k) => 10 * c + k),
        name: `N${c}`,
        status: statuses[c],
        color: 0xff00ff00 + c,
        active: c !== 1,
      });
    }
    await writer.finish();
  });

  it('gives every cell with its identity, footprint, trace (NaN kept) and sample times', async () => {
    await using set = await CellSet.read(path);
    const out = await collect(cells(set));
    expect(out.map((c) => [c.index, c.name, c.status, c.color, c.active])).to.deep.equal([
      [0, 'N0', 'accepted', 0xff00ff00, true],
      [1, 'N1', 'rejected', 0xff00ff01, false],
      [2, 'N2', 'accepted', 0xff00ff02, true],
    ]);
    expect([...out[1]!.footprint]).to.deep.equal([1, 1.5, 0, 1]);
    expect([...out[2]!.trace]).to.deep.equal([20, 21, NaN, 23, 24]);
    expect([...out[0]!.timestampsUs!]).to.deep.equal([0, 1, 2, 3, 4].map((k) => START_US + 50_000 * k));
    expect(out[0]!.firstSampleIndex).to.equal(0);
  });

  it('keeps only the trace samples of a range, saying where the slice starts', async () => {
    await using set = await CellSet.read(path);
    const out = await collect(cells(set, { startSec: 0.05, endIndex: 4 }));
    expect([...out[1]!.trace]).to.deep.equal([11, NaN, 13]);
    expect([...out[1]!.timestampsUs!]).to.deep.equal([1, 2, 3].map((k) => START_US + 50_000 * k));
    expect(out[1]!.firstSampleIndex).to.equal(1);
  });

  it('feeds accepted cells into the traces table as one row per sample', async () => {
    await using set = await CellSet.read(path);
    const accepted = await collect<CellRecord>(chain([stream(set), selectCells({ statuses: ['accepted'] })]));
    const batch = tracesTable({ kind: 'cell_set', source: 'c.isxd', metadata: {}, startUs: 0 }).toBatch(accepted);
    expect(batch.numRows).to.equal(10);
    const column = (name: string) => batch.getChild(name)!.toArray()[7];
    expect([column('cell_index'), column('sample_index'), column('timestamp'), column('value')]).to.deep.equal([2, 2n, BigInt(START_US + 100_000), NaN]);
    expect([batch.getChild('name')!.get(7), batch.getChild('status')!.get(7)]).to.deep.equal(['N2', 'accepted']);
  });

  it('closes the cell set at the end with closeOnEnd', async () => {
    const before = countOpenFds();
    const set = await CellSet.read(path);
    expect((await collect(stream(set, { closeOnEnd: true }))).length).to.equal(3);
    expect(countOpenFds()).to.equal(before);
  });
});

describe('cells source on an empty cell set of a long recording', () => {
  const dir = useTempDir();

  it('yields nothing and computes no timestamps for the samples no cell stores', async () => {
    const path = dir.file('empty.isxd');
    // The most samples without bytes a cell set may declare (spec 5.2: without cells no sample is stored).
    await writeRawIsxd(path, new Uint8Array(0), minimalCellSetFooter([], makeTiming(MAX_UNBACKED_SAMPLES), new Spacing(4, 4)));
    await using cellSet = await CellSet.read(path);
    const allocatedBefore = process.memoryUsage().arrayBuffers;
    expect(await collect(cells(cellSet))).to.deep.equal([]);
    // One timestamp array for every sample would take 8 bytes each: 512 MiB.
    expect(process.memoryUsage().arrayBuffers - allocatedBefore).to.be.below(16 * 1024 * 1024);
  });
});

describeReal('cells source on real cell sets', () => {
  it('streams the 20 cells of the mixed-status set with 9 accepted, 6 undecided and 5 rejected', async () => {
    await using set = await CellSet.read(realFixture('ideas-neural-circuit-analysis', 'cellset_accepted_undecided_and_rejected_cells.isxd'));
    const out = await collect(cells(set));
    const count = (status: string): number => out.filter((c) => c.status === status).length;
    expect([out.length, count('accepted'), count('undecided'), count('rejected')]).to.deep.equal([20, 9, 6, 5]);
    expect(out.every((c) => c.trace.length === 2047 && c.footprint.length === 50 * 52)).to.equal(true);
  });
});
