/** A video whose frames are larger than any H.264/H.265 level allows is refused from ffprobe's answer, before decoding. */
import { describe, expect, it } from 'vitest';
import { MAX_VIDEO_FRAME_PIXELS, readProbe } from './probe-video.js';

describe('video frame size limit', () => {
  it('accepts 8K (8192 × 4320) and refuses 8192 × 8192 with the sizes in the message', () => {
    expect(readProbe({ streams: [{ width: 8192, height: 4320 }] })).toMatchObject({ width: 8192, height: 4320 });
    expect(8192 * 4320).toBeLessThanOrEqual(MAX_VIDEO_FRAME_PIXELS);
    expect(() => readProbe({ streams: [{ width: 8192, height: 8192 }] })).toThrow(/8192×8192 = 67\.1 megapixels, over the limit of 35\.7 megapixels/);
    const refusal = (() => {
      try {
        readProbe({ streams: [{ width: 16384, height: 16384 }] });
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toMatchObject({ code: 'too-many-pixels' });
  });
});
