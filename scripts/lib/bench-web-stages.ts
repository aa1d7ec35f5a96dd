/**
 * Bench-only Web Worker for `pnpm bench:web` (scripts/bench-web.ts bundles it with hash-core's
 * sources and starts it from a blob: URL; it is never part of the page). It times each stage of
 * the hashing worker's pipeline in the browser, with the same calls:
 *  - `decode`: createImageBitmap only, with decode-image.ts's options (the decode-only baseline);
 *  - `stages`: decode, draw + getImageData, then hash-core's pre-resize, blockhash, PDQ and
 *    digests, in imageItem's order, timing each: the plain pipeline; then `perceptualHashes` with
 *    the variants, as imageItem calls it (blockhash, PDQ sharing the variants' plane when it can,
 *    the variants), timed whole. The hashes come back so the bench can check them.
 */
/// <reference lib="webworker" />
import { blockhash256, md5, pdq, perceptualHashes, preResize, PRE_RESIZE_MAX_SIDE, sha256 } from '@disrupt/hash-core';

// The pre-resized copy is written into one buffer kept between calls, as imageItem does.
const resized = new Uint8Array(PRE_RESIZE_MAX_SIDE * PRE_RESIZE_MAX_SIDE * 4);

export interface StageRequest {
  mode: 'decode' | 'stages';
  bytes: ArrayBuffer;
  type: string;
}

export interface StageTimes {
  decode: number;
  pixels: number;
  resize: number;
  blockhash: number;
  pdq: number;
  /** perceptualHashes with the variants (blockhash, PDQ and the variants), from the pre-resized pixels. */
  perceptual: number;
  digests: number;
}

export type StageResponse =
  | { ok: true; ms: StageTimes; width: number; height: number; hashes?: { pdq: string; quality: number; blockhash: string; md5: string; sha256: string } }
  | { ok: false; error: string };

const OPTIONS: ImageBitmapOptions = { imageOrientation: 'from-image', colorSpaceConversion: 'none', premultiplyAlpha: 'none' };

declare const self: DedicatedWorkerGlobalScope;

self.addEventListener('message', (event: MessageEvent<StageRequest>) => {
  run(event.data).then(
    (response) => self.postMessage(response),
    (error: unknown) => self.postMessage({ ok: false, error: String(error) } satisfies StageResponse),
  );
});

async function run({ mode, bytes, type }: StageRequest): Promise<StageResponse> {
  const ms: StageTimes = { decode: 0, pixels: 0, resize: 0, blockhash: 0, pdq: 0, perceptual: 0, digests: 0 };
  const file = new Blob([bytes], { type });
  let t = performance.now();
  const lap = (): number => {
    const now = performance.now();
    const elapsed = now - t;
    t = now;
    return elapsed;
  };
  const bitmap = await createImageBitmap(file, OPTIONS);
  ms.decode = lap();
  const { width, height } = bitmap;
  if (mode === 'decode') {
    bitmap.close();
    return { ok: true, ms, width, height };
  }
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { colorSpace: 'srgb', willReadFrequently: true })!;
  context.drawImage(bitmap, 0, 0);
  const pixels = context.getImageData(0, 0, width, height, { colorSpace: 'srgb' });
  bitmap.close();
  ms.pixels = lap();
  // The same steps as hash-core's perceptualHashes + imageItem, one at a time (big images are
  // averaged down into opaque RGBA, which blockhash reads without a copy).
  const source = preResize(pixels, PRE_RESIZE_MAX_SIDE, { channels: 4, into: resized });
  ms.resize = lap();
  const blockhash = blockhash256(source);
  ms.blockhash = lap();
  const { hash, quality } = pdq(source);
  ms.pdq = lap();
  const withVariants = perceptualHashes(source);
  ms.perceptual = lap();
  if (withVariants.pdq !== hash || withVariants.blockhash !== blockhash) throw new Error('perceptualHashes disagrees with plain PDQ or blockhash');
  const view = new Uint8Array(bytes);
  const digests = { sha256: await sha256(view), md5: md5(view) };
  ms.digests = lap();
  return { ok: true, ms, width, height, hashes: { pdq: hash, quality, blockhash, ...digests } };
}
