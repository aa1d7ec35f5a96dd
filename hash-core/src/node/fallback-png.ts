/**
 * PNG through pngjs (pure JS). pngjs expands palette, grey, grey+alpha and 1/2/4-bit images to
 * RGBA and applies tRNS transparency; 16-bit samples become round(v × 255 / 65535) (pngjs's
 * rescaling, within 1 of sharp's). Gamma (gAMA) is ignored, as browsers and libvips do when an
 * image has no colour profile; the ICC profile is applied by decode-fallback.ts.
 *
 * pngjs's asynchronous parser is used on purpose: its synchronous one (`PNG.sync.read`, pngjs 7 on
 * Node 20) misses zlib errors and returns a damaged or short image stream as pixels made of
 * uninitialised memory, where the stream-based parser reports the error.
 */
import pngjs from 'pngjs';
import { DecodeError } from '../format/decode-error.js';
import { pngHeader } from '../format/header-size.js';
import { checkPixelLimit } from '../format/pixel-limit.js';
import type { RawImage } from '../decode/raw-image.js';

export async function decodePng(bytes: Uint8Array, maxPixels: number): Promise<RawImage> {
  const header = pngHeader(bytes);
  if (header === undefined) throw new DecodeError('corrupt', 'the PNG file is damaged: it does not start with an image header');
  checkPixelLimit(header.width, header.height, maxPixels);
  if (header.width === 0 || header.height === 0) {
    throw new DecodeError('corrupt', `the PNG file is damaged: it says the image is ${header.width}×${header.height} pixels`);
  }
  try {
    const png = await parsePng(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
  } catch (error) {
    throw new DecodeError('corrupt', 'the PNG file is damaged: its image data could not be decoded', { cause: error });
  }
}

function parsePng(buffer: Buffer): Promise<pngjs.PNG> {
  return new Promise((resolve, reject) => {
    const png = new pngjs.PNG({ checkCRC: true });
    // pngjs can emit a second 'error' after the first (inflate, then filter); without a listener
    // that would be thrown as an uncaught exception. The first one settles the promise.
    png.on('error', () => {});
    png.parse(buffer, (error, parsed) => (error ? reject(error) : resolve(parsed)));
  });
}
