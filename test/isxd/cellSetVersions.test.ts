import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { CellSet } from '../../lib/isxd/cellSet.js';
import type { JsonObject } from '../../lib/json/jsonValue.js';
import { useTempDir } from '../helpers/tempDir.js';
import {
  cellPayload,
  makeSpacing,
  makeTiming,
  minimalCellSetFooter,
  ramp,
  rejection,
  writeRawIsxd,
} from './cellSetTestFiles.js';

const timing = makeTiming(5);
const spacing = makeSpacing(3, 2);
const names = ['a', 'b', 'c'];
const payload = cellPayload(3, 6, 5);
const INT64_MIN = -(2n ** 63n);

/** The keys each fileVersion adds to the minimal footer (spec 5.1). */
function footerOfVersion(version: number): JsonObject {
  const footer: JsonObject = { ...minimalCellSetFooter(names, timing, spacing), fileVersion: version };
  if (version >= 1) footer.CellActivity = [true, false, true];
  if (version >= 2) footer.CellColors = [0xff112233, 0xffffffff, 0];
  if (version >= 3) Object.assign(footer, { SizeGlobalCS: 0, Matches: [], PairScores: [], CentroidDistances: [] });
  if (version >= 4) {
    footer.cellMetrics = [{}, [2, { x: 1, y: 0 }, { x: INT64_MIN, y: INT64_MIN }, 3.5, 1, null, 2], {}];
  }
  if (version >= 5) footer.extraProperties = { idps: { cellset: { method: 'cnmfe', units: 'dF over noise' }, efocus: 412 } };
  return footer;
}

