import { expect } from 'chai';
import { CellSet } from '../../lib/isxd/cellSet.js';
import { describeReal, realFixture } from '../helpers/fixtures.js';

/** Expected values from ../shared/fixtures/real/MANIFEST.md (statuses as accepted/undecided/rejected). */
const CELL_SETS = [
  { file: ['ideas-toolbox-caiman', 'cellset_series_part1.isxd'], cells: 6, first: ['C0', 'C1', 'C2'], cols: 21, rows: 21, samples: 100, period: [100n, 1000n], counts: [0, 6, 0] },
  { file: ['ideas-toolbox-caiman', 'cellset_series_part2.isxd'], cells: 6, first: ['C0', 'C1', 'C2'], cols: 21, rows: 21, samples: 95, period: [100n, 1000n], counts: [0, 6, 0] },
  ...[
    ['cellset_accepted_cells_only.isxd', [20, 0, 0], 2047],
    ['cellset_accepted_undecided_and_rejected_cells.isxd', [9, 6, 5], 2047],
    ['cellset_rejected_cells_only.isxd', [0, 0, 20], 2047],
    ['cellset_single_accepted_cell.isxd', [1, 6, 13], 2047],
    ['cellset_undecided_cells_only.isxd', [0, 20, 0], 2047],
    ['cellset_series_part1-PCA-ICA.isxd', [0, 20, 0], 2047],
    ['cellset_series_part2-PCA-ICA.isxd', [0, 20, 0], 1701],
  ].map(([name, counts, samples]) => ({
    file: ['ideas-neural-circuit-analysis', name as string],
    cells: 20,
    first: ['C00', 'C01', 'C02'],
    cols: 50,
    rows: 52,
    samples: samples as number,
    period: [2000n, 20000n],
    counts: counts as number[],
  })),
];

describeReal('CellSet on real files', () => {
  for (const expected of CELL_SETS) {
    const name = expected.file[1];

    it(`opens ${name} with the MANIFEST's counts, geometry, timing and statuses`, async () => {
      await using cellSet = await CellSet.read(realFixture(...expected.file));
      expect(cellSet.kind).to.equal('cell_set');
      expect(cellSet.numCells).to.equal(expected.cells);
      expect(cellSet.spacing.numPixels).to.deep.equal([expected.rows, expected.cols]);
      expect(cellSet.timing.numSamples).to.equal(expected.samples);
      expect([cellSet.timing.period.num, cellSet.timing.period.den]).to.deep.equal(expected.period);
      expect(cellSet.fileVersion).to.equal(5);
      expect(cellSet.isRoiSet).to.equal(false);
      expect([0, 1, 2].map((i) => cellSet.getCellName(i))).to.deep.equal(expected.first);
      const statuses = Array.from({ length: cellSet.numCells }, (_, i) => cellSet.getCellStatus(i));
      const count = (s: string): number => statuses.filter((x) => x === s).length;
      expect([count('accepted'), count('undecided'), count('rejected')]).to.deep.equal(expected.counts);
    });

    it(`reads every trace of ${name} with numSamples values and no NaN (no invalid samples)`, async () => {
      await using cellSet = await CellSet.read(realFixture(...expected.file));
      for (let i = 0; i < cellSet.numCells; i++) {
        const { footprint, trace } = await cellSet.readCell(i);
        expect(trace.length).to.equal(expected.samples);
        expect(footprint.length).to.equal(expected.rows * expected.cols);
        expect(trace.some(Number.isNaN), `cell ${i}`).to.equal(false);
        expect(await cellSet.getCellTrace(i)).to.deep.equal(trace);
        expect(await cellSet.getCellImageData(i)).to.deep.equal(footprint);
      }
    });
  }

  it('reads INT64_MIN metric centres of cellset_series_part1.isxd as not computed', async () => {
    await using cellSet = await CellSet.read(realFixture('ideas-toolbox-caiman', 'cellset_series_part1.isxd'));
    const metrics = cellSet.getCellMetrics(1)!;
    expect(metrics).to.deep.equal({
      numComponents: 1,
      overallCenter: null,
      largestComponentCenter: null,
      overallArea: 0,
      largestComponentArea: 0,
      overallMaxContourWidth: 1,
      largestComponentMaxContourWidth: 1,
    });
  });

  it('has each computed metric centre of the mixed-status set within one pixel of its footprint arg-max (spec 17)', async () => {
    const path = realFixture('ideas-neural-circuit-analysis', 'cellset_accepted_undecided_and_rejected_cells.isxd');
    await using cellSet = await CellSet.read(path);
    const cols = cellSet.spacing.numCols;
    const notComputed: number[] = [];
    for (let i = 0; i < cellSet.numCells; i++) {
      const center = cellSet.getCellMetrics(i)!.overallCenter;
      if (center === null) {
        notComputed.push(i);
        continue;
      }
      const image = await cellSet.getCellImageData(i);
      let best = 0;
      for (let p = 1; p < image.length; p++) if (image[p]! > image[best]!) best = p;
      expect(Math.abs((best % cols) - center.x), `cell ${i} column`).to.be.at.most(1);
      expect(Math.abs(Math.floor(best / cols) - center.y), `cell ${i} row`).to.be.at.most(1);
    }
    // Cells 6, 12, 14, 16 and 17 store INT64_MIN centres in this file.
    expect(notComputed).to.deep.equal([6, 12, 14, 16, 17]);
  });

  it('reads the footer extras of the mixed-status set: efocus values, activity, colours, acquisition info', async () => {
    const path = realFixture('ideas-neural-circuit-analysis', 'cellset_accepted_undecided_and_rejected_cells.isxd');
    await using cellSet = await CellSet.read(path);
    expect(cellSet.efocusValues).to.deep.equal([0, 0]);
    expect(cellSet.getCellActive(19)).to.equal(true);
    expect(cellSet.getCellColor(0)).to.equal(0xffffffff);
    expect(cellSet.getAcquisitionInfo()).to.include({ 'Cell Identification Method': 'pca-ica', 'Trace Units': 'dF over F' });
  });
});
