import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { ItemValidationError } from '../item.js';
import { pdq } from '../signals/pdq/index.js';
import { pdqVariantHashes } from '../signals/pdq-variants/variants.js';
import { framed, texturedPicture } from '../test-support/pictures.js';
import { mirroredLeftRight } from '../signals/pdq-variants/mirrored-query.js';
import { areaResize } from '../resize.js';
import {
  frameTimes,
  MAX_VIDEO_FRAMES,
  parseVideoItemInput,
  samplingInterval,
  VIDEO_FRAME_VARIANTS,
  videoFrameHashes,
  VideoItemInputSchema,
  VideoItemSchema,
} from './video-item.js';

const PDQ = '34ecd331f4ec38345ad496b5edb4ea44cef08d4c93d678301d2c5d12c59466ed';
const SHA = 'a'.repeat(64);
const MD5 = 'b'.repeat(32);
const frame = (t: number, extra = {}) => ({ t, pdq: PDQ, quality: 100, ...extra });

describe('samplingInterval', () => {
  it('keeps the requested interval up to an hour at 1 frame/s', () => {
    expect(samplingInterval(12_500)).toBe(1);
    expect(samplingInterval(3_600_000)).toBe(1);
    expect(samplingInterval(60_000, 0.5)).toBe(0.5);
    expect(samplingInterval(600_000, 5)).toBe(5);
  });
  it('samples longer videos more sparsely so frames never exceed MAX_VIDEO_FRAMES', () => {
    expect(samplingInterval(3_601_000)).toBe(1.1);
    expect(samplingInterval(2 * 3_600_000)).toBe(2);
    expect(samplingInterval(600_000, 0.1)).toBe(0.2);
    for (const ms of [3_600_001, 5_000_000, 7_200_000, 10 * 3_600_000 + 123]) {
      expect(frameTimes(ms, samplingInterval(ms)).length).toBeLessThanOrEqual(MAX_VIDEO_FRAMES);
    }
  });
  it('refuses an interval under 0.1 s', () => {
    expect(() => samplingInterval(1000, 0)).toThrow(/at least 0.1/);
    expect(() => samplingInterval(1000, Number.NaN)).toThrow(RangeError);
  });
});

