import { expect } from 'chai';
import { BehaviorMovie } from '../../lib/isxb/behaviorMovie.js';
import { loadLumaDecoder, type DecoderChoice } from '../../lib/isxb/decodeLuma.js';
import { encodeIsxb, makeIsxbSession, type IsxbInit } from '../synthetic/writeIsxb.js';
import { useTempDir } from '../helpers/tempDir.js';
import { COLS, ROWS, findMarker, makeJpegs, meanAbsDiff, rejection, writeIsxbBytes, writeSynthetic } from './isxbTestKit.js';

const SOS = 0xda;
const SOF0 = 0xc0;

async function threeFrames(): Promise<IsxbInit & { lumas: Uint8Array[] }> {
  const { jpegs, lumas } = await makeJpegs(3);
  return { jpegs, lumas, samples: [0, 1, 2].map((k) => ({ fc: k, tsc: 1000 + 50_000 * k })), session: makeIsxbSession(COLS, ROWS) };
}

describe('BehaviorMovie on damaged JPEG data', () => {
  const dir = useTempDir();

  const damages: Record<string, (jpeg: Uint8Array) => void> = {
    // The scan names component 9, which the frame header lacks: markers stay intact, so the index is
    // fine and only decoding fails.
    'a scan naming a missing component': (jpeg) => {
      jpeg[findMarker(jpeg, SOS) + 5] = 9;
    },
    'entropy-coded data overwritten': (jpeg) => {
      for (let i = findMarker(jpeg, SOS) + 20; i < jpeg.length - 10; i += 7) jpeg[i] = 0x5a;
    },
  };
  for (const [damage, apply] of Object.entries(damages)) {
    for (const decoder of ['sharp', 'js'] as DecoderChoice[]) {
      it(`rejects only the frame with ${damage}, with E_CORRUPT naming it and its offset (${decoder})`, async function () {
        if (decoder === 'sharp' && (await loadLumaDecoder('auto')).name !== 'sharp') this.skip();
        const init = await threeFrames();
        const broken = new Uint8Array(init.jpegs[1]!);
        apply(broken);
        const path = await writeSynthetic(dir.file(`corrupt-${decoder}-${damage.length}.isxb`), { ...init, jpegs: [init.jpegs[0]!, broken, init.jpegs[2]!] });
        await using movie = await BehaviorMovie.read(path, { decoder });
        const offset = 96 + init.jpegs[0]!.byteLength;
        const error = await rejection(movie.getFrameData(1));
        expect(error.code).to.equal('E_CORRUPT');
        expect(error.offset).to.equal(offset);
        expect(error.detail).to.match(new RegExp(`^frame 1: the JPEG at offset ${offset} \\(${broken.byteLength} bytes\\) does not decode: .+`));
        expect(meanAbsDiff(await movie.getFrameData(0), init.lumas[0]!)).to.be.below(2);
        expect(meanAbsDiff(await movie.getFrameData(2), init.lumas[2]!)).to.be.below(2);
        expect((await rejection(movie.readFrames(0, 3))).code).to.equal('E_CORRUPT');
      });
    }
  }

  it('rejects a JPEG whose size differs from the spacing with E_CORRUPT', async () => {
    const init = await threeFrames();
    const small = (await makeJpegs(1, COLS, ROWS / 2)).jpegs[0]!;
    const path = await writeSynthetic(dir.file('size.isxb'), { ...init, jpegs: [init.jpegs[0]!, init.jpegs[1]!, small] });
    await using movie = await BehaviorMovie.read(path);
    const error = await rejection(movie.getFrameData(2));
    expect(error.code).to.equal('E_CORRUPT');
    const offset = 96 + init.jpegs[0]!.byteLength + init.jpegs[1]!.byteLength;
    expect(error.detail).to.equal(`frame 2: the JPEG at offset ${offset} decodes to ${COLS} x ${ROWS / 2}; the spacing says ${COLS} x ${ROWS}`);
    const index = await movie.getJpegIndex();
    expect([index.widths[2], index.heights[2]]).to.deep.equal([COLS, ROWS / 2]);
  });

  it('rejects a video section holding fewer JPEG images than numFrames', async () => {
    const init = await threeFrames();
    const noise = new Uint8Array(init.jpegs[2]!.byteLength).fill(0x11);
    const path = await writeSynthetic(dir.file('fewer.isxb'), { ...init, jpegs: [init.jpegs[0]!, init.jpegs[1]!, noise] });
    await using movie = await BehaviorMovie.read(path);
    const error = await rejection(movie.getFrameJpeg(0));
    const end = movie.header.video.offset + movie.header.video.size;
    expect(error.code).to.equal('E_CORRUPT');
    expect(error.detail).to.equal(`video section [96, ${end}): found 2 JPEG images; the header says numFrames 3`);
  });

  it('rejects a video section holding more JPEG images than numFrames', async () => {
    const init = await threeFrames();
    const both = new Uint8Array([...init.jpegs[1]!, ...init.jpegs[2]!]);
    const samples = init.samples!.slice(0, 2);
    const path = await writeSynthetic(dir.file('more.isxb'), { ...init, samples, jpegs: [init.jpegs[0]!, both] });
    await using movie = await BehaviorMovie.read(path);
    const error = await rejection(movie.getFrameData(0));
    const extra = 96 + init.jpegs[0]!.byteLength + init.jpegs[1]!.byteLength;
    expect(error.code).to.equal('E_CORRUPT');
    expect(error.offset).to.equal(extra);
    expect(error.detail).to.match(new RegExp(`holds more JPEG images than the header's numFrames 2 \\(another starts at offset ${extra}\\)$`));
  });

  it('rejects a last image whose scan runs past the end of the video section', async () => {
    const init = await threeFrames();
    const cut = init.jpegs[2]!.subarray(0, init.jpegs[2]!.byteLength - 2);
    const path = await writeSynthetic(dir.file('cut.isxb'), { ...init, jpegs: [init.jpegs[0]!, init.jpegs[1]!, cut] });
    await using movie = await BehaviorMovie.read(path);
    const error = await rejection(movie.getFrameData(0));
    const end = movie.header.video.offset + movie.header.video.size;
    const start = 96 + init.jpegs[0]!.byteLength + init.jpegs[1]!.byteLength;
    expect(error.code).to.equal('E_CORRUPT');
    expect(error.offset).to.equal(end);
    expect(error.detail).to.equal(`video section [96, ${end}): image 2 (starting at ${start}): scan data runs past the end of the video section`);
  });

  it('rejects a segment length that points past the video section', async () => {
    const init = await threeFrames();
    const bad = new Uint8Array(init.jpegs[0]!);
    const sof = findMarker(bad, SOF0);
    bad[sof + 2] = 0xff;
    bad[sof + 3] = 0xff;
    const path = await writeSynthetic(dir.file('seglen.isxb'), { ...init, jpegs: [bad, init.jpegs[1]!, init.jpegs[2]!] });
    await using movie = await BehaviorMovie.read(path);
    const error = await rejection(movie.getFrameJpeg(2));
    expect(error.code).to.equal('E_CORRUPT');
    expect(error.offset).to.equal(96 + sof);
    expect(error.detail).to.match(new RegExp(`image 0: segment FFC0 at offset ${96 + sof} declares 65535 bytes, past the end of the video section$`));
  });

  it('scans the video section once and reuses the index', async () => {
    const init = await threeFrames();
    const path = await writeSynthetic(dir.file('once.isxb'), init);
    await using movie = await BehaviorMovie.read(path);
    const first = await movie.getJpegIndex();
    await movie.getFrameData(2);
    expect(await movie.getJpegIndex()).to.equal(first);
  });
});

