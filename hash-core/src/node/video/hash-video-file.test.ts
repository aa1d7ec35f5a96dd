import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Value } from 'typebox/value';
import { beforeAll, expect, it } from 'vitest';
import { DecodeError } from '../../format/decode-error.js';
import { hamming } from '../../hamming.js';
import { pdqDihedral } from '../../signals/pdq/index.js';
import { suiteScratchDir } from '../../test-support/scratch.js';
import { describeWithFfmpeg, makeTestVideo } from '../../test-support/videos.js';
import { VideoItemSchema, type VideoFrame } from '../../video/video-item.js';
import { FFMPEG_MISSING_MESSAGE } from './ffmpeg-tools.js';
import { hashVideoFile } from './hash-video-file.js';

const dir = suiteScratchDir('disrupt-video-');

async function failure(promise: Promise<unknown>): Promise<DecodeError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DecodeError);
    return error as DecodeError;
  }
  throw new Error('expected a DecodeError');
}

describeWithFfmpeg('hashVideoFile (system ffmpeg)', () => {
  const clip = join(dir, 'clip.mp4');
  beforeAll(() => makeTestVideo(clip, { seconds: 5, width: 320, height: 240 }));

  it('returns a valid VideoItem: a frame per second from 0, digests of the whole file, the duration', async () => {
    const { item, width, height } = await hashVideoFile(clip);
    expect(Value.Check(VideoItemSchema, item)).toBe(true);
    expect([width, height]).toEqual([320, 240]);
    expect(item.frames.map((f) => f.t)).toEqual([0, 1, 2, 3, 4]);
    expect(item).toMatchObject({ type: 'video', durationMs: 5000, frameInterval: 1 });
    const bytes = readFileSync(clip);
    expect(item.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(item.md5).toBe(createHash('md5').update(bytes).digest('hex'));
    expect(item.frames.every((f) => f.quality >= 50)).toBe(true);
    expect(new Set(item.frames.map((f) => f.pdq)).size).toBe(5); // the pattern moves
  });

  it('samples at the requested interval and reports progress per frame', async () => {
    const seen: number[] = [];
    const { item } = await hashVideoFile(clip, { interval: 0.5, onFrame: (t, durationMs) => seen.push(t, durationMs!) });
    expect(item.frameInterval).toBe(0.5);
    expect(item.frames.map((f) => f.t)).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5]);
    expect(seen.slice(0, 4)).toEqual([0, 5000, 0.5, 5000]);
  });

  it('hashes the same frames from a WebM (VP9) re-encode, within PDQ’s threshold', async () => {
    const webm = join(dir, 'clip.webm');
    makeTestVideo(webm, { seconds: 5, width: 320, height: 240, codec: ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-b:v', '1M'] });
    const [a, b] = await Promise.all([hashVideoFile(clip), hashVideoFile(webm)]);
    expect(b.item.frames.map((f) => f.t)).toEqual([0, 1, 2, 3, 4]);
    a.item.frames.forEach((frame: VideoFrame, i) => expect(hamming(frame.pdq, b.item.frames[i]!.pdq)).toBeLessThanOrEqual(31));
  });

  it('turns a phone video as it is shown (rotation in the container)', async () => {
    const turned = join(dir, 'turned.mp4');
    makeTestVideo(turned, { seconds: 2, width: 320, height: 240, rotate: 90 });
    const { width, height, item } = await hashVideoFile(turned);
    expect([width, height]).toEqual([240, 320]);
    expect(item.frames).toHaveLength(2);
    // The pixels are turned, not squeezed: the frame is a quarter turn of the stored one.
    const stored = execFileSync('ffmpeg', ['-v', 'error', '-noautorotate', '-i', turned, '-frames:v', '1', '-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1']);
    const { dihedral } = pdqDihedral({ width: 320, height: 240, data: new Uint8Array(stored) });
    expect(Math.min(hamming(item.frames[0]!.pdq, dihedral[1]!), hamming(item.frames[0]!.pdq, dihedral[3]!))).toBeLessThanOrEqual(8);
    expect(hamming(item.frames[0]!.pdq, dihedral[0]!)).toBeGreaterThan(31);
  });

  it('says what is wrong with a file that is not a video, without its path', async () => {
    const text = join(dir, 'notes.mp4');
    writeFileSync(text, 'not a video at all, just words\n'.repeat(50));
    const error = await failure(hashVideoFile(text));
    expect(error.code).toBe('unsupported-format');
    expect(error.message).toMatch(/^this file is not a video ffmpeg can read/);
    expect(error.message).not.toContain(dir);
  });

  it('says a video cut off before its index cannot be read, and an empty file is empty', async () => {
    const bytes = readFileSync(clip);
    const cut = join(dir, 'cut.mp4');
    writeFileSync(cut, bytes.subarray(0, bytes.length >> 1)); // the MP4 index (moov) is at the end
    expect((await failure(hashVideoFile(cut))).message).toMatch(/not a video ffmpeg can read/);
    const empty = join(dir, 'empty.mp4');
    writeFileSync(empty, '');
    expect(await failure(hashVideoFile(empty))).toMatchObject({ code: 'empty', message: 'the file is empty (0 bytes)' });
  });

  it('says a downloaded video cut off part way is incomplete, and hashes one damaged in the middle', async () => {
    const streamable = join(dir, 'streamable.mp4');
    makeTestVideo(streamable, { seconds: 5, codec: ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-movflags', '+faststart'] });
    const bytes = readFileSync(streamable);
    const cut = join(dir, 'cut-streamable.mp4');
    writeFileSync(cut, bytes.subarray(0, Math.round(bytes.length * 0.6)));
    const error = await failure(hashVideoFile(cut));
    expect(error.code).toBe('truncated');
    expect(error.message).toMatch(/^the video file is incomplete: it ends after [1-4] s of 5 s/);
    const damaged = Buffer.from(bytes);
    damaged.fill(0, bytes.length >> 1, (bytes.length >> 1) + 2000);
    const path = join(dir, 'damaged.mp4');
    writeFileSync(path, damaged);
    expect((await hashVideoFile(path)).item.frames).toHaveLength(5);
  });

  it('says a file without a video track has none', async () => {
    const audio = join(dir, 'sound.m4a');
    const { spawnSync } = await import('node:child_process');
    spawnSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=duration=1', '-c:a', 'aac', audio]);
    expect((await failure(hashVideoFile(audio))).message).toBe('this file has no video track that ffmpeg can read');
  });

  it('says how to install ffmpeg when it is missing', async () => {
    const error = await failure(hashVideoFile(clip, { tools: { ffmpeg: '/nonexistent/ffmpeg', ffprobe: '/nonexistent/ffprobe' } }));
    expect(error).toMatchObject({ code: 'decoder-unavailable', message: FFMPEG_MISSING_MESSAGE });
  });

  it('stops ffmpeg when aborted', async () => {
    const controller = new AbortController();
    const hashing = hashVideoFile(clip, { signal: controller.signal, onFrame: () => controller.abort() });
    await expect(hashing).rejects.toThrow(/abort/i);
  });

  it('keeps memory bounded on a long video (frames streamed, never held)', { timeout: 120_000 }, async () => {
    const long = join(dir, 'long.mp4');
    makeTestVideo(long, { seconds: 180, width: 640, height: 360, fps: 10 });
    global.gc?.();
    const before = process.memoryUsage();
    let peak = 0;
    const { item } = await hashVideoFile(long, {
      onFrame: () => {
        peak = Math.max(peak, process.memoryUsage().rss - before.rss);
      },
    });
    expect(item.frames).toHaveLength(180);
    // 180 frames of 640×360 RGB are 124 MB; one frame and the hashers' buffers are a few MB.
    expect(peak).toBeLessThan(60 * 2 ** 20);
  });
});
