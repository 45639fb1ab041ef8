import { expect } from 'chai';
import { PassThrough } from 'node:stream';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { convertFile } from '../../lib/convert/convertFile.js';
import type { ConvertOptions } from '../../lib/convert/convertOptions.js';
import { checkOptionsFit, ConvertOptionError, validateConvertOptions } from '../../lib/convert/validateOptions.js';
import type { AnyKindDescriptor } from '../../lib/kinds/descriptor.js';
import { KINDS } from '../../lib/kinds/registry.js';
import { rejection, thrown } from '../helpers/errors.js';
import { ROOT } from '../../scripts/repositoryRoot.js';
import { useTempDir } from '../helpers/tempDir.js';

const DEMO = join(ROOT, 'examples/data/demo.isxd');
const DEMO_MOVIE = join(ROOT, 'examples/data/demo-movie.isxd');
const flag = (option: string): string => `--${option}`;

function refusal(options: Partial<ConvertOptions>): ConvertOptionError {
  const error = thrown(() => validateConvertOptions({ to: 'parquet', outDir: 'out', ...options } as ConvertOptions));
  expect(error).to.be.instanceOf(ConvertOptionError);
  expect(error.code).to.equal('E_ARGUMENT');
  return error as ConvertOptionError;
}

describe('validateConvertOptions', () => {
  it('accepts a plain conversion to a folder', () => {
    expect(() => validateConvertOptions({ to: 'csv', outDir: 'out', startSec: 0, endSec: 1.5, decimate: 2 })).not.to.throw();
  });

  it('names options in the library words by default and in any other words through describe()', () => {
    const error = refusal({ to: 'csv', compression: 'zstd' });
    expect(error.message).to.equal('options.compression applies to options.to parquet, not options.to csv');
    expect(error.describe(flag)).to.equal('--compression applies to --to parquet, not --to csv');
  });

  const cases: [string, Partial<ConvertOptions>, string][] = [
    ['an unknown format', { to: 'xlsx' as never }, 'options.to "xlsx" is not one of parquet, arrow, arrows, ndjson, csv'],
    ['neither a folder nor stdout', { outDir: undefined }, 'give exactly one of options.outDir and options.stdout'],
    ['both a folder and stdout', { stdout: new PassThrough() }, 'give exactly one of options.outDir and options.stdout'],
    ['an empty folder name', { outDir: '' }, 'options.outDir is empty: name a folder'],
    ['Hive partitions on stdout', { outDir: undefined, stdout: new PassThrough(), partitionBy: ['kind'] }, 'options.partitionBy needs an output folder (options.outDir), not options.stdout'],
    ['an unknown codec', { compression: 'zip' as never }, 'options.compression "zip" is not one of uncompressed, snappy, zstd, lz4, gzip, brotli'],
    ['batch rows for a text format', { to: 'ndjson', batchRows: 10 }, 'options.batchRows applies to options.to parquet, arrow or arrows, not options.to ndjson'],
    ['a fractional decimation', { decimate: 1.5 }, 'options.decimate must be a whole number >= 1, found 1.5'],
    ['a zero bin', { bin: 0 }, 'options.bin must be a whole number >= 1, found 0'],
    ['a negative limit', { limit: -1 }, 'options.limit must be a whole number >= 1, found -1'],
    ['a negative start', { startSec: -1 }, 'options.startSec must be a number of seconds >= 0, found -1'],
    ['an infinite end', { endSec: Infinity }, 'options.endSec must be a number of seconds >= 0, found Infinity'],
    ['an end before the start', { startSec: 2, endSec: 1 }, 'options.endSec (1) must be after options.startSec (2)'],
    ['a crop starting left of the image', { crop: { x: -1, y: 0, width: 5, height: 5 } }, 'options.crop x must be a whole number >= 0 (the rectangle starts inside the image), found -1'],
    ['an empty crop', { crop: { x: 0, y: 0, width: 0, height: 5 } }, 'options.crop width must be a whole number >= 1, found 0'],
    ['an unknown cell status', { cells: ['maybe' as never] }, 'options.cells: "maybe" is not one of accepted, undecided, rejected'],
  ];
  for (const [what, options, message] of cases) {
    it(`refuses ${what}`, () => {
      expect(refusal(options).message).to.equal(message);
    });
  }
});

