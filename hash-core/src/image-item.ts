/**
 * From decoded pixels (and the file's bytes) to the fingerprints of one image: the single pipeline
 * that the browser worker and the CLI both call, so they cannot disagree.
 */
import type { ImageItem } from './item.js';
import { channelsOf, type Pixels } from './pixels.js';
import { preResize, PRE_RESIZE_MAX_SIDE } from './resize.js';
import { blockhash256 } from './signals/blockhash/blockhash.js';
import { md5, sha256 } from './signals/exact/digests.js';
import { pdq, pdqDihedral } from './signals/pdq/index.js';

export interface PerceptualOptions {
  /** Also compute the 8 rotations/flips of PDQ (for querying; costs ~1.2× one PDQ). */
  dihedral?: boolean;
}

export interface PerceptualHashes {
  pdq: string;
  quality: number;
  blockhash: string;
  dihedral?: string[];
}

/** PDQ (and its dihedral variants) and blockhash-256 of decoded pixels, after the pre-resize policy. */
export function perceptualHashes(pixels: Pixels, options: PerceptualOptions = {}): PerceptualHashes {
  channelsOf(pixels); // validates the buffer size before any work
  // Small images are hashed as they are (blockhash sees the real alpha); big ones are averaged
  // down, flattened on white on the way.
  const source = Math.max(pixels.width, pixels.height) > PRE_RESIZE_MAX_SIDE ? preResize(pixels) : pixels;
  const blockhash = blockhash256(source);
  if (options.dihedral) {
    const { hash, quality, dihedral } = pdqDihedral(source);
    return { pdq: hash, quality, blockhash, dihedral };
  }
  const { hash, quality } = pdq(source);
  return { pdq: hash, quality, blockhash };
}

/** The complete `Item` for an image: exact digests of the bytes plus the perceptual hashes. */
export async function imageItem(bytes: Uint8Array, pixels: Pixels, options: PerceptualOptions = {}): Promise<ImageItem> {
  const perceptual = perceptualHashes(pixels, options);
  const item: ImageItem = {
    type: 'image',
    sha256: await sha256(bytes),
    md5: md5(bytes),
    pdq: perceptual.pdq,
    quality: perceptual.quality,
    blockhash: perceptual.blockhash,
  };
  if (perceptual.dihedral) item.dihedral = perceptual.dihedral;
  return item;
}
