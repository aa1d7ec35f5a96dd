/**
 * blockhash-256 of the picture inside its bars (a letterbox, a white padding, a screen's viewer):
 * the box pdqFramed hashes, refined on the photo's own pixels, then blockhash's own bits (RGB,
 * bmvbhash), so a copy with bars meets the stored photo's plain blockhash. It matters for photos
 * too flat for PDQ: their framed PDQ is under the quality floor too, and bars move every band
 * median of the whole blockhash.
 */
import { blockhash256 } from '../blockhash/blockhash.js';
import { cropPixels, WHOLE, type Box } from '../pdq-variants/luma-plane.js';
import { refineBox } from '../pdq-variants/refine-box.js';
import type { VariantSource } from '../pdq-variants/variants.js';

/**
 * From this many pixels a side, the crop is cut down to a multiple of 16 (centred, ≤ 15 pixels,
 * under 3 %): blockhash's blocks are then whole pixels, its fast path (a 2048 px crop: ~6 ms in
 * place of ~35).
 */
const EVEN_BLOCKS_FROM = 512;

export function framedBlockhash({ frame, pixels, coarse, margins }: VariantSource): string | null {
  if (frame.left === WHOLE.left && frame.top === WHOLE.top && frame.right === WHOLE.right && frame.bottom === WHOLE.bottom) return null;
  const exact = refineBox(pixels, frame, coarse.width, coarse.height, margins);
  return blockhash256(cropPixels(pixels, evenBlocks(exact, pixels.width, pixels.height)));
}

/** `box` narrowed on each long enough axis to a whole number of 16-pixel blocks, about its centre. */
function evenBlocks(box: Box, width: number, height: number): Box {
  const axis = (from: number, to: number, size: number): [number, number] => {
    const start = Math.round(from * size);
    const length = Math.max(start + 1, Math.round(to * size)) - start;
    if (length < EVEN_BLOCKS_FROM) return [from, to];
    const cut = length % 16;
    const first = start + Math.floor(cut / 2);
    return [first / size, (first + length - cut) / size];
  };
  const [left, right] = axis(box.left, box.right, width);
  const [top, bottom] = axis(box.top, box.bottom, height);
  return { left, top, right, bottom };
}
