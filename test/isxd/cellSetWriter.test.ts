import { expect } from 'chai';
import { existsSync, readdirSync } from 'node:fs';
import { Ratio } from '../../lib/core/ratio.js';
import { Spacing } from '../../lib/core/spacing.js';
import { Time } from '../../lib/core/time.js';
import { Timing } from '../../lib/core/timing.js';
import { CellSet, type CellMetrics } from '../../lib/isxd/cellSet.js';
import { CellSetWriter } from '../../lib/isxd/writeCellSet.js';
import { readFooter } from '../../lib/isxd/footer.js';
import { FileSource } from '../../lib/io/fileSource.js';
import { defaultName } from '../../lib/isxd/defaultNames.js';
import { useTempDir } from '../helpers/tempDir.js';
import { makeSpacing, makeTiming, ramp, rejection } from './cellSetTestFiles.js';

describe('CellSetWriter', () => {
  const dir = useTempDir();

  async function writeCells(name: string, timing: Timing, spacing: Spacing, count: number): Promise<string> {
    const path = dir.file(name);
    const writer = await CellSetWriter.create(path, { timing, spacing });
    for (let i = 0; i < count; i++) {
      await writer.writeCell(i, { footprint: ramp(spacing.pixelCount, i), trace: ramp(timing.numSamples, 10 * i) });
    }
    await writer.finish();
    return path;
  }

  it('round-trips every field: names, statuses, colours, activity, metrics, efocus, extraProperties, timing, spacing', async () => {
    const path = dir.file('full.isxd');
    const timing = new Timing({
      numSamples: 6,
      period: new Ratio(603240466n, 12074000000n),
      start: new Time(new Ratio(1724666920278n, 1000n), -3600),
    });
    const spacing = new Spacing(4, 3, { x: new Ratio(176, 10), y: new Ratio(176, 10) }, { x: new Ratio(9064, 10), y: new Ratio(6336, 10) });
    const metrics: CellMetrics = {
      numComponents: 2,
      overallCenter: { x: 3, y: 1 },
      largestComponentCenter: null,
      overallArea: 4.5,
      largestComponentArea: 2,
      overallMaxContourWidth: 1.41421353816986,
      largestComponentMaxContourWidth: 1,
    };
    const extraProperties = { idps: { cellset: { method: 'pca-ica', units: 'dF over F' } }, big: 2n ** 60n + 1n };
    const writer = await CellSetWriter.create(path, { timing, spacing, extraProperties, isRoiSet: true, efocusValues: [100, 200] });
    await writer.writeCell(0, { footprint: ramp(12), trace: ramp(6, 1), name: 'alpha', status: 'accepted', color: 0xff00ff00, active: false, metrics });
    await writer.writeCell(1, { footprint: ramp(12, 7), trace: ramp(6, 2), status: 'rejected' });
    await writer.finish();

    await using cellSet = await CellSet.read(path);
    expect(cellSet.numCells).to.equal(2);
    expect(cellSet.fileVersion).to.equal(5);
    expect(cellSet.isRoiSet).to.equal(true);
    expect(cellSet.efocusValues).to.deep.equal([100, 200]);
    expect(cellSet.timing.toJson()).to.deep.equal(timing.toJson());
    expect(cellSet.spacing.toJson()).to.deep.equal(spacing.toJson());
    expect([cellSet.getCellName(0), cellSet.getCellName(1)]).to.deep.equal(['alpha', 'C1']);
    expect([cellSet.getCellStatus(0), cellSet.getCellStatus(1)]).to.deep.equal(['accepted', 'rejected']);
    expect([cellSet.getCellColor(0), cellSet.getCellColor(1)]).to.deep.equal([0xff00ff00, 0xffffffff]);
    expect([cellSet.getCellActive(0), cellSet.getCellActive(1)]).to.deep.equal([false, true]);
    expect(cellSet.getCellMetrics(0)).to.deep.equal(metrics);
    expect(cellSet.getCellMetrics(1)).to.equal(null);
    expect(cellSet.metadata.extraProperties).to.deep.equal(extraProperties);
    expect(Array.from(await cellSet.getCellImageData(1))).to.deep.equal(Array.from(ramp(12, 7)));
    expect(Array.from(await cellSet.getCellTrace(0))).to.deep.equal(Array.from(ramp(6, 1)));
  });

  it('writes exactly numCells·4·(rows·cols + numSamples) payload bytes (spec 16)', async () => {
    const path = await writeCells('size.isxd', makeTiming(7), makeSpacing(5, 2), 3);
    await using source = await FileSource.open(path);
    expect((await readFooter(source)).payloadEnd).to.equal(3 * 4 * (10 + 7));
    await using cellSet = await CellSet.read(path);
    expect(cellSet.metadata.CellColors).to.deep.equal([0xffffffff, 0xffffffff, 0xffffffff]);
    expect(cellSet.metadata.cellMetrics).to.equal(null);
  });

  it('writes and reads a set with 0 cells', async () => {
    const path = await writeCells('zero.isxd', makeTiming(4), makeSpacing(2, 2), 0);
    await using cellSet = await CellSet.read(path);
    expect(cellSet.numCells).to.equal(0);
    expect(cellSet.metadata.CellNames).to.deep.equal([]);
  });

  it('writes and reads a set with 1 cell named C0', async () => {
    const path = await writeCells('one.isxd', makeTiming(4), makeSpacing(2, 2), 1);
    await using cellSet = await CellSet.read(path);
    expect(cellSet.numCells).to.equal(1);
    expect(cellSet.getCellName(0)).to.equal('C0');
    expect(cellSet.getCellStatus(0)).to.equal('undecided');
  });

  it('pads default names to the digits of the last index: 11 cells give C00..C10', async () => {
    const path = await writeCells('eleven.isxd', makeTiming(2), makeSpacing(1, 1), 11);
    await using cellSet = await CellSet.read(path);
    expect(Array.from({ length: 11 }, (_, i) => cellSet.getCellName(i))).to.deep.equal([
      'C00', 'C01', 'C02', 'C03', 'C04', 'C05', 'C06', 'C07', 'C08', 'C09', 'C10',
    ]);
  });

  it('keeps one-digit default names up to 10 cells and widens at 101', () => {
    expect(defaultName('C', 9, 10)).to.equal('C9');
    expect(defaultName('V', 5, 101)).to.equal('V005');
    expect(defaultName('C', 99, 100)).to.equal('C99');
  });

  it('keeps NaN trace values at valid indices', async () => {
    const path = dir.file('nan.isxd');
    const writer = await CellSetWriter.create(path, { timing: makeTiming(3), spacing: makeSpacing(1, 1) });
    await writer.writeCell(0, { footprint: new Float32Array([1]), trace: new Float32Array([Number.NaN, 2, Number.NaN]) });
    await writer.finish();
    await using cellSet = await CellSet.read(path);
    expect(Array.from(await cellSet.getCellTrace(0))).to.deep.equal([Number.NaN, 2, Number.NaN]);
  });

  it('forces NaN at dropped, cropped and blank indices and leaves the caller array alone (spec 5.2)', async () => {
    const path = dir.file('dropped.isxd');
    const timing = makeTiming(8, { dropped: [1], cropped: [[3, 4]], blank: [6] });
    const trace = ramp(8, 1);
    const writer = await CellSetWriter.create(path, { timing, spacing: makeSpacing(1, 1) });
    await writer.writeCell(0, { footprint: new Float32Array([1]), trace });
    await writer.finish();
    expect(trace[1]).to.equal(1.5);
    await using cellSet = await CellSet.read(path);
    expect(cellSet.timing.dropped).to.deep.equal([1]);
    expect(Array.from(await cellSet.getCellTrace(0))).to.deep.equal([1, NaN, 2, NaN, NaN, 3.5, NaN, 4.5]);
  });

  it('rejects cells written out of order, with wrong sizes, or a bad colour, with E_ARGUMENT', async () => {
    const path = dir.file('order.isxd');
    const writer = await CellSetWriter.create(path, { timing: makeTiming(2), spacing: makeSpacing(2, 1) });
    const ok = { footprint: ramp(2), trace: ramp(2) };
    const skipped = await rejection(writer.writeCell(1, ok));
    expect(skipped.code).to.equal('E_ARGUMENT');
    expect(skipped.detail).to.equal('cells must be written in increasing order: expected cell 0, got 1');
    const footprint = await rejection(writer.writeCell(0, { ...ok, footprint: ramp(3) }));
    expect(footprint.detail).to.equal('cell 0 footprint has 3 values; rows·cols is 2');
    const trace = await rejection(writer.writeCell(0, { ...ok, trace: ramp(1) }));
    expect(trace.detail).to.equal('cell 0 trace has 1 values; numSamples is 2');
    const color = await rejection(writer.writeCell(0, { ...ok, color: 2 ** 32 }));
    expect(color.detail).to.equal('color must be a u32 0xAARRGGBB, not 4294967296');
    await writer.abort();
  });

  it('leaves nothing at the path after abort and refuses an existing file without overwrite', async () => {
    const path = dir.file('aborted.isxd');
    const writer = await CellSetWriter.create(path, { timing: makeTiming(2), spacing: makeSpacing(1, 1) });
    await writer.writeCell(0, { footprint: ramp(1), trace: ramp(2) });
    await writer.abort();
    expect(existsSync(path)).to.equal(false);
    expect(readdirSync(dir.path).filter((f) => f.includes('aborted'))).to.deep.equal([]);
    const existing = await writeCells('exists.isxd', makeTiming(2), makeSpacing(1, 1), 1);
    const error = await rejection(CellSetWriter.create(existing, { timing: makeTiming(2), spacing: makeSpacing(1, 1) }));
    expect(error.code).to.equal('E_EXISTS');
    const replaced = await CellSetWriter.create(existing, { timing: makeTiming(2), spacing: makeSpacing(1, 1), overwrite: true });
    await replaced.finish();
    await using cellSet = await CellSet.read(existing);
    expect(cellSet.numCells).to.equal(0);
  });

  it('refuses writes after finish', async () => {
    const writer = await CellSetWriter.create(dir.file('finished.isxd'), { timing: makeTiming(1), spacing: makeSpacing(1, 1) });
    await writer.finish();
    const error = await rejection(writer.writeCell(0, { footprint: ramp(1), trace: ramp(1) }));
    expect(error.detail).to.equal('the cell set writer is already finished or aborted');
  });
});
