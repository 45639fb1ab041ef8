import { expect } from 'chai';
import { IsxError } from '../../lib/errors.js';

/**
 * The IsxError a promise (or a call that returns one or throws) rejects with; fails the test when it
 * resolves or rejects with anything else.
 */
export async function rejection(promise: Promise<unknown> | (() => unknown)): Promise<IsxError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    expect(error).to.be.instanceOf(IsxError);
    return error as IsxError;
  }
  throw new Error('expected a rejection');
}

/** The IsxError a synchronous call throws; fails the test when it returns or throws anything else. */
export function thrown(action: () => unknown): IsxError {
  try {
    action();
  } catch (error) {
    expect(error).to.be.instanceOf(IsxError);
    return error as IsxError;
  }
  throw new Error('expected an exception');
}
