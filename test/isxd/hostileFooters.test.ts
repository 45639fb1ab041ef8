import { expect } from 'chai';
import { appendFile } from 'node:fs/promises';
import { Spacing } from '../../lib/core/spacing.js';
import { MAX_UNBACKED_SAMPLES } from '../../lib/core/timing.js';
import { IsxError, MAX_DETAIL_CHARS, type IsxErrorCode } from '../../lib/errors.js';
import { CellSet } from '../../lib/isxd/cellSet.js';
import { Movie } from '../../lib/isxd/movie.js';
import type { JsonObject } from '../../lib/json/jsonValue.js';
import { open } from '../../lib/kinds/open.js';
import { rejection } from '../helpers/errors.js';
import { makeTiming, replaceFooterText, rewriteFooter, writeRawIsxd } from '../helpers/isxdFiles.js';
import { useTempDir } from '../helpers/tempDir.js';
import { minimalCellSetFooter } from './cellSetTestFiles.js';
import { writeTestMovie } from './movieTestKit.js';

/**
 * Footers that declare far more than their file holds (issue 12): each must fail at open with a bounded
 * one-line IsxError, before anything of the declared size is allocated.
 */
describe('hostile footers fail at open, before allocating', () => {
  const dir = useTempDir();
  let allocatedBefore = 0;

  before(() => {
    allocatedBefore = process.memoryUsage().arrayBuffers;
  });

  after(() => {
    // Every case above declared gigabytes at least; none may have been allocated.
    expect(process.memoryUsage().arrayBuffers - allocatedBefore).to.be.below(64 * 1024 * 1024);
  });

  /** A valid 2-frame 1x1 uint16 movie whose footer `edit` then changes. */
  async function hostileMovie(name: string, edit: (footer: JsonObject, timing: JsonObject, spacing: JsonObject) => void): Promise<string> {
    const path = dir.file(name);
    await writeTestMovie(path, { timing: makeTiming(2), spacing: new Spacing(1, 1), dataType: 'uint16' });
    await rewriteFooter(path, (footer) => edit(footer, footer.timingInfo as JsonObject, footer.spacingInfo as JsonObject));
    return path;
  }

  async function expectOpenFails(path: string, code: IsxErrorCode, detail?: RegExp): Promise<void> {
    const error = await rejection(open(path));
    expect(error.code).to.equal(code);
    expect(error.message.length).to.be.below(400);
    if (detail) expect(error.detail).to.match(detail);
  }

  it('refuses 10^12 frames that are all cropped', async () => {
    const path = await hostileMovie('cropped.isxd', (_, timing) => {
      timing.numTimes = 1e12;
      timing.cropped = ['0 - 999999999999'];
    });
    await expectOpenFails(path, 'E_RANGE', /1000000000000 samples of which 1000000000000 have no bytes in the file/);
  });

  it('refuses 0x0-pixel frames beyond the allowance, and 2^53-1 of them', async () => {
    const tooMany = await hostileMovie('zero-pixels.isxd', (_, timing, spacing) => {
      timing.numTimes = MAX_UNBACKED_SAMPLES + 1;
      timing.period = { num: 1, den: 1000 };
      spacing.numPixels = { x: 0, y: 0 };
    });
    await expectOpenFails(tooMany, 'E_RANGE', /have no bytes in the file/);
    const huge = await hostileMovie('zero-pixels-huge.isxd', (_, timing, spacing) => {
      timing.numTimes = Number.MAX_SAFE_INTEGER;
      spacing.numPixels = { x: 0, y: 0 };
    });
    await expectOpenFails(huge, 'E_RANGE');
  });

  it('opens 0x0-pixel frames within the allowance', async () => {
    const path = await hostileMovie('zero-pixels-ok.isxd', (_, timing, spacing) => {
      timing.numTimes = 1000;
      spacing.numPixels = { x: 0, y: 0 };
    });
    await using movie = (await open(path)) as Movie;
    expect(movie.timing.numSamples).to.equal(1000);
  });

  it('refuses 16384x16384 float32 frames that are all dropped', async () => {
    const path = await hostileMovie('dropped-f32.isxd', (footer, timing, spacing) => {
      footer.dataType = 1;
      timing.dropped = [0, 1];
      spacing.numPixels = { x: 16384, y: 16384 };
    });
    await expectOpenFails(path, 'E_RANGE', /16384x16384 pixels is more than 16777216 pixels per image/);
  });

  it('refuses 32768x65536 frames that are both cropped', async () => {
    const path = await hostileMovie('cropped-big.isxd', (_, timing, spacing) => {
      timing.cropped = ['0 - 1'];
      spacing.numPixels = { x: 32768, y: 65536 };
    });
    await expectOpenFails(path, 'E_RANGE', /pixels per image/);
  });

  it('refuses numPixels.x = 2^53-1, with one row or none', async () => {
    for (const y of [1, 0]) {
      const path = await hostileMovie(`wide-${y}.isxd`, (_, timing, spacing) => {
        timing.cropped = ['0 - 1'];
        spacing.numPixels = { x: Number.MAX_SAFE_INTEGER, y };
      });
      await expectOpenFails(path, 'E_RANGE', /pixels per image/);
    }
  });

  it('refuses a period numerator of 200,000 digits with a short message', async () => {
    const path = await hostileMovie('digits.isxd', (_, timing) => {
      timing.period = { num: 10n ** 200_000n, den: 1 };
    });
    await expectOpenFails(path, 'E_RANGE', /timingInfo\.period\.num": 1000000000.*… \(200001 characters\) does not fit an int64/);
  });

  it('refuses a zero or negative period', async () => {
    for (const num of [0, -50]) {
      const path = await hostileMovie(`period${num}.isxd`, (_, timing) => {
        timing.period = { num, den: 1000 };
      });
      await expectOpenFails(path, 'E_RANGE', /period -?\d+\/1000 s is not positive/);
    }
  });

  it('refuses a period whose last sample is beyond the timestamp range (period.num = 2^53-1)', async () => {
    const path = await hostileMovie('far.isxd', (_, timing) => {
      timing.period = { num: Number.MAX_SAFE_INTEGER, den: 1000 };
    });
    await expectOpenFails(path, 'E_RANGE', /start of sample 1 is \d+ µs since the epoch, beyond/);
  });

  it('refuses a start time beyond the timestamp range', async () => {
    const path = await hostileMovie('start.isxd', (_, timing) => {
      timing.start = { secsSinceEpoch: { num: -(2n ** 62n), den: 1 }, utcOffset: 0 };
    });
    await expectOpenFails(path, 'E_RANGE', /start is -\d+/);
  });

  it('quotes at most a few characters of a huge footer string in its message', async () => {
    const path = await hostileMovie('long-crop.isxd', (_, timing) => {
      timing.cropped = ['x'.repeat(1_000_000)];
    });
    await expectOpenFails(path, 'E_HEADER', /found "x{39}… \(1000002 characters\)/);
  });

  it('refuses a UTC offset beyond an int32', async () => {
    const path = await hostileMovie('utc.isxd', (_, timing) => {
      (timing.start as JsonObject).utcOffset = 2 ** 40;
    });
    await expectOpenFails(path, 'E_RANGE', /UTC offset 1099511627776 s is not an int32/);
  });

  it('keeps error details short whatever they quote', () => {
    const error = new IsxError('E_CORRUPT', 'x'.repeat(1_000_000), { path: '/p' });
    expect(error.detail).to.have.length.below(MAX_DETAIL_CHARS + 100);
    expect(error.detail).to.match(/… \(message cut, 1000000 characters\)$/);
    expect(error.message).to.equal(`/p: ${error.detail}`);
  });

  it('refuses a cropped range beyond 2^53', async () => {
    const path = await hostileMovie('crop-digits.isxd', (_, timing) => {
      timing.cropped = [`0 - ${'9'.repeat(400)}`];
    });
    await expectOpenFails(path, 'E_RANGE', /goes beyond 2\^53/);
  });

  it('refuses footer JSON nested 100,000 levels deep with E_JSON, not a stack overflow', async () => {
    const path = await hostileMovie('deep.isxd', () => {});
    await replaceFooterText(path, `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    await expectOpenFails(path, 'E_JSON', /nested deeper than 256 levels/);
  });

  it('says so when a text tool added a newline after the trailer', async () => {
    for (const stray of ['\n', '\r\n']) {
      const path = await hostileMovie('newline.isxd', () => {});
      await appendFile(path, stray);
      const error = await rejection(open(path));
      expect(error.code).to.equal('E_FOOTER');
      expect(error.detail).to.match(new RegExp(`^${stray.length} stray byte\\(s\\) \\(${stray === '\n' ? '0x0a' : '0x0d 0x0a'}\\) after the \\.isxd trailer`));
      expect(error.detail).to.contain('text tool');
    }
  });

  for (const numTimes of [1e9, 1e8, 2 ** 40]) {
    it(`refuses an empty cell set with numTimes ${numTimes}`, async () => {
      const path = dir.file(`empty-${numTimes}.isxd`);
      await writeRawIsxd(path, new Uint8Array(0), minimalCellSetFooter([], makeTiming(numTimes), new Spacing(4, 4)));
      const error = await rejection(CellSet.read(path));
      expect(error.code).to.equal('E_RANGE');
      expect(error.detail).to.match(/have no bytes in the file/);
    });
  }

  it('opens an empty cell set of a long recording within the allowance', async () => {
    const path = dir.file('empty-ok.isxd');
    await writeRawIsxd(path, new Uint8Array(0), minimalCellSetFooter([], makeTiming(100_000), new Spacing(4, 4)));
    await using cellSet = await CellSet.read(path);
    expect(cellSet.numCells).to.equal(0);
  });
});
