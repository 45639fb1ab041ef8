import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT } from '../../scripts/repositoryRoot.js';

/** Real files recorded by other people; never copied into this repository (non-commercial licence). */
export const REAL_FIXTURES = resolve(ROOT, '../shared/fixtures/real');

export function realFixture(...parts: string[]): string {
  return join(REAL_FIXTURES, ...parts);
}

export const haveRealFixtures = existsSync(join(REAL_FIXTURES, 'MANIFEST.md'));

/** A describe block that skips, with a message saying why, when ../shared/fixtures/real is absent. */
export function describeReal(title: string, body: () => void): void {
  if (haveRealFixtures) {
    describe(title, body);
  } else {
    describe(title, () => {
      it(`skipped: real fixtures not found at ${REAL_FIXTURES}`, function () {
        this.skip();
      });
    });
  }
}
