/**
 * blockhash-256 of the picture inside its bars (a letterbox, a white padding, a screen's viewer):
 * the box pdqFramed hashes, refined on the photo's own pixels, then blockhash's own bits (RGB,
 * bmvbhash), so a copy with bars meets the stored photo's plain blockhash. It matters for photos
 * too flat for PDQ: their framed PDQ is under the quality floor too, and bars move every band
 * median of the whole blockhash.
 */
import { blockhashOfPixelBox } from '../blockhash/blockhash-box.js';
import { isWhole, pixelBounds, WHOLE, type Box } from '../pdq-variants/luma-plane.js';
import { refineBox } from '../pdq-variants/refine-box.js';
import type { VariantSource } from '../pdq-variants/variants.js';

/** The blockhash of `picture` (frameOnPixels'), or null when there are no bars around it. */
export function framedBlockhash({ pixels }: VariantSource, picture: Box): string | null {
  if (picture === WHOLE) return null;
  const { x0, y0, width, height } = pixelBounds(picture, pixels.width, pixels.height); // as cropPixels rounds it
  return blockhashOfPixelBox(pixels, { x0, y0, x1: x0 + width, y1: y0 + height });
}

/** The frame box (pdqFramed's), its edges on the photo's pixels; WHOLE when it is the whole picture. */
export function frameOnPixels({ frame, pixels, coarse, margins }: VariantSource): Box {
  return isWhole(frame) ? WHOLE : refineBox(pixels, frame, coarse.width, coarse.height, margins);
}

/** Levels (p3 to p97) a bar's line may span: a rendered or padded bar spans ~0, a flat photo's wall or wood 8 and more. */
const BAR_SPREAD = 3;

/**
 * The frame box when what it trims is bars, else WHOLE. The frame box takes lines of one colour
 * at a tolerance JPEG needs, which a flat photo's own wood, wall or sky can pass (corpus 0080 lost
 * its left half so); the line of each bar next to the picture must be one colour to the level.
 */
export function barsFrame({ frame, coarse }: VariantSource): Box {
  const { width, height, luma } = coarse;
  const x0 = Math.round(frame.left * width);
  const x1 = Math.round(frame.right * width);
  const y0 = Math.round(frame.top * height);
  const y1 = Math.round(frame.bottom * height);
  if (x0 === 0 && y0 === 0 && x1 === width && y1 === height) return WHOLE;
  // The bar's line 2 pixels from the picture (past the edge's blur and a JPEG's ringing), or its middle when thinner.
  const inBar = (edge: number, bar: number, outward: 1 | -1) => edge + outward * Math.min(2, Math.ceil(bar / 2));
  const row = (y: number) => Array.from({ length: x1 - x0 }, (_, i) => luma[y * width + x0 + i]!);
  const column = (x: number) => Array.from({ length: y1 - y0 }, (_, i) => luma[(y0 + i) * width + x]!);
  const lines: number[][] = [];
  if (y0 > 0) lines.push(row(inBar(y0, y0, -1)));
  if (y1 < height) lines.push(row(inBar(y1 - 1, height - y1, 1)));
  if (x0 > 0) lines.push(column(inBar(x0, x0, -1)));
  if (x1 < width) lines.push(column(inBar(x1 - 1, width - x1, 1)));
  return lines.every((line) => spread(line) <= BAR_SPREAD) ? frame : WHOLE;
}

function spread(values: number[]): number {
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length * 0.97)]! - values[Math.floor(values.length * 0.03)]!;
}
