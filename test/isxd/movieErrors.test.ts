import { expect } from 'chai';
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { Spacing } from '../../lib/core/spacing.js';
import { FileSource } from '../../lib/io/fileSource.js';
import type { JsonObject } from '../../lib/json/jsonValue.js';
import { readFooter } from '../../lib/isxd/footer.js';
import { Movie } from '../../lib/isxd/movie.js';
import { encodeFooter } from '../../lib/isxd/writeFooter.js';
import { MovieWriter } from '../../lib/isxd/writeMovie.js';
import { describeReal, realFixture } from '../helpers/fixtures.js';
import { useTempDir } from '../helpers/tempDir.js';
import { makeTiming, rejection, thrown, writeTestMovie } from './movieTestKit.js';

/** A valid 4-frame uint16 3x5 movie, split into its payload and footer for tampering. */
async function validParts(path: string): Promise<{ payload: Buffer; footer: JsonObject }> {
  await writeTestMovie(path, { timing: makeTiming(4), dataType: 'uint16' });
  const bytes = await readFile(path);
  await using source = await FileSource.open(path);
  const { json, payloadEnd } = await readFooter(source);
  return { payload: bytes.subarray(0, payloadEnd), footer: json };
}

async function writeParts(path: string, payload: Uint8Array, footer: JsonObject): Promise<void> {
  await writeFile(path, Buffer.concat([payload, encodeFooter(footer)]));
}

describe('Movie.read rejects bad files', () => {
  const dir = useTempDir();

  it('rejects a payload cut short before the footer with E_TRUNCATED', async () => {
    const path = dir.file('cut-payload.isxd');
    const { payload, footer } = await validParts(path);
    await writeParts(path, payload.subarray(0, payload.length - 10), footer);
    const error = await rejection(Movie.read(path));
    expect(error.code).to.equal('E_TRUNCATED');
    expect(error.message).to.equal(
      `${path}: footer lists 4 stored frames of 30 bytes (120 bytes); the payload before the footer at offset 110 holds 110 bytes, room for 3 frames (truncated?)`,
    );
    expect(error.offset).to.equal(110);
  });

  it('rejects a file whose end (and so its trailer) was cut off with E_FOOTER', async () => {
    const path = dir.file('cut-end.isxd');
    await writeTestMovie(path, { timing: makeTiming(4), dataType: 'uint16' });
    const bytes = await readFile(path);
    await writeFile(path, bytes.subarray(0, bytes.length - 100));
    expect((await rejection(Movie.read(path))).code).to.equal('E_FOOTER');
  });

  it('rejects a footer claiming more frames than the payload holds with E_TRUNCATED', async () => {
    const path = dir.file('more-frames.isxd');
    const { payload, footer } = await validParts(path);
    (footer.timingInfo as JsonObject).numTimes = 1000;
    await writeParts(path, payload, footer);
    const error = await rejection(Movie.read(path));
    expect(error.code).to.equal('E_TRUNCATED');
    expect(error.message).to.equal(
      `${path}: footer lists 1000 stored frames of 30 bytes (30000 bytes); the payload before the footer at offset 120 holds 120 bytes, room for 4 frames (truncated?)`,
    );
  });

  it('rejects dimensions whose frames cannot be held in memory, before allocating', async () => {
    const path = dir.file('huge.isxd');
    const { footer } = await validParts(path);
    (footer.timingInfo as JsonObject).dropped = [0, 1, 2, 3];
    (footer.spacingInfo as JsonObject).numPixels = { x: 1000000, y: 1000000 };
    await writeParts(path, new Uint8Array(0), footer);
    const error = await rejection(Movie.read(path));
    expect(error.code).to.equal('E_RANGE');
    expect(error.message).to.equal(`${path}: footer key "spacingInfo.numPixels": 1000000x1000000 pixels is more than 16777216 pixels per image`);
  });

  it('rejects fileVersion 1 without hasFrameHeaderFooter with E_HEADER', async () => {
    const path = dir.file('no-hf.isxd');
    const { payload, footer } = await validParts(path);
    delete footer.hasFrameHeaderFooter;
    await writeParts(path, payload, footer);
    const error = await rejection(Movie.read(path));
    expect(error.code).to.equal('E_HEADER');
    expect(error.message).to.equal(`${path}: footer key "hasFrameHeaderFooter": expected a value, found nothing`);
  });

  it('ignores a missing hasFrameHeaderFooter when fileVersion is 0', async () => {
    const path = dir.file('v0-no-hf.isxd');
    const { payload, footer } = await validParts(path);
    delete footer.hasFrameHeaderFooter;
    footer.fileVersion = 0;
    await writeParts(path, payload, footer);
    await using movie = await Movie.read(path);
    expect(movie.timing.numSamples).to.equal(4);
  });

  it('rejects RGB888 movies (dataType 3) with E_UNSUPPORTED', async () => {
    const path = dir.file('rgb.isxd');
    const { payload, footer } = await validParts(path);
    footer.dataType = 3;
    await writeParts(path, payload, footer);
    const error = await rejection(Movie.read(path));
    expect(error.code).to.equal('E_UNSUPPORTED');
    expect(error.message).to.equal(`${path}: RGB888 movies (dataType 3) are not supported`);
  });

  it('rejects a cell-set footer with E_KIND naming the kind', async () => {
    const path = dir.file('cellset.isxd');
    const { payload, footer } = await validParts(path);
    footer.type = 1;
    footer.dataType = 'float';
    await writeParts(path, payload, footer);
    const error = await rejection(Movie.read(path));
    expect(error.code).to.equal('E_KIND');
    expect(error.message).to.equal(`${path}: expected a Movie or Image (footer type 0 or 4); found Cell Set (type 1)`);
  });

  it('rejects frame indices past the end with E_RANGE', async () => {
    const path = dir.file('range.isxd');
    await writeTestMovie(path, { timing: makeTiming(4), dataType: 'uint16' });
    await using movie = await Movie.read(path);
    const error = await rejection(movie.getFrameData(4));
    expect(error.code).to.equal('E_RANGE');
    expect(error.message).to.equal(`${path}: frame index 4 is out of range (0-3)`);
    expect(thrown(() => movie.getFrameStatus(-1)).code).to.equal('E_RANGE');
    expect((await rejection(movie.getFrameHeader(1.5))).code).to.equal('E_RANGE');
    const range = await rejection(movie.readFrames(2, 3));
    expect(range.code).to.equal('E_RANGE');
    expect(range.message).to.equal(`${path}: frames 2+3 are out of range (the movie has 4 frames)`);
  });

  it('checks the index of a timestamp read after checking for timestamps', async () => {
    const path = dir.file('range-ts.isxd');
    await writeTestMovie(path, {
      timing: makeTiming(3),
      dataType: 'uint16',
      hasFrameHeaderFooter: true,
      extraProperties: { producer: { version: '1.2.0' } },
    });
    await using movie = await Movie.read(path);
    expect((await rejection(movie.getFrameTimestamp(3))).code).to.equal('E_RANGE');
  });
});

