import { describe, expect, it } from 'vitest';
import { sniffFormat } from './sniff-format.js';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

const ftyp = (major: string, ...compatible: string[]) => {
  const size = 16 + compatible.length * 4;
  return bytes([0, 0, 0, size], 'ftyp', major, [0, 0, 0, 0], compatible.join(''), [0, 0, 0, 8], 'mdat');
};

const mpegTs = (() => {
  const b = new Uint8Array(188 * 3);
  for (let i = 0; i < 3; i++) b[i * 188] = 0x47;
  return b;
})();

describe('sniffFormat', () => {
  it.each([
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0]), 'jpeg'],
    ['PNG', bytes([0x89], 'PNG\r\n\x1a\n', [0, 0, 0, 13], 'IHDR'), 'png'],
    ['GIF87a', bytes('GIF87a', [1, 0, 1, 0]), 'gif'],
    ['GIF89a', bytes('GIF89a', [1, 0, 1, 0]), 'gif'],
    ['WebP', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'webp'],
    ['TIFF little-endian', bytes('II*\0', [8, 0, 0, 0]), 'tiff'],
    ['TIFF big-endian', bytes('MM\0*', [0, 0, 0, 8]), 'tiff'],
    ['BigTIFF', bytes('II+\0', [8, 0, 0, 0]), 'tiff'],
    ['AVIF', ftyp('avif', 'mif1', 'miaf'), 'avif'],
    ['AVIF under a mif1 major brand', ftyp('mif1', 'avif', 'miaf'), 'avif'],
    ['HEIC', ftyp('heic', 'mif1', 'heic'), 'heif'],
    ['HEIF sequence', ftyp('msf1', 'hevc'), 'heif'],
    ['BMP', bytes('BM', [0, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0, 40, 0, 0, 0]), 'bmp'],
    ['ICO', bytes([0, 0, 1, 0, 1, 0, 16, 16]), 'ico'],
    ['JPEG XL codestream', bytes([0xff, 0x0a, 0xfa]), 'jxl'],
    ['JPEG XL container', bytes([0, 0, 0, 12], 'JXL \r\n\x87\n'), 'jxl'],
    ['JPEG 2000', bytes([0, 0, 0, 12], 'jP  \r\n\x87\n'), 'jp2'],
    ['Photoshop', bytes('8BPS', [0, 1]), 'psd'],
    ['SVG', bytes('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'), 'svg'],
  ])('%s is an image (%s)', (_name, data, format) => {
    expect(sniffFormat(data)).toEqual({ kind: 'image', format });
  });

  it.each([
    ['MP4 (isom)', ftyp('isom', 'isom', 'iso2', 'mp41'), 'mp4'],
    ['MP4 (mp42)', ftyp('mp42', 'mp42', 'isom'), 'mp4'],
    ['MOV (qt)', ftyp('qt  ', 'qt  '), 'mov'],
    ['MOV without ftyp', bytes([0, 0, 0, 8], 'wide', [0, 0, 0, 8], 'mdat'), 'mov'],
    ['3GP', ftyp('3gp4', '3gp4', 'isom'), '3gp'],
    ['WebM', bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84], 'webm'), 'webm'],
    ['Matroska', bytes([0x1a, 0x45, 0xdf, 0xa3, 0xa3, 0x42, 0x82, 0x88], 'matroska'), 'mkv'],
    ['AVI', bytes('RIFF', [0, 0, 0, 0], 'AVI LIST'), 'avi'],
    ['MPEG program stream', bytes([0, 0, 1, 0xba, 0x44]), 'mpeg-ps'],
    ['MPEG transport stream', mpegTs, 'mpeg-ts'],
    ['FLV', bytes('FLV', [1, 5]), 'flv'],
    ['ASF/WMV', bytes([0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11, 0xa6, 0xd9]), 'wmv'],
  ])('%s is a video (%s)', (_name, data, format) => {
    expect(sniffFormat(data)).toEqual({ kind: 'video', format });
  });

  it.each([
    ['empty', new Uint8Array(0)],
    ['text', bytes('hello, this is text')],
    ['WAV audio (RIFF but not an image or video)', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt ')],
    ['a lone 0x47 (not three MPEG-TS packets)', bytes([0x47, 1, 2, 3])],
    ['HTML', bytes('<!doctype html><html><body>no svg here</body></html>')],
  ])('%s is unknown', (_name, data) => {
    expect(sniffFormat(data)).toEqual({ kind: 'unknown' });
  });

  it('names a PDF so the message can say what it is', () => {
    expect(sniffFormat(bytes('%PDF-1.7\n'))).toEqual({ kind: 'unknown', format: 'pdf' });
  });
});