describe('checkOptionsFit', () => {
  const notFor = (): string => 'not to this input';

  it('lets an option pass when one of the kinds takes it', () => {
    expect(() => checkOptionsFit({ to: 'csv', outDir: 'o', cells: ['accepted'] }, [KINDS.movie, KINDS.vessel_set], notFor)).not.to.throw();
  });

  it('says which kinds take an option none of the given kinds takes', () => {
    const cases: [Partial<ConvertOptions>, AnyKindDescriptor, string][] = [
      [{ cells: ['accepted'] }, KINDS.image, 'options.cells applies to cell sets and vessel sets, not to this input'],
      [{ decode: true }, KINDS.movie, 'options.decode applies to behaviour movies (.isxb), not to this input'],
      [{ planes: { numPlanes: 2 } }, KINDS.cell_set, 'options.planes applies to movies and images, not to this input'],
      [{ channels: ['GPIO-1'] }, KINDS.movie, 'options.channels applies to event sets, GPIO sets and IMU sets, not to this input'],
    ];
    for (const [options, kind, message] of cases) {
      expect(thrown(() => checkOptionsFit({ to: 'csv', outDir: 'o', ...options }, [kind], notFor)).message).to.equal(message);
    }
  });

  it('refuses a time range and decimation for a vessel set', () => {
    expect(thrown(() => checkOptionsFit({ to: 'csv', outDir: 'o', startSec: 1 }, [KINDS.vessel_set], notFor)).message).to.equal(
      'options.startSec/options.endSec applies to movies, images, behaviour movies (.isxb), cell sets, event sets, GPIO sets and IMU sets, not to this input',
    );
    expect(thrown(() => checkOptionsFit({ to: 'csv', outDir: 'o', decimate: 2 }, [KINDS.cell_set], notFor)).code).to.equal('E_ARGUMENT');
  });
});

describe('conversion refusals, in-process', () => {
  const dir = useTempDir();

  it('refuses options before opening the file, so a missing file is not reported first', async () => {
    const error = await rejection(convertFile(dir.file('missing.isxd'), { to: 'csv', outDir: dir.path, compression: 'zstd' }));
    expect(error).to.be.instanceOf(ConvertOptionError);
  });

  it('refuses an option the file kind does not take, naming the file, and writes nothing', async () => {
    const error = await rejection(convertFile(DEMO_MOVIE, { to: 'csv', outDir: dir.path, cells: ['accepted'] }));
    expect(error.message).to.equal(`${DEMO_MOVIE}: options.cells applies to cell sets and vessel sets, not to a movie`);
    expect(await readdir(dir.path)).to.deep.equal([]);
  });

  it('refuses a table the kind does not have, listing its tables', async () => {
    const error = await rejection(convertFile(DEMO, { to: 'csv', outDir: dir.path, tables: ['frames'] }));
    expect(error.message).to.equal(`${DEMO}: no table named frames for this cell set; its tables: cells, traces`);
  });

  it('refuses stdout for a kind with two tables unless one is chosen', async () => {
    const error = await rejection(convertFile(DEMO, { to: 'ndjson', stdout: new PassThrough() }));
    expect(error.message).to.equal(`${DEMO}: stdout takes one table, but 2 were chosen (cells, traces); pick one with tables`);
  });

  it('refuses a channel that is neither a name nor an index', async () => {
    // A cell set has no channels: the option itself is refused for the kind.
    const error = await rejection(convertFile(DEMO, { to: 'csv', outDir: dir.path, channels: ['nope'] }));
    expect(error.message).to.equal(`${DEMO}: options.channels applies to event sets, GPIO sets and IMU sets, not to a cell set`);
  });
});