describeReal('Movie.read on a real file of another kind', () => {
  it('rejects a real cell set with E_KIND', async () => {
    const path = realFixture('ideas-toolbox-caiman', 'cellset_series_part1.isxd');
    const error = await rejection(Movie.read(path));
    expect(error.code).to.equal('E_KIND');
    expect(error.message).to.equal(`${path}: expected a Movie or Image (footer type 0 or 4); found Cell Set (type 1)`);
  });
});

describe('MovieWriter rejects bad use', () => {
  const dir = useTempDir();
  const spacing = new Spacing(2, 2);

  it('refuses frames out of order and invalid frames with E_ARGUMENT', async () => {
    const path = dir.file('order.isxd');
    const writer = await MovieWriter.create(path, { timing: makeTiming(4, { dropped: [1] }), spacing, dataType: 'uint8' });
    await writer.writeFrame(0, new Uint8Array(4));
    const error = await rejection(writer.writeFrame(1, new Uint8Array(4)));
    expect(error.code).to.equal('E_ARGUMENT');
    expect(error.message).to.equal(`${path}: cannot write frame 1 (dropped); expected frame 2`);
    expect((await rejection(writer.writeFrame(3, new Uint8Array(4)))).message).to.equal(`${path}: cannot write frame 3 (valid); expected frame 2`);
    await writer.abort();
    expect(existsSync(path)).to.equal(false);
  });

  it('refuses to finish before every valid frame is written', async () => {
    const path = dir.file('short.isxd');
    const writer = await MovieWriter.create(path, { timing: makeTiming(3), spacing, dataType: 'uint8' });
    await writer.writeFrame(0, new Uint8Array(4));
    const error = await rejection(writer.finish());
    expect(error.code).to.equal('E_ARGUMENT');
    expect(error.message).to.equal(`${path}: wrote 1 of 3 valid frames; frame 1 is next`);
    await writer.abort();
  });

  it('refuses pixels of the wrong type or length', async () => {
    const path = dir.file('pixels.isxd');
    const writer = await MovieWriter.create(path, { timing: makeTiming(2), spacing, dataType: 'uint16' });
    const error = await rejection(writer.writeFrame(0, new Float32Array(4)));
    expect(error.message).to.equal(`${path}: frame 0 must be a Uint16Array of 4 pixels; got a Float32Array of 4`);
    expect((await rejection(writer.writeFrame(0, new Uint16Array(5)))).code).to.equal('E_ARGUMENT');
    await writer.abort();
  });

  it('refuses frame headers for float32 movies and for fileVersion 0', async () => {
    const f32 = await rejection(MovieWriter.create(dir.file('hf.isxd'), { timing: makeTiming(2), spacing, dataType: 'float32', hasFrameHeaderFooter: true }));
    expect(f32.code).to.equal('E_ARGUMENT');
    expect(f32.detail).to.equal('frame headers and footers exist only for uint16 movies, not float32');
    const v0 = await rejection(
      MovieWriter.create(dir.file('hf0.isxd'), { timing: makeTiming(2), spacing, dataType: 'uint16', hasFrameHeaderFooter: true, fileVersion: 0 }),
    );
    expect(v0.code).to.equal('E_ARGUMENT');
  });

  it('refuses header fields for a movie without frame headers', async () => {
    const path = dir.file('fields.isxd');
    const writer = await MovieWriter.create(path, { timing: makeTiming(1), spacing, dataType: 'uint16' });
    const error = await rejection(writer.writeFrame(0, new Uint16Array(4), { tsc: 5n }));
    expect(error.detail).to.equal('frame 0 has header fields but the movie has no frame headers');
    await writer.abort();
  });

  it('refuses to replace an existing file unless asked, with E_EXISTS', async () => {
    const path = dir.file('exists.isxd');
    await writeTestMovie(path, { timing: makeTiming(1), dataType: 'uint8' });
    expect((await rejection(MovieWriter.create(path, { timing: makeTiming(1), spacing, dataType: 'uint8' }))).code).to.equal('E_EXISTS');
  });
});
