/**
 * From decoded pixels (and the file's bytes) to the fingerprints of one image: the single pipeline
 * that the browser worker and the CLI both call, so they cannot disagree.
 */
import type { ImageItem } from './item.js';
import { channelsOf, type Pixels } from './pixels.js';
import { areaResize, preResizeSize, PRE_RESIZE_MAX_SIDE } from './resize.js';
import { blockhash256 } from './signals/blockhash/blockhash.js';
import { md5, sha256 } from './signals/exact/digests.js';
import { pdq, pdqDihedral, pdqFromLuma, releasePdqScratch, type PdqResult } from './signals/pdq/index.js';
import { lumaFromPixels } from './signals/pdq/luma.js';
import { pdqFromBlurred } from './signals/pdq/pdq.js';
import { blockhashVariantHashes } from './signals/blockhash-variants/signal.js';
import { releaseSideBlockhashScratch } from './signals/blockhash-variants/side-blockhash.js';
import { mirroredQueryHashes } from './signals/pdq-variants/mirrored-query.js';
import { PLANE_AS_IS_MAX_SIDE, pdqVariantHashes, releaseVariantScratch, variantSource, type PdqVariantHashes } from './signals/pdq-variants/variants.js';

export interface PerceptualOptions {
  /**
   * Also compute the 8 rotations/flips of PDQ (for querying; costs ~1.2× one PDQ), and with the
   * variants, those of the picture mirrored (a flipped copy also cut or framed).
   */
  dihedral?: boolean;
  /** Also compute the variants (PDQ crops, tilts, trimmed borders; side blockhashes); default true. */
  variants?: boolean;
}

export interface PerceptualHashes {
  pdq: string;
  quality: number;
  blockhash: string;
  dihedral?: string[];
  /** Variant name → hash (see signals/pdq-variants and signals/blockhash-variants). */
  variants?: PdqVariantHashes;
  /** With `dihedral` and the variants: some variants of the picture mirrored (mirrored-query.ts). */
  mirrored?: PdqVariantHashes;
}

// The pre-resized copy of a big photo, and the luma of a small one, kept between calls like PDQ's
// scratch (≤ 17 MB and ≤ 1.6 MB): new ones per photo cost ~4 ms in Chromium for a big photo,
// mostly first-touch page faults. Never escape this module.
let resized = new Uint8Array(0);
let lumaScratch = new Float32Array(0);

/** Frees the buffers kept between calls (≤ 60 MB after a big photo); the next call reallocates. */
export function releaseScratch(): void {
  resized = new Uint8Array(0);
  lumaScratch = new Float32Array(0);
  releasePdqScratch();
  releaseVariantScratch();
  releaseSideBlockhashScratch();
}

/** The PDQ variants and the side blockhashes, from one luma plane. */
export function variantHashes(pixels: Pixels, from = variantSource(pixels)): PdqVariantHashes {
  return { ...pdqVariantHashes(pixels, undefined, from), ...blockhashVariantHashes(from) };
}

/**
 * Plain PDQ and the variants of a photo that is its own variants' plane (≤ 640 px): one luma pass
 * and one blur serve both, PDQ reading its cells from the variants' blur (bit-identical to `pdq()`).
 */
function sharingThePlane(pixels: Pixels): { pdq: PdqResult; variants: PdqVariantHashes } {
  const { width, height } = pixels;
  if (lumaScratch.length < width * height) lumaScratch = new Float32Array(width * height);
  const luma = lumaScratch.subarray(0, width * height);
  lumaFromPixels(pixels, luma);
  const from = variantSource(pixels, { width, height, luma });
  const variants = variantHashes(pixels, from);
  return { pdq: pdqFromBlurred(from.blurred.blurred, width, height) ?? pdqFromLuma(luma, width, height), variants };
}

/** PDQ (and its dihedral variants), the variants and blockhash-256 of decoded pixels, after the pre-resize policy. */
export function perceptualHashes(pixels: Pixels, options: PerceptualOptions = {}): PerceptualHashes {
  channelsOf(pixels); // validates the buffer size before any work
  // Small images are hashed as they are (blockhash sees the real alpha); big ones are averaged
  // down, flattened on white on the way, into opaque RGBA: what blockhash-core reads, so it needs
  // no RGBA copy (PDQ reads either).
  let source = pixels;
  if (Math.max(pixels.width, pixels.height) > PRE_RESIZE_MAX_SIDE) {
    const { width, height } = preResizeSize(pixels.width, pixels.height);
    if (resized.length < width * height * 4) resized = new Uint8Array(width * height * 4);
    source = areaResize(pixels, width, height, { channels: 4, into: resized });
  }
  const blockhash = blockhash256(source);
  if (options.variants !== false && !options.dihedral && Math.max(source.width, source.height) <= PLANE_AS_IS_MAX_SIDE) {
    const { pdq: plain, variants } = sharingThePlane(source);
    return { pdq: plain.hash, quality: plain.quality, blockhash, variants };
  }
  const variants = options.variants === false ? undefined : variantHashes(source);
  if (options.dihedral) {
    const { hash, quality, dihedral } = pdqDihedral(source);
    return { pdq: hash, quality, blockhash, dihedral, ...(variants && { variants, mirrored: mirroredQueryHashes(source) }) };
  }
  const { hash, quality } = pdq(source);
  return { pdq: hash, quality, blockhash, ...(variants && { variants }) };
}

export interface ExactDigests {
  sha256: string;
  md5: string;
}

/**
 * SHA-256 and MD5 of a file's bytes. Start it early: Web Crypto computes SHA-256 off the calling
 * thread, and MD5 (plain JavaScript) follows once it is done, so while a browser decodes the image
 * on its own thread both are ready before the pixels are.
 */
export async function exactDigests(bytes: Uint8Array): Promise<ExactDigests> {
  const digest = await sha256(bytes);
  return { sha256: digest, md5: md5(bytes) };
}

export interface ItemOptions extends PerceptualOptions {
  /** `exactDigests(bytes)`, when the caller started it already (e.g. before decoding). */
  digests?: Promise<ExactDigests>;
}

/** The complete `Item` for an image: exact digests of the bytes plus the perceptual hashes. */
export async function imageItem(bytes: Uint8Array, pixels: Pixels, options: ItemOptions = {}): Promise<ImageItem> {
  const digesting = options.digests ?? exactDigests(bytes); // SHA-256 runs during the perceptual hashes
  digesting.catch(() => {}); // awaited below, unless the perceptual hashes throw first
  const perceptual = perceptualHashes(pixels, options);
  const { sha256: sha, md5: md } = await digesting;
  const item: ImageItem = {
    type: 'image',
    sha256: sha,
    md5: md,
    pdq: perceptual.pdq,
    quality: perceptual.quality,
    blockhash: perceptual.blockhash,
    ...perceptual.variants,
  };
  if (perceptual.dihedral) item.dihedral = perceptual.dihedral;
  if (perceptual.mirrored && Object.keys(perceptual.mirrored).length > 0) item.mirrored = perceptual.mirrored;
  return item;
}