describe('frameTimes', () => {
  it('lists the sample times, at least one, in 3 decimals', () => {
    expect(frameTimes(11_120, 1)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(frameTimes(3000, 1)).toEqual([0, 1, 2]);
    expect(frameTimes(0, 1)).toEqual([0]);
    expect(frameTimes(1000, 0.3)).toEqual([0, 0.3, 0.6, 0.9]);
  });
});

describe('videoFrameHashes', () => {
  it('is PDQ plus the frame variants of the pixels, t rounded to milliseconds', () => {
    const picture = texturedPicture(320, 180, 3);
    const hashed = videoFrameHashes(picture, 1.23456);
    expect(hashed).toEqual({ t: 1.235, ...(({ hash, quality }) => ({ pdq: hash, quality }))(pdq(picture)), ...pdqVariantHashes(picture, VIDEO_FRAME_VARIANTS) });
    expect(Object.keys(hashed).filter((k) => k.startsWith('pdqC'))).toEqual(['pdqCenter90', 'pdqCenter80']);
  });
  it('carries pdqTrimmed for a letterboxed frame only', () => {
    expect(videoFrameHashes(texturedPicture(320, 180, 4), 0).pdqTrimmed).toBeUndefined();
    const letterboxed = framed(texturedPicture(320, 136, 4), 320, 180, 0, 22, [0, 0, 0]);
    expect(videoFrameHashes(letterboxed, 0).pdqTrimmed).toMatch(/^[0-9a-f]{64}$/);
  });
  it('keeps a dim frame\'s mirrored PDQ (a dark copy may be flipped), not its other variants', () => {
    const picture = texturedPicture(320, 180, 6);
    const dim = { ...picture, data: picture.data.map((v) => Math.round(v * 0.3)) };
    const hashed = videoFrameHashes(dim, 0);
    expect(hashed.quality).toBeGreaterThanOrEqual(1);
    expect(hashed.quality).toBeLessThan(50);
    expect(Object.keys(hashed).sort()).toEqual(['pdq', 'pdqMirrored', 'quality', 't']);
    // The mirror of the dim frame is the dim frame of the mirrored picture.
    expect(hashed.pdqMirrored).toBe(videoFrameHashes(mirroredLeftRight(dim), 0).pdq);
    // A frame with no step at all (quality 0) says nothing of its picture: no mirror.
    const flat = { ...picture, data: picture.data.map(() => 3) };
    expect(videoFrameHashes(flat, 0)).not.toHaveProperty('pdqMirrored');
  });
  it('pre-resizes a frame over 2048 px like a photo', () => {
    const big = texturedPicture(2560, 1440, 5);
    expect(videoFrameHashes(big, 0).pdq).toBe(pdq(areaResize(big, 2048, 1152)).hash);
  });
  it('produces items that validate against VideoItemSchema', () => {
    const frames = [0, 1, 2].map((t) => videoFrameHashes(texturedPicture(200, 120, t + 1), t));
    const item = { type: 'video', sha256: SHA, md5: MD5, durationMs: 3000, frameInterval: 1, frames };
    expect(Value.Check(VideoItemSchema, item)).toBe(true);
    expect(Value.Check(VideoItemSchema, { ...item, frames: [] })).toBe(false);
    expect(Value.Check(VideoItemSchema, { ...item, file: 'x.mp4' })).toBe(false);
    expect(Value.Check(VideoItemInputSchema, { type: 'video', frames })).toBe(true);
    expect(parseVideoItemInput(item)).toEqual(item);
  });
});

describe('parseVideoItemInput', () => {
  it('accepts frames alone and normalises case and timestamps', () => {
    expect(parseVideoItemInput({ type: 'video', frames: [frame(0.12345, { pdq: PDQ.toUpperCase(), pdqCenter90: PDQ.toUpperCase() })] })).toEqual({
      type: 'video',
      frames: [{ t: 0.123, pdq: PDQ, quality: 100, pdqCenter90: PDQ }],
    });
  });
  const tooMany = Array.from({ length: MAX_VIDEO_FRAMES + 1 }, (_, i) => frame(i));
  it.each([
    [{ type: 'video', frames: [frame(0)], file: 'x.mp4' }, 'items[0].file', 'unknown field'],
    [{ type: 'image', frames: [frame(0)] }, 'items[0].type', 'expected "video"'],
    [{ type: 'video' }, 'items[0].frames', 'expected an array'],
    [{ type: 'video', frames: [] }, 'items[0].frames', 'at least one frame'],
    [{ type: 'video', frames: tooMany }, 'items[0].frames', 'at most 3600 frames'],
    [{ type: 'video', frames: [frame(0), frame(1), 'x'] }, 'items[0].frames[2]', 'expected an object'],
    [{ type: 'video', frames: [frame(0), { ...frame(1), pdq: PDQ.slice(1) }] }, 'items[0].frames[1].pdq', 'expected 64 hex characters'],
    [{ type: 'video', frames: [frame(0), { ...frame(1), quality: 100.5 }] }, 'items[0].frames[1].quality', 'integer from 0 to 100'],
    [{ type: 'video', frames: [{ pdq: PDQ, quality: 1 }] }, 'items[0].frames[0].t', 'number of seconds'],
    [{ type: 'video', frames: [frame(-1)] }, 'items[0].frames[0].t', 'number of seconds'],
    [{ type: 'video', frames: [frame(2), frame(1)] }, 'items[0].frames[1].t', 'time order'],
    [{ type: 'video', frames: [frame(0, { pdqTilt: PDQ })] }, 'items[0].frames[0].pdqTilt', 'unknown field'],
    [{ type: 'video', frames: [frame(0, { pdqTrimmed: 'zz' })] }, 'items[0].frames[0].pdqTrimmed', 'hex'],
    [{ type: 'video', sha256: MD5, frames: [frame(0)] }, 'items[0].sha256', 'expected 64 hex'],
    [{ type: 'video', durationMs: 1.5, frames: [frame(0)] }, 'items[0].durationMs', 'integer'],
    [{ type: 'video', frameInterval: 0, frames: [frame(0)] }, 'items[0].frameInterval', '≥ 0.1'],
    [[], 'items[0]', 'expected an object'],
  ])('rejects %#: naming %s', (value, field, reason) => {
    try {
      parseVideoItemInput(value, 'items[0]');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ItemValidationError);
      expect((error as ItemValidationError).field).toBe(field);
      expect((error as ItemValidationError).reason).toContain(reason);
    }
  });
});
