/**
 * HEIC/HEIF bytes → RGBA through libheif compiled to WebAssembly (the npm package libheif-js,
 * libheif with libde265 for HEVC). The module is a parameter: the browser worker loads it from a
 * wasm file of our own origin, Node from node_modules (node/decode-heif.ts), and both then run
 * exactly this code on the same wasm, so the page and the CLI hash the same pixels.
 *
 * libheif applies the HEIF transformations (clean aperture, `irot` rotation, `imir` mirroring) by
 * default, so the image comes out upright; an EXIF orientation inside a HEIC is ignored, as the
 * HEIF standard says and libvips does. Colours are kept as stored (no ICC conversion), like every
 * other format here. Alpha is returned as is; image-item.ts flattens it on white.
 */
import { DecodeError } from '../format/decode-error.js';
import { checkPixelLimit } from '../format/pixel-limit.js';
import type { RawImage } from './raw-image.js';

/** An embind enum value: an object per value, with its number. */
interface EmbindEnum {
  readonly value: number;
}

interface HeifError {
  code: EmbindEnum;
  subcode: EmbindEnum;
  message: string;
}

interface HeifChannel {
  id: EmbindEnum;
  stride: number;
  width: number;
  height: number;
  bits_per_pixel: number;
  /** A view into the wasm memory, valid until the image is released. */
  data: Uint8Array;
}

interface HeifDecoded {
  image: object;
  channels: HeifChannel[];
}

/** The part of libheif-js's module (libheif-wasm/libheif.js, once instantiated) that we use. */
export interface LibheifModule {
  heif_colorspace: { heif_colorspace_RGB: EmbindEnum };
  heif_chroma: { heif_chroma_interleaved_RGBA: EmbindEnum };
  heif_context_alloc(): object;
  heif_context_free(context: object): void;
  heif_context_read_from_memory(context: object, bytes: Uint8Array): HeifError;
  heif_js_context_get_primary_image_handle(context: object): object;
  heif_image_handle_get_width(handle: object): number;
  heif_image_handle_get_height(handle: object): number;
  heif_image_handle_has_alpha_channel(handle: object): number;
  heif_image_handle_is_premultiplied_alpha(handle: object): number;
  heif_image_handle_release(handle: object): void;
  heif_js_decode_image2(handle: object, colorspace: EmbindEnum, chroma: EmbindEnum): object;
  heif_image_release(image: object): void;
}

// libheif's error codes (heif_error.h).
const HEIF_OK = 0;
const HEIF_UNSUPPORTED_FILETYPE = 3;
const HEIF_UNSUPPORTED_FEATURE = 4;
const HEIF_MEMORY_ALLOCATION = 6;
const HEIF_SECURITY_LIMIT = 1000;
const HEIF_CHANNEL_INTERLEAVED = 10;

export function decodeHeif(libheif: LibheifModule, bytes: Uint8Array, maxPixels: number): RawImage {
  const context = libheif.heif_context_alloc();
  try {
    const read = libheif.heif_context_read_from_memory(context, bytes);
    if (read.code.value !== HEIF_OK) throw heifError(read);
    const handle = libheif.heif_js_context_get_primary_image_handle(context);
    if (isHeifError(handle)) throw heifError(handle);
    try {
      // The size after the transformations, before any pixel is decoded.
      const width = libheif.heif_image_handle_get_width(handle);
      const height = libheif.heif_image_handle_get_height(handle);
      checkPixelLimit(width, height, maxPixels);
      const decoded = libheif.heif_js_decode_image2(handle, libheif.heif_colorspace.heif_colorspace_RGB, libheif.heif_chroma.heif_chroma_interleaved_RGBA);
      if (isHeifError(decoded)) throw heifError(decoded);
      const premultiplied = libheif.heif_image_handle_has_alpha_channel(handle) !== 0 && libheif.heif_image_handle_is_premultiplied_alpha(handle) !== 0;
      try {
        const image = copyRgba(decoded as HeifDecoded);
        if (premultiplied) unpremultiply(image.data);
        return image;
      } finally {
        libheif.heif_image_release((decoded as HeifDecoded).image);
      }
    } finally {
      libheif.heif_image_handle_release(handle);
    }
  } finally {
    libheif.heif_context_free(context);
  }
}

function isHeifError(value: object | undefined): value is HeifError {
  return value === undefined || 'code' in value;
}

/** Out of the wasm memory (reused by the next decode), dropping any row padding. */
function copyRgba(decoded: HeifDecoded): RawImage {
  const channel = decoded.channels.find((c) => c.id.value === HEIF_CHANNEL_INTERLEAVED);
  if (channel === undefined || channel.bits_per_pixel !== 8) {
    throw new DecodeError('corrupt', 'the HEIC/HEIF file is damaged: its image data could not be decoded');
  }
  const { width, height, stride } = channel;
  const row = width * 4;
  const data = new Uint8Array(row * height);
  if (stride === row) data.set(channel.data.subarray(0, row * height));
  else for (let y = 0; y < height; y++) data.set(channel.data.subarray(y * stride, y * stride + row), y * row);
  return { width, height, data };
}

/** Premultiplied alpha (a `prem` reference) back to straight alpha, as other decoders give it. */
function unpremultiply(rgba: Uint8Array): void {
  for (let i = 0; i < rgba.length; i += 4) {
    const a = rgba[i + 3]!;
    if (a === 0 || a === 255) continue;
    for (let c = i; c < i + 3; c++) rgba[c] = Math.min(255, Math.round((rgba[c]! * 255) / a));
  }
}

function heifError(error: HeifError | undefined): DecodeError {
  const code = error?.code.value;
  const detail = error?.message ?? 'no result';
  if (code === HEIF_UNSUPPORTED_FEATURE || code === HEIF_UNSUPPORTED_FILETYPE) {
    return new DecodeError('unsupported-format', 'this HEIC/HEIF photo uses a compression or feature that cannot be decoded here; convert it to JPEG first', { cause: new Error(detail) });
  }
  if (code === HEIF_MEMORY_ALLOCATION || error?.subcode.value === HEIF_SECURITY_LIMIT) {
    return new DecodeError('too-many-pixels', 'the image is too large to be decoded here', { cause: new Error(detail) });
  }
  return new DecodeError('corrupt', 'the HEIC/HEIF file is damaged: its image data could not be decoded', { cause: new Error(detail) });
}
