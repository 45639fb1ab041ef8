import { expect } from 'chai';
import type { EventData } from '../../lib/events/eventSet.js';
import type { EventSet } from '../../lib/events/eventSet.js';
import { open } from '../../lib/kinds/open.js';
import { describeReal, realFixture } from '../helpers/fixtures.js';
import { useTempDir } from '../helpers/tempDir.js';
import { convertToBoth, duck, float32Values, rawBigInts, sqlPath, tableOf, values, type Converted } from './e2eKit.js';

/** What the reader says about every cell: the reference the `events` table must equal. */
interface EventTruth {
  startUs: bigint;
  names: string[];
  cells: EventData[];
}

async function readTruth(path: string): Promise<EventTruth> {
  await using eventSet = (await open(path)) as EventSet;
  const truth: EventTruth = { startUs: eventSet.timing.start.toMicros(), names: [], cells: [] };
  for (let c = 0; c < eventSet.numCells; c++) {
    truth.names.push(eventSet.getCellName(c));
    truth.cells.push(await eventSet.getCellData(c));
  }
  return truth;
}

/** Per-cell lists from the Parquet output, by DuckDB; cells without events have no row. */
async function duckEvents(path: string): Promise<Map<number, Record<string, unknown>>> {
  const rows = await duck(
    `select cell_index, any_value(name) as name, count(*) as n,
            list(offset_us order by offset_us) as offsets, list(epoch_us(timestamp) order by offset_us) as us,
            list(amplitude::double order by offset_us) as amplitudes
     from read_parquet(${sqlPath(path)}) group by cell_index order by cell_index`,
  );
  return new Map(rows.map((row) => [row.cell_index as number, row]));
}

function describeRealEventSet(folder: string, file: string, expectedCounts: number[]): void {
  describeReal(`the real event set ${file} converted to Arrow and Parquet`, () => {
    const dir = useTempDir();
    let truth: EventTruth;
    let out: Converted;

    before(async () => {
      const input = realFixture(folder, file);
      truth = await readTruth(input);
      out = await convertToBoth(input, dir.path);
    });

    it('the reader sees the per-cell event counts of the MANIFEST', () => {
      expect(truth.cells.slice(0, expectedCounts.length).map((c) => c.offsets.length)).to.deep.equal(expectedCounts);
    });

    it('writes the events of each cell in order, with cell index and name, in Arrow', () => {
      const arrow = tableOf(out.arrow, 'events');
      const total = truth.cells.reduce((sum, c) => sum + c.offsets.length, 0);
      expect(arrow.numRows).to.equal(total);
      expect(values(arrow, 'cell_index')).to.deep.equal(truth.cells.flatMap((c, i) => new Array(c.offsets.length).fill(i)));
      expect(values(arrow, 'name')).to.deep.equal(truth.cells.flatMap((c, i) => new Array(c.offsets.length).fill(truth.names[i])));
    });

    it('stores offsets exactly as getCellData gives them and timestamps = start µs + offset, in Arrow', () => {
      const arrow = tableOf(out.arrow, 'events');
      const offsets = truth.cells.flatMap((c) => Array.from(c.offsets));
      expect(rawBigInts(arrow, 'offset_us')).to.deep.equal(offsets);
      expect(rawBigInts(arrow, 'timestamp')).to.deep.equal(offsets.map((o) => truth.startUs + o));
    });

    it('stores the amplitudes of getCellData bit for bit in Arrow', () => {
      const expected = truth.cells.flatMap((c) => Array.from(c.amplitudes));
      expect(Array.from(float32Values(tableOf(out.arrow, 'events'), 'amplitude'))).to.deep.equal(expected);
    });

    it('gives per-cell event counts, offsets, timestamps and amplitudes of the reader in DuckDB over Parquet', async () => {
      const rows = await duckEvents(tableOf(out.parquet, 'events'));
      expect(rows.size).to.equal(truth.cells.filter((c) => c.offsets.length > 0).length);
      truth.cells.forEach((cell, c) => {
        const row = rows.get(c);
        if (cell.offsets.length === 0) return expect(row, `cell ${c}`).to.equal(undefined);
        expect(row!.name, `cell ${c}`).to.equal(truth.names[c]);
        expect(row!.n, `cell ${c}`).to.equal(BigInt(cell.offsets.length));
        expect(row!.offsets, `cell ${c}`).to.deep.equal(Array.from(cell.offsets));
        expect(row!.us, `cell ${c}`).to.deep.equal(Array.from(cell.offsets, (o) => truth.startUs + o));
        expect(row!.amplitudes, `cell ${c}`).to.deep.equal(Array.from(cell.amplitudes));
      });
    });
  });
}

describeRealEventSet('ideas-toolbox-caiman', 'sample_eventset_msr_1.isxd', [2072, 2984, 2141, 3544, 2763]);
describeRealEventSet('ideas-neural-circuit-analysis', 'input_cellset-ED.isxd', [10, 22, 21, 40, 7, 41, 31, 14]);