describe('BehaviorMovie on a damaged header or JSON', () => {
  const dir = useTempDir();

  it('rejects a file shorter than the header with E_TRUNCATED', async () => {
    const path = await writeIsxbBytes(dir.file('tiny.isxb'), new Uint8Array(40));
    const error = await rejection(BehaviorMovie.read(path));
    expect(error.code).to.equal('E_TRUNCATED');
    expect(error.detail).to.equal('file is 40 bytes; an .isxb file starts with a 96-byte header');
  });

  it('rejects a session range past the end of the file with E_TRUNCATED and its offsets', async () => {
    const init = await threeFrames();
    const size = encodeIsxb(init).byteLength;
    const path = await writeSynthetic(dir.file('session-past.isxb'), init, (_, view) => view.setBigUint64(88, 1_000_000n, true));
    const error = await rejection(BehaviorMovie.read(path));
    const offset = Number(encodeIsxbView(init).getBigUint64(80, true));
    expect(error.code).to.equal('E_TRUNCATED');
    expect(error.offset).to.equal(offset);
    expect(error.detail).to.equal(
      `session JSON (header sessionOffset ${offset}, sessionSize 1000000) ends at ${offset + 1_000_000}; file ends at ${size} (truncated?)`,
    );
  });

  it('rejects a video offset past the end of the file with E_TRUNCATED', async () => {
    const init = await threeFrames();
    const size = encodeIsxb(init).byteLength;
    const path = await writeSynthetic(dir.file('video-past.isxb'), init, (_, view) => view.setBigUint64(48, BigInt(size), true));
    const error = await rejection(BehaviorMovie.read(path));
    expect(error.code).to.equal('E_TRUNCATED');
    expect(error.detail).to.match(/^video section \(header videoOffset \d+, videoSize \d+\) ends at \d+; file ends at \d+ \(truncated\?\)$/);
  });

  it('rejects an offset beyond 2^53 with E_RANGE', async () => {
    const init = await threeFrames();
    const path = await writeSynthetic(dir.file('huge.isxb'), init, (_, view) => view.setBigUint64(64, 2n ** 60n, true));
    const error = await rejection(BehaviorMovie.read(path));
    expect(error.code).to.equal('E_RANGE');
    expect(error.offset).to.equal(64);
  });

  it('rejects a zero sessionSize with E_HEADER', async () => {
    const init = await threeFrames();
    const path = await writeSynthetic(dir.file('nosession.isxb'), init, (_, view) => view.setBigUint64(88, 0n, true));
    const error = await rejection(BehaviorMovie.read(path));
    expect(error.code).to.equal('E_HEADER');
    expect(error.detail).to.equal('header sessionSize is 0; an .isxb file needs its session JSON (spec 8.1)');
  });

  it('rejects a sample count that differs from numFrames with E_CORRUPT', async () => {
    const init = await threeFrames();
    const path = await writeSynthetic(dir.file('count.isxb'), { ...init, samples: init.samples!.slice(0, 2) });
    const error = await rejection(BehaviorMovie.read(path));
    const metaOffset = 96 + init.jpegs.reduce((n, j) => n + j.byteLength, 0);
    expect(error.code).to.equal('E_CORRUPT');
    expect(error.detail).to.equal(`per-frame JSON at offset ${metaOffset} has 2 samples; the header says numFrames 3`);
  });

  it('rejects per-frame JSON that does not parse with E_JSON at its byte offset', async () => {
    const init = await threeFrames();
    const metaOffset = 96 + init.jpegs.reduce((n, j) => n + j.byteLength, 0);
    const path = await writeSynthetic(dir.file('garbage-meta.isxb'), init, (bytes) => bytes.set(Buffer.from('{"x":!'), metaOffset));
    const error = await rejection(BehaviorMovie.read(path));
    expect(error.code).to.equal('E_JSON');
    expect(error.offset).to.equal(metaOffset + 5);
    expect(error.detail).to.match(new RegExp(`^per-frame JSON at offset ${metaOffset} does not parse: `));
  });

  it('rejects a session JSON that does not parse with E_JSON', async () => {
    const init = await threeFrames();
    const sessionOffset = Number(encodeIsxbView(init).getBigUint64(80, true));
    const path = await writeSynthetic(dir.file('garbage-session.isxb'), init, (bytes) => bytes.set(Buffer.from('[[[['), sessionOffset));
    const error = await rejection(BehaviorMovie.read(path));
    expect(error.code).to.equal('E_JSON');
    expect(error.detail).to.match(new RegExp(`^session JSON at offset ${sessionOffset} does not parse: `));
  });

  it('rejects dropped frames that do not add up to the stored JPEGs with E_CORRUPT', async () => {
    const init = await threeFrames();
    // numDrops says 2 while droppedFrames lists one index: 5 samples, 1 invalid, so 4 stored, not 3.
    const path = await writeSynthetic(dir.file('drops.isxb'), { ...init, droppedFrames: [1] }, (_, view) => view.setBigUint64(40, 2n, true));
    const error = await rejection(BehaviorMovie.read(path));
    expect(error.code).to.equal('E_CORRUPT');
    expect(error.detail).to.equal('timing has 5 samples with 1 invalid, so 4 stored frames; the header says numFrames 3');
  });

  it('needs per-frame samples to derive the period when the session has no timingInfo', async () => {
    const init = await threeFrames();
    const path = await writeSynthetic(dir.file('nosamples.isxb'), { jpegs: init.jpegs, droppedFrames: [], session: init.session });
    const error = await rejection(BehaviorMovie.read(path));
    expect(error.code).to.equal('E_HEADER');
    expect(error.detail).to.contain('"samples"');
  });
});

function encodeIsxbView(init: IsxbInit): DataView {
  const bytes = encodeIsxb(init);
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
