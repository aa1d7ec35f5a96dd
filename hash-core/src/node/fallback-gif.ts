/**
 * GIF through omggif (pure JS): the first frame only, on a transparent canvas the size of the GIF's
 * logical screen, enlarged when the frame sticks out of it (as libnsgif, sharp's GIF reader, does).
 * libnsgif also ignores screens it considers bogus (over 2048 px a side, or a common monitor size)
 * and sizes the canvas from the frames, and fills uncovered canvas with opaque black: we keep the
 * screen and leave uncovered canvas transparent, like a browser. Both only matter for odd files.
 */
import omggif from 'omggif';
import { DecodeError } from '../format/decode-error.js';
import { gifCanvasSize, gifHeader } from '../format/header-size.js';
import { checkPixelLimit } from '../format/pixel-limit.js';
import type { RawImage } from '../decode/raw-image.js';

export function decodeGif(bytes: Uint8Array, maxPixels: number): RawImage {
  const header = gifHeader(bytes);
  if (header === undefined) throw new DecodeError('corrupt', 'the GIF file is damaged: it has no image in it');
  const { width, height } = gifCanvasSize(header);
  checkPixelLimit(width, height, maxPixels);
  if (width === 0 || height === 0 || width > 0xffff || height > 0xffff) {
    throw new DecodeError('corrupt', `the GIF file is damaged: it says the image is ${width}×${height} pixels`);
  }
  try {
    // omggif blits onto a canvas as wide as the logical screen: when ours is larger, say so in a copy.
    const enlarged = width !== header.width || height !== header.height;
    const reader = new omggif.GifReader(enlarged ? withScreen(bytes, width, height) : bytes);
    const data = new Uint8Array(width * height * 4);
    reader.decodeAndBlitFrameRGBA(0, data);
    return { width, height, data };
  } catch (error) {
    throw new DecodeError('corrupt', 'the GIF file is damaged: its image data could not be decoded', { cause: error });
  }
}

function withScreen(bytes: Uint8Array, width: number, height: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  copy.set([width & 255, width >> 8, height & 255, height >> 8], 6);
  return copy;
}
