/**
 * The images that the browser page does not leave to the browser's decoder, and that Node does not
 * leave to sharp: both decode them with the same pure-JS or WebAssembly code, so the page and the
 * CLI hash the same pixels. Routing here, in one place, keeps the two sides choosing alike.
 */
import { isAdobeCmykJpeg, jpegHeader } from '../format/header-size.js';

/**
 * 'heif': libheif (WebAssembly; browsers other than Safari cannot decode HEIC at all).
 * 'cmyk-jpeg': jpeg-js (browsers disagree with each other and with libvips on CMYK).
 */
export type PortableDecoder = 'heif' | 'cmyk-jpeg';

/** `format` is sniffFormat's (preflight's) name for the file. */
export function portableDecoderFor(bytes: Uint8Array, format: string): PortableDecoder | undefined {
  if (format === 'heif') return 'heif';
  if (format === 'jpeg') {
    const header = jpegHeader(bytes);
    if (header !== undefined && isAdobeCmykJpeg(header)) return 'cmyk-jpeg';
  }
  return undefined;
}
