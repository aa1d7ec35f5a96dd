/**
 * Synthetic but valid fingerprints for the reliability scripts: random hex of the right lengths
 * (quality 90, so a PDQ matches), from a seeded generator so a run can be repeated. Random PDQ
 * hashes are ~128 bits apart: one never matches another by chance.
 */
import type { ImageItem, VideoFrame, VideoItem } from '@disrupt/hash-core';
import { prng } from '../lib/prng.js';

export type Random = () => number;

/** A generator of floats in [0, 1). */
export function random(seed: number): Random {
  const next = prng(seed);
  return () => next() / 0x1_0000_0000;
}

export function randomHex(rand: Random, bytes: number): string {
  let text = '';
  for (let i = 0; i < bytes; i++) text += Math.floor(rand() * 256).toString(16).padStart(2, '0');
  return text;
}

export function pick<T>(rand: Random, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

export function imageItem(rand: Random): ImageItem {
  return { type: 'image', sha256: randomHex(rand, 32), md5: randomHex(rand, 16), pdq: randomHex(rand, 32), quality: 90, blockhash: randomHex(rand, 32) };
}

/** A video of `seconds` frames, one per second. */
export function videoItem(rand: Random, seconds: number): VideoItem {
  const frames: VideoFrame[] = Array.from({ length: seconds }, (_, t) => ({ t, pdq: randomHex(rand, 32), quality: 90 }));
  return { type: 'video', sha256: randomHex(rand, 32), md5: randomHex(rand, 16), durationMs: seconds * 1000, frameInterval: 1, frames };
}

/** What a platform sends to find a stored item again: a photo's PDQ alone, a video's frames. */
export function matchQuery(item: ImageItem | VideoItem, ref: string): Record<string, unknown> {
  return item.type === 'image' ? { type: 'image', pdq: item.pdq, ref } : { type: 'video', frames: item.frames.map(({ t, pdq, quality }) => ({ t, pdq, quality })), ref };
}

/** A private (RFC 1918) address standing for one victim behind the reverse proxy. */
export function clientAddress(rand: Random): string {
  return `10.${Math.floor(rand() * 256)}.${Math.floor(rand() * 256)}.${1 + Math.floor(rand() * 254)}`;
}
