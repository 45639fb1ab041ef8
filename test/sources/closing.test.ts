import { expect } from 'chai';
import { closing } from '../../lib/sources/closing.js';
import { collect } from './sourceKit.js';

function resource(closeError?: Error): { closed: number; close(): Promise<void> } {
  return {
    closed: 0,
    async close() {
      this.closed++;
      if (closeError) throw closeError;
    },
  };
}

async function* failingAfterOne(): AsyncGenerator<number> {
  yield 1;
  throw new Error('read failed');
}

describe('closing', () => {
  it('closes once after the last record', async () => {
    const file = resource();
    expect(await collect(closing((async function* () { yield* [1, 2]; })(), file))).to.deep.equal([1, 2]);
    expect(file.closed).to.equal(1);
  });

  it('closes when the consumer stops early', async () => {
    const file = resource();
    for await (const n of closing((async function* () { yield* [1, 2, 3]; })(), file)) if (n === 1) break;
    expect(file.closed).to.equal(1);
  });

  it('keeps the read error and the close error together when both fail', async () => {
    const error = (await collect(closing(failingAfterOne(), resource(new Error('close failed')))).catch((e: unknown) => e)) as AggregateError;
    expect(error).to.be.instanceOf(AggregateError);
    expect(error.message).to.equal('reading failed, then closing the file failed too');
    expect(error.errors.map((e: Error) => e.message)).to.deep.equal(['read failed', 'close failed']);
  });

  it('passes a read error on unchanged when the close succeeds', async () => {
    const file = resource();
    const error = (await collect(closing(failingAfterOne(), file)).catch((e: unknown) => e)) as Error;
    expect(error.message).to.equal('read failed');
    expect(file.closed).to.equal(1);
  });
});