describe('CellSet file versions', () => {
  const dir = useTempDir();

  async function openVersion(version: number): Promise<CellSet> {
    const path = dir.file(`v${version}.isxd`);
    await writeRawIsxd(path, payload, footerOfVersion(version));
    return CellSet.read(path);
  }

  it('opens a fileVersion 0 set with only the minimal keys, all cells active and white', async () => {
    await using cellSet = await openVersion(0);
    expect(cellSet.fileVersion).to.equal(0);
    expect(cellSet.numCells).to.equal(3);
    expect([0, 1, 2].map((i) => cellSet.getCellActive(i))).to.deep.equal([true, true, true]);
    expect([0, 1, 2].map((i) => cellSet.getCellColor(i))).to.deep.equal([0xffffffff, 0xffffffff, 0xffffffff]);
    expect(cellSet.getCellMetrics(0)).to.equal(null);
    expect(cellSet.efocusValues).to.deep.equal([0]);
    expect(cellSet.getAcquisitionInfo()).to.equal(null);
  });

  it('reads cell activity from fileVersion 1 on, colours still white', async () => {
    await using cellSet = await openVersion(1);
    expect([0, 1, 2].map((i) => cellSet.getCellActive(i))).to.deep.equal([true, false, true]);
    expect(cellSet.getCellColor(0)).to.equal(0xffffffff);
  });

  it('reads cell colours from fileVersion 2 on', async () => {
    await using cellSet = await openVersion(2);
    expect([0, 1, 2].map((i) => cellSet.getCellColor(i))).to.deep.equal([0xff112233, 0xffffffff, 0]);
  });

  it('requires the registration keys from fileVersion 3 on', async () => {
    await using cellSet = await openVersion(3);
    expect(cellSet.getCellMetrics(1)).to.equal(null);
    const path = dir.file('v3-missing.isxd');
    const footer = footerOfVersion(3);
    delete footer.Matches;
    await writeRawIsxd(path, payload, footer);
    const error = await rejection(CellSet.read(path));
    expect(error.code).to.equal('E_HEADER');
    expect(error.message).to.equal(`${path}: footer key "Matches": expected a value, found nothing`);
  });

  it('reads cell metrics from fileVersion 4 on, with {} as no metrics and INT64_MIN as not computed', async () => {
    await using cellSet = await openVersion(4);
    expect(cellSet.getCellMetrics(0)).to.equal(null);
    expect(cellSet.getCellMetrics(1)).to.deep.equal({
      numComponents: 2,
      overallCenter: { x: 1, y: 0 },
      largestComponentCenter: null,
      overallArea: 3.5,
      largestComponentArea: 1,
      overallMaxContourWidth: Number.NaN,
      largestComponentMaxContourWidth: 2,
    });
    expect(cellSet.getAcquisitionInfo()).to.equal(null);
  });

  it('reads extraProperties from fileVersion 5 on, with the efocus fallback and acquisition info', async () => {
    await using cellSet = await openVersion(5);
    expect(cellSet.efocusValues).to.deep.equal([412]);
    expect(cellSet.getAcquisitionInfo()).to.include({ 'Cell Identification Method': 'cnmfe', 'Trace Units': 'dF over noise' });
  });

  it('ignores extraProperties in a fileVersion 4 footer', async () => {
    const path = dir.file('v4-extra.isxd');
    await writeRawIsxd(path, payload, { ...footerOfVersion(4), extraProperties: { idps: { efocus: 9 } } });
    await using cellSet = await CellSet.read(path);
    expect(cellSet.efocusValues).to.deep.equal([0]);
  });

  it('reads footprints and traces at their payload offsets', async () => {
    await using cellSet = await openVersion(5);
    expect(Array.from(await cellSet.getCellImageData(2))).to.deep.equal(Array.from(ramp(6, 200)));
    expect(Array.from(await cellSet.getCellTrace(1))).to.deep.equal(Array.from(ramp(5, 150)));
    const { footprint, trace } = await cellSet.readCell(2);
    expect(Array.from(footprint)).to.deep.equal(Array.from(ramp(6, 200)));
    expect(Array.from(trace)).to.deep.equal(Array.from(ramp(5, 250)));
  });

  it('tolerates trailing payload bytes shorter than one cell (spec 5.2)', async () => {
    const path = dir.file('trailing.isxd');
    await writeRawIsxd(path, new Uint8Array([...payload, 1, 2, 3]), footerOfVersion(5));
    await using cellSet = await CellSet.read(path);
    expect(cellSet.numCells).to.equal(3);
  });

  it('opens a set with 0 cells and an empty payload', async () => {
    const path = dir.file('empty.isxd');
    await writeRawIsxd(path, new Uint8Array(0), minimalCellSetFooter([], timing, spacing));
    await using cellSet = await CellSet.read(path);
    expect(cellSet.numCells).to.equal(0);
    const error = await rejection(() => cellSet.getCellName(0));
    expect(error.code).to.equal('E_RANGE');
    expect(error.detail).to.equal('Cell index 0 is too large. There are only 0 cells.');
  });
});

