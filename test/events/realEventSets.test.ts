import { expect } from 'chai';
import { EventSet } from '../../lib/events/eventSet.js';
import { Ratio } from '../../lib/core/ratio.js';
import { describeReal, realFixture } from '../helpers/fixtures.js';

/** Per-channel event counts from MANIFEST.md (independent of our parser). */
const MANIFEST_COUNTS: Record<string, number[]> = {
  'ideas-toolbox-caiman/sample_eventset_msr_1.isxd': [2072, 2984, 2141, 3544, 2763],
  'ideas-toolbox-caiman/sample_eventset_msr_2.isxd': [2608, 2739, 2634, 3419, 2395],
  'ideas-toolbox-caiman/IM13_session1_2024-10-07_eventset_10cells-10s-subset.isxd': [2, 2, 10, 0, 0, 0, 4, 0, 5, 0],
  'ideas-toolbox-caiman/IM13_session2_2024-10-10_eventset_10cells-10s-subset.isxd': [8, 3, 7, 0, 0, 0, 17, 1, 0, 2],
  'ideas-toolbox-caiman/IM13_session4_2024-10-28_eventset_10cells-10s-subset.isxd': [9, 0, 12, 0, 0, 0, 33, 4, 0, 17],
  'ideas-toolbox-caiman/IM13_session5_2024-10-31_eventset_10cells-10s-subset.isxd': [12, 0, 0, 1, 9, 11, 1, 0, 2, 8],
  // The manifest lists the first 8 of 118 channels and the total (2553).
  'ideas-neural-circuit-analysis/input_cellset-ED.isxd': [10, 22, 21, 40, 7, 41, 31, 14],
};
const MANIFEST_TOTALS: Record<string, number> = {
  'ideas-toolbox-caiman/sample_eventset_msr_1.isxd': 13504,
  'ideas-toolbox-caiman/sample_eventset_msr_2.isxd': 13795,
  'ideas-neural-circuit-analysis/input_cellset-ED.isxd': 2553,
};

function fixture(name: string): string {
  return realFixture(...name.split('/'));
}

describeReal('EventSet on real event sets', () => {
  for (const name of Object.keys(MANIFEST_COUNTS)) {
    describe(name.split('/')[1]!, () => {
      it('has per-cell event counts equal to the footer numSamples and the manifest', async () => {
        await using set = await EventSet.read(fixture(name));
        const numSamples = (set.metadata.numSamples as number[]).map(Number);
        const counts: number[] = [];
        for (let c = 0; c < set.numCells; c++) counts.push((await set.getCellData(c)).offsets.length);
        expect(counts).to.deep.equal(numSamples);
        expect(counts.slice(0, MANIFEST_COUNTS[name]!.length)).to.deep.equal(MANIFEST_COUNTS[name]);
        const total = MANIFEST_TOTALS[name];
        if (total !== undefined) expect(set.numPackets).to.equal(total);
      });

      it('starts every non-empty cell at its footer startOffset', async () => {
        await using set = await EventSet.read(fixture(name));
        const startOffsets = (set.metadata.startOffsets as number[]).map(BigInt);
        for (let c = 0; c < set.numCells; c++) {
          const { offsets } = await set.getCellData(c);
          expect(offsets[0] ?? 0n, `cell ${c}`).to.equal(startOffsets[c]);
        }
      });

      it('returns strictly ascending offsets with one amplitude each', async () => {
        await using set = await EventSet.read(fixture(name));
        for (let c = 0; c < set.numCells; c++) {
          const { offsets, amplitudes } = await set.getCellData(c);
          expect(amplitudes.length).to.equal(offsets.length);
          for (let i = 1; i < offsets.length; i++) expect(offsets[i]! > offsets[i - 1]!, `cell ${c} event ${i}`).to.equal(true);
        }
      });
    });
  }

  it('reads the timing and names of sample_eventset_msr_1', async () => {
    await using set = await EventSet.read(fixture('ideas-toolbox-caiman/sample_eventset_msr_1.isxd'));
    expect(set.kind).to.equal('event_set');
    expect(set.fileLayout).to.equal('V2');
    expect(set.numCells).to.equal(5);
    expect(set.cellNames).to.deep.equal(['C001', 'C014', 'C030', 'C114', 'C175']);
    expect(set.timing.start.secsSinceEpoch.equals(new Ratio(1724666920278n, 1000n))).to.equal(true);
    expect(set.timing.period.num).to.equal(603240466n);
    expect(set.timing.period.den).to.equal(12074000000n);
    expect(set.timing.numSamples).to.equal(12075);
    expect(set.timing.dropped).to.deep.equal([]);
  });

  it('reads 12116 samples for sample_eventset_msr_2', async () => {
    await using set = await EventSet.read(fixture('ideas-toolbox-caiman/sample_eventset_msr_2.isxd'));
    expect(set.timing.numSamples).to.equal(12116);
  });

  it('reads the timing, cell count, empty cell and metrics of input_cellset-ED', async () => {
    await using set = await EventSet.read(fixture('ideas-neural-circuit-analysis/input_cellset-ED.isxd'));
    expect(set.numCells).to.equal(118);
    expect(set.timing.period.equals(new Ratio(99922n, 1000000n))).to.equal(true);
    expect(set.timing.period.den).to.equal(1000000n);
    expect(set.timing.numSamples).to.equal(7456);
    expect((await set.getCellData(113)).offsets.length).to.equal(0);
    expect(set.getMetrics(113)).to.equal(null);
    expect(set.getMetrics(0)!.snr).to.be.closeTo(14.6322679519653, 1e-12);
    expect(set.getMetrics(0)!.decaySD).to.be.closeTo(6.51051425933838, 1e-12);
    expect(set.getCellIndex('C113')).to.equal(113);
    expect(set.getAcquisitionInfo()?.['Session Name']).to.equal('Z33_Veh_Testing_10112022');
  });

  it('has no acquisition info for a footer whose extraProperties is null', async () => {
    await using set = await EventSet.read(fixture('ideas-toolbox-caiman/sample_eventset_msr_1.isxd'));
    expect(set.getAcquisitionInfo()).to.equal(null);
  });

  it('with parity lowers exactly 217 offsets of sample_eventset_msr_1 by 1 µs, as isx does', async () => {
    const path = fixture('ideas-toolbox-caiman/sample_eventset_msr_1.isxd');
    await using stored = await EventSet.read(path);
    await using parity = await EventSet.read(path, { parity: true });
    let changed = 0;
    let sawExample = false;
    for (let c = 0; c < stored.numCells; c++) {
      const a = await stored.getCellData(c);
      const b = await parity.getCellData(c);
      expect(b.offsets.length).to.equal(a.offsets.length);
      for (let i = 0; i < a.offsets.length; i++) {
        if (a.offsets[i] === b.offsets[i]) continue;
        expect(a.offsets[i]! - b.offsets[i]!).to.equal(1n);
        if (a.offsets[i] === 65500103n) sawExample = b.offsets[i] === 65500102n;
        changed++;
      }
    }
    expect(changed).to.equal(217);
    expect(sawExample).to.equal(true);
  });

  it('gives the same channel data when cells are read in reverse order (block fast path)', async () => {
    const path = fixture('ideas-toolbox-caiman/sample_eventset_msr_2.isxd');
    await using forward = await EventSet.read(path);
    await using backward = await EventSet.read(path);
    const first = [];
    for (let c = 0; c < forward.numCells; c++) first.push(await forward.getCellData(c));
    for (let c = backward.numCells - 1; c >= 0; c--) expect(await backward.getCellData(c)).to.deep.equal(first[c]);
  });
});
