/**
 * Tells what a file is from its first bytes (never from its name, which a user can change).
 * Pure byte inspection, shared by the Node decoder and the browser worker (through preflight.ts).
 */

export type SniffedKind = 'image' | 'video' | 'unknown';

export interface SniffedFormat {
  kind: SniffedKind;
  /** image: jpeg png gif webp tiff avif heif bmp ico jxl jp2 psd svg · video: mp4 mov 3gp webm mkv avi mpeg-ps mpeg-ts flv wmv · unknown: pdf, or absent */
  format?: string;
}

/** How formats are named to a user. */
export const FORMAT_LABELS: Readonly<Record<string, string>> = {
  jpeg: 'JPEG', png: 'PNG', gif: 'GIF', webp: 'WebP', tiff: 'TIFF', avif: 'AVIF', heif: 'HEIC/HEIF',
  bmp: 'BMP', ico: 'ICO', jxl: 'JPEG XL', jp2: 'JPEG 2000', psd: 'Photoshop (PSD)', svg: 'SVG',
  mp4: 'MP4', mov: 'QuickTime (MOV)', '3gp': '3GP', webm: 'WebM', mkv: 'Matroska (MKV)', avi: 'AVI',
  'mpeg-ps': 'MPEG', 'mpeg-ts': 'MPEG-TS', flv: 'Flash video (FLV)', wmv: 'Windows Media (WMV/ASF)',
  pdf: 'PDF',
};

export function formatLabel(format: string): string {
  return FORMAT_LABELS[format] ?? format.toUpperCase();
}

const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);
const MPEG_TS_PACKET = 188;

export function sniffFormat(bytes: Uint8Array): SniffedFormat {
  const b = bytes;
  const at = (i: number): number => b[i] ?? -1;
  const text = (i: number, length: number): string => ascii(b, i, length);

  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return image('jpeg');
  if (at(0) === 0x89 && text(1, 7) === 'PNG\r\n\x1a\n') return image('png');
  if (text(0, 6) === 'GIF87a' || text(0, 6) === 'GIF89a') return image('gif');
  if (text(0, 4) === 'RIFF') {
    const form = text(8, 4);
    if (form === 'WEBP') return image('webp');
    if (form === 'AVI ') return video('avi');
    return { kind: 'unknown' };
  }
  const tiffHead = text(0, 4);
  if (tiffHead === 'II*\0' || tiffHead === 'MM\0*' || tiffHead === 'II+\0' || tiffHead === 'MM\0+') return image('tiff');
  if (text(4, 4) === 'ftyp') return isoBmff(b);
  // QuickTime files from before the ftyp box start straight with a movie atom.
  if (['moov', 'mdat', 'wide', 'pnot'].includes(text(4, 4))) return video('mov');
  if (at(0) === 0x1a && at(1) === 0x45 && at(2) === 0xdf && at(3) === 0xa3) {
    return video(text(0, Math.min(b.length, 64)).includes('webm') ? 'webm' : 'mkv'); // EBML header, DocType
  }
  if (at(0) === 0 && at(1) === 0 && at(2) === 1 && (at(3) === 0xba || at(3) === 0xb3)) return video('mpeg-ps');
  if (at(0) === 0x47 && at(MPEG_TS_PACKET) === 0x47 && at(2 * MPEG_TS_PACKET) === 0x47) return video('mpeg-ts');
  if (text(0, 3) === 'FLV' && at(3) === 1) return video('flv');
  if (ascii(b, 0, 8) === '\x30\x26\xb2\x75\x8e\x66\xcf\x11') return video('wmv');
  if (text(0, 2) === 'BM' && [12, 40, 52, 56, 64, 108, 124].includes(u32le(b, 14))) return image('bmp');
  if (at(0) === 0 && at(1) === 0 && at(2) === 1 && at(3) === 0 && at(4) > 0 && at(5) === 0) return image('ico');
  if ((at(0) === 0xff && at(1) === 0x0a) || text(4, 8) === 'JXL \r\n\x87\n') return image('jxl');
  if (text(4, 8) === 'jP  \r\n\x87\n' || (at(0) === 0xff && at(1) === 0x4f && at(2) === 0xff && at(3) === 0x51)) return image('jp2');
  if (text(0, 4) === '8BPS') return image('psd');
  if (text(0, 5) === '%PDF-') return { kind: 'unknown', format: 'pdf' };
  if (looksLikeSvg(b)) return image('svg');
  return { kind: 'unknown' };
}

/** ISO base media file (MP4 family): still images (AVIF, HEIC) and videos share the container. */
function isoBmff(b: Uint8Array): SniffedFormat {
  const size = u32be(b, 0);
  const end = Math.min(b.length, size >= 16 ? size : 16);
  const major = ascii(b, 8, 4);
  const brands = [major];
  for (let i = 16; i + 4 <= end; i += 4) brands.push(ascii(b, i, 4));
  if (brands.some((x) => AVIF_BRANDS.has(x))) return image('avif');
  if (brands.some((x) => HEIF_BRANDS.has(x))) return image('heif');
  if (major === 'qt  ') return video('mov');
  if (major.startsWith('3g')) return video('3gp');
  return video('mp4');
}

function looksLikeSvg(b: Uint8Array): boolean {
  const head = ascii(b, 0, Math.min(b.length, 1024)).trimStart().toLowerCase();
  return (head.startsWith('<?xml') || head.startsWith('<svg') || head.startsWith('<!doctype svg')) && head.includes('<svg');
}

function image(format: string): SniffedFormat {
  return { kind: 'image', format };
}

function video(format: string): SniffedFormat {
  return { kind: 'video', format };
}

function u32be(b: Uint8Array, at: number): number {
  return at + 4 > b.length ? -1 : b[at]! * 0x1000000 + ((b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!);
}

function u32le(b: Uint8Array, at: number): number {
  return at + 4 > b.length ? -1 : b[at]! + (b[at + 1]! << 8) + (b[at + 2]! << 16) + b[at + 3]! * 0x1000000;
}

function ascii(b: Uint8Array, at: number, length: number): string {
  if (at < 0 || at + length > b.length) return '';
  return String.fromCharCode(...b.subarray(at, at + length));
}
