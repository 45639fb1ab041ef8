import { expect } from 'chai';
import { readdir, truncate } from 'node:fs/promises';
import { Image } from '../../lib/isxd/image.js';
import { Movie } from '../../lib/isxd/movie.js';
import { useTempDir } from '../helpers/tempDir.js';
import { framePixels, makeTiming, rejection, writeTestMovie } from './movieTestKit.js';

async function openFileCount(): Promise<number> {
  return (await readdir('/proc/self/fd')).length;
}

describe('Image.read', () => {
  const dir = useTempDir();

  it('returns the one frame of a single-sample file from getData', async () => {
    const path = dir.file('image.isxd');
    const spacing = await writeTestMovie(path, { timing: makeTiming(1), dataType: 'float32', extraProperties: { name: 'Session 1' } });
    await using image = await Image.read(path);
    expect(image.kind).to.equal('image');
    expect(image.filePath).to.equal(path);
    expect(image.dataType).to.equal('float32');
    expect(image.spacing.numPixels).to.deep.equal([3, 5]);
    expect(image.timing.numSamples).to.equal(1);
    expect(image.metadata.type).to.equal(4);
    expect(Array.from(await image.getData())).to.deep.equal(Array.from(framePixels('float32', spacing.pixelCount, 0)));
    expect(image.getAcquisitionInfo()).to.deep.equal({ 'Session Name': 'Session 1' });
  });

  it('returns zeros when the only sample is dropped', async () => {
    const path = dir.file('dropped-image.isxd');
    await writeTestMovie(path, { timing: makeTiming(1, { dropped: [0] }), dataType: 'uint16' });
    await using image = await Image.read(path);
    expect(Array.from(await image.getData())).to.deep.equal(new Array(15).fill(0));
  });

  it('rejects a file with more than one frame with E_KIND and closes it', async () => {
    const path = dir.file('movie.isxd');
    await writeTestMovie(path, { timing: makeTiming(2), dataType: 'uint8' });
    const before = await openFileCount();
    const error = await rejection(Image.read(path));
    expect(error.code).to.equal('E_KIND');
    expect(error.message).to.equal(`${path}: File has more than one frame. Use Movie.read instead.`);
    expect(await openFileCount()).to.equal(before);
  });

  it('closes the file when Movie.read fails', async () => {
    const path = dir.file('bad.isxd');
    await writeTestMovie(path, { timing: makeTiming(2), dataType: 'uint8' });
    await truncate(path, 20);
    const before = await openFileCount();
    await rejection(Movie.read(path));
    expect(await openFileCount()).to.equal(before);
  });
});
