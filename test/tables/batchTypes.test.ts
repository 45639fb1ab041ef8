import { expect } from 'chai';
import { Readable } from 'node:stream';
import chain from 'stream-chain';
import { toRecordBatches } from '../../transforms/batch.js';
import { framesTable } from '../../transforms/tables/frames.js';
import { METADATA, START_US, makeFrames } from './syntheticRecords.js';

describe('toRecordBatches typing', () => {
  it('composes in a typed stream-chain pipeline with a concrete record type', async () => {
    const table = framesTable({ kind: 'movie', source: 'm.isxd', metadata: METADATA, startUs: START_US, rows: 3, cols: 4, dataType: 'uint16' });
    const pipeline = chain([Readable.from(makeFrames(3)), toRecordBatches(table)]);
    let rows = 0;
    for await (const batch of pipeline) rows += (batch as { numRows: number }).numRows;
    expect(rows).to.equal(3);
  });
});