describe('CellSet on bad input', () => {
  const dir = useTempDir();

  it('rejects a payload cut short as a cell-count mismatch, naming both counts and the sizes', async () => {
    const path = dir.file('cut.isxd');
    await writeRawIsxd(path, payload.subarray(0, payload.length - 4), minimalCellSetFooter(names, timing, spacing));
    const error = await rejection(CellSet.read(path));
    expect(error.code).to.equal('E_CORRUPT');
    expect(error.message).to.equal(
      `${path}: Number of cells in header (3) does not match number of cells in file (2): ` +
        'payload is 128 bytes, 44 bytes per cell (4·(rows·cols + numSamples))',
    );
    expect(error.offset).to.equal(128);
  });

  it('rejects more cells in the file than in the footer', async () => {
    const path = dir.file('extra.isxd');
    await writeRawIsxd(path, payload, minimalCellSetFooter(['a', 'b'], timing, spacing));
    const error = await rejection(CellSet.read(path));
    expect(error.code).to.equal('E_CORRUPT');
    expect(error.detail).to.match(/^Number of cells in header \(2\) does not match number of cells in file \(3\)/);
  });

  it('rejects footer lists of different lengths', async () => {
    const path = dir.file('lists.isxd');
    await writeRawIsxd(path, payload, { ...footerOfVersion(2), CellColors: [0, 0] });
    const error = await rejection(CellSet.read(path));
    expect(error.code).to.equal('E_CORRUPT');
    expect(error.detail).to.equal('footer lists disagree on the number of cells: CellNames has 3, CellStatuses 3, CellColors 2');
  });

  it('does not check the length of CellActivity and counts uncovered cells as active', async () => {
    const path = dir.file('activity.isxd');
    await writeRawIsxd(path, payload, { ...footerOfVersion(1), CellActivity: [false] });
    await using cellSet = await CellSet.read(path);
    expect([0, 1, 2].map((i) => cellSet.getCellActive(i))).to.deep.equal([false, true, true]);
  });

  it('rejects a status code other than 0, 1 or 2 with E_HEADER', async () => {
    const path = dir.file('status.isxd');
    await writeRawIsxd(path, payload, { ...footerOfVersion(0), CellStatuses: [1, 3, 1] });
    const error = await rejection(CellSet.read(path));
    expect(error.code).to.equal('E_HEADER');
    expect(error.detail).to.equal(
      'footer key "CellStatuses[1]": expected a status code 0 (accepted), 1 (undecided) or 2 (rejected), found 3',
    );
  });

  it('rejects a dataType that is not a string', async () => {
    const path = dir.file('datatype.isxd');
    await writeRawIsxd(path, payload, { ...footerOfVersion(0), dataType: 1 });
    const error = await rejection(CellSet.read(path));
    expect(error.code).to.equal('E_HEADER');
    expect(error.detail).to.equal('footer key "dataType": expected a string, found 1');
  });

  it('rejects a movie footer with E_KIND', async () => {
    const path = dir.file('movie.isxd');
    await writeRawIsxd(path, payload, { ...footerOfVersion(0), type: 0 });
    const error = await rejection(CellSet.read(path));
    expect(error.code).to.equal('E_KIND');
    expect(error.detail).to.equal('footer type 0 (Movie) is not Cell Set (type 1)');
  });

  it('rejects a metrics entry that is not 7 values', async () => {
    const path = dir.file('metrics.isxd');
    await writeRawIsxd(path, payload, { ...footerOfVersion(4), cellMetrics: [{}, [1, 2], {}] });
    const error = await rejection(CellSet.read(path));
    expect(error.code).to.equal('E_HEADER');
    expect(error.detail).to.equal('footer key "cellMetrics[1]": expected 7 metrics, found 2');
  });

  it('refuses a footer claiming a huge trace length with no cells at open, before allocating', async () => {
    const path = dir.file('huge.isxd');
    await writeRawIsxd(path, new Uint8Array(0), minimalCellSetFooter([], makeTiming(2 ** 52), spacing));
    const error = await rejection(CellSet.read(path));
    expect(error.code).to.equal('E_RANGE');
  });

  it('rejects cell indices past the end with isx wording and negative ones as arguments', async () => {
    const path = dir.file('range.isxd');
    await writeRawIsxd(path, payload, footerOfVersion(5));
    await using cellSet = await CellSet.read(path);
    for (const call of [() => cellSet.getCellStatus(5), () => cellSet.getCellTrace(5), () => cellSet.readCell(5)]) {
      const error = await rejection(call);
      expect(error.code).to.equal('E_RANGE');
      expect(error.message).to.equal(`${path}: Cell index 5 is too large. There are only 3 cells.`);
    }
    const negative = await rejection(() => cellSet.getCellImageData(-1));
    expect(negative.code).to.equal('E_ARGUMENT');
    expect(negative.detail).to.equal('Cell index -1 is not a non-negative integer.');
  });

  it('closes the file when opening fails', async () => {
    const path = dir.file('closed.isxd');
    await writeRawIsxd(path, payload, { ...footerOfVersion(0), type: 5 });
    const before = readdirSync('/proc/self/fd').length;
    await rejection(CellSet.read(path));
    expect(readdirSync('/proc/self/fd').length).to.equal(before);
  });
});
