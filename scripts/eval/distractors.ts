/**
 * Distractor bank for the false-match evaluation (`pnpm eval:distractors`): PDQ hashes of real
 * image content made from the corpus photos — random crops, tiles, 2×2 composites, side-by-side
 * pairs, mirrored halves, each then rotated by k·90°, maybe flipped, and colour/gamma shifted —
 * with the photos each one was made from, so a query's own photo can be left out.
 *
 * Photos are decoded once (sharp, shrunk to ≤ BASE_SIDE px); every distractor is cut from those
 * buffers in memory, resampled to 64–96 px and hashed with hash-core's `pdq` (the same function
 * the CLI and the page call on pixels). Generation is deterministic per (seed, chunk), so the bank
 * does not depend on how many workers made it.
 */
import { pdq, PDQ_QUALITY_FLOOR } from '@disrupt/hash-core';
import { prng } from '../lib/prng.js';

/** Bumped whenever the generator changes, so stale cache files are not reused. */
export const GENERATOR_VERSION = 3;
/** Long side of the in-memory copy each distractor is cut from. */
export const BASE_SIDE = 512;
/** Distractors per deterministic chunk (one PRNG stream each). */
export const CHUNK = 4096;
/** Source slots per distractor (a 2×2 composite uses 4 photos); unused slots hold NO_SOURCE. */
export const SOURCES = 4;
export const NO_SOURCE = 0xffff;

export interface Photo {
  width: number;
  height: number;
  /** RGB, 3 bytes per pixel. */
  rgb: Uint8Array;
}

export interface Bank {
  count: number;
  /** 8 words per hash (word 0 = hex characters 0–7). */
  words: Uint32Array;
  quality: Uint8Array;
  /** SOURCES photo indexes per distractor. */
  sources: Uint16Array;
  /** How the distractor was made (KINDS index). */
  kinds: Uint8Array;
  /** Candidates hashed (including those dropped for quality < 50). */
  attempted: number;
}

export const KINDS = ['crop', 'tile', 'composite2x2', 'pair', 'mirrored-half'] as const;

export function hexToWords(hex: string, out: Uint32Array = new Uint32Array(8), offset = 0): Uint32Array {
  for (let w = 0; w < 8; w++) out[offset + w] = Number.parseInt(hex.slice(w * 8, w * 8 + 8), 16) >>> 0;
  return out;
}

/** Hamming distance between hash `a` of `aw` and hash `b` of `bw` (8 words each). */
export function hamming(aw: Uint32Array, a: number, bw: Uint32Array, b: number): number {
  let acc = 0;
  const ao = a * 8;
  const bo = b * 8;
  for (let w = 0; w < 8; w++) {
    let x = aw[ao + w]! ^ bw[bo + w]!;
    x = x - ((x >>> 1) & 0x55555555);
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    acc += (x + (x >>> 4)) & 0x0f0f0f0f; // per-byte counts ≤ 8 each, ≤ 64 after 8 words: no carry
  }
  return Math.imul(acc, 0x01010101) >>> 24;
}

// ---- pixel operations on RGB buffers -------------------------------------------------------

interface Img {
  width: number;
  height: number;
  rgb: Uint8Array;
}

function newImg(width: number, height: number): Img {
  return { width, height, rgb: new Uint8Array(width * height * 3) };
}

/** Bilinear resample of src's rectangle (sx, sy, sw, sh) into dst's rectangle (dx, dy, dw, dh). */
function blit(src: Img, sx: number, sy: number, sw: number, sh: number, dst: Img, dx: number, dy: number, dw: number, dh: number): void {
  const { width: W, height: H, rgb: s } = src;
  const d = dst.rgb;
  for (let y = 0; y < dh; y++) {
    const fy = Math.min(H - 1, Math.max(0, sy + ((y + 0.5) * sh) / dh - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(H - 1, y0 + 1);
    const ty = fy - y0;
    for (let x = 0; x < dw; x++) {
      const fx = Math.min(W - 1, Math.max(0, sx + ((x + 0.5) * sw) / dw - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(W - 1, x0 + 1);
      const tx = fx - x0;
      const o = ((dy + y) * dst.width + dx + x) * 3;
      const a = (y0 * W + x0) * 3;
      const b = (y0 * W + x1) * 3;
      const c = (y1 * W + x0) * 3;
      const e = (y1 * W + x1) * 3;
      for (let k = 0; k < 3; k++) {
        const top = s[a + k]! + (s[b + k]! - s[a + k]!) * tx;
        const bottom = s[c + k]! + (s[e + k]! - s[c + k]!) * tx;
        d[o + k] = top + (bottom - top) * ty + 0.5;
      }
    }
  }
}

/** Rotation by `quarter`·90° clockwise, then an optional horizontal mirror. */
function orient(img: Img, quarter: number, flip: boolean): Img {
  if (quarter === 0 && !flip) return img;
  const { width: W, height: H, rgb: s } = img;
  const swap = quarter % 2 === 1;
  const out = newImg(swap ? H : W, swap ? W : H);
  const ow = out.width;
  const oh = out.height;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let nx = x;
      let ny = y;
      if (quarter === 1) { nx = H - 1 - y; ny = x; }
      else if (quarter === 2) { nx = W - 1 - x; ny = H - 1 - y; }
      else if (quarter === 3) { nx = y; ny = W - 1 - x; }
      if (flip) nx = ow - 1 - nx;
      const o = (ny * ow + nx) * 3;
      const i = (y * W + x) * 3;
      out.rgb[o] = s[i]!;
      out.rgb[o + 1] = s[i + 1]!;
      out.rgb[o + 2] = s[i + 2]!;
    }
  }
  void oh;
  return out;
}

/** Per-channel gain, a shared gamma and a brightness offset, through one lookup table per channel. */
function recolour(img: Img, rnd: () => number): void {
  const gamma = 0.6 + uniform(rnd) * 1.0;
  const offset = (uniform(rnd) - 0.5) * 60;
  const luts = [0, 1, 2].map(() => {
    const gain = 0.75 + uniform(rnd) * 0.5;
    const lut = new Uint8Array(256);
    for (let v = 0; v < 256; v++) lut[v] = Math.max(0, Math.min(255, Math.round(255 * (v / 255) ** gamma * gain + offset)));
    return lut;
  });
  const d = img.rgb;
  for (let i = 0; i < d.length; i += 3) {
    d[i] = luts[0]![d[i]!]!;
    d[i + 1] = luts[1]![d[i + 1]!]!;
    d[i + 2] = luts[2]![d[i + 2]!]!;
  }
}

function uniform(rnd: () => number): number {
  return rnd() / 4294967296;
}

function pick(rnd: () => number, n: number): number {
  return rnd() % n;
}

/** Up to `k` distinct photo indexes. */
function distinctPhotos(rnd: () => number, n: number, k: number): number[] {
  const out: number[] = [];
  while (out.length < Math.min(k, n)) {
    const p = pick(rnd, n);
    if (!out.includes(p)) out.push(p);
  }
  return out;
}

/** A random rectangle covering `scaleMin`..`scaleMax` of the photo's area, aspect ratio 1:2..2:1. */
function randomRect(rnd: () => number, p: Img, scaleMin: number, scaleMax: number): [number, number, number, number] {
  const area = scaleMin + uniform(rnd) * (scaleMax - scaleMin);
  const aspect = 2 ** (uniform(rnd) * 2 - 1);
  let w = Math.sqrt(area * aspect) * p.width;
  let h = Math.sqrt(area / aspect) * p.height;
  w = Math.max(8, Math.min(p.width, w));
  h = Math.max(8, Math.min(p.height, h));
  return [uniform(rnd) * (p.width - w), uniform(rnd) * (p.height - h), w, h];
}

function outSize(rnd: () => number, w: number, h: number): [number, number] {
  const side = 64 + pick(rnd, 33);
  const scale = side / Math.max(w, h);
  return [Math.max(8, Math.round(w * scale)), Math.max(8, Math.round(h * scale))];
}

/** One candidate distractor (before the quality filter): its pixels, kind and source photos. */
export function makeCandidate(photos: readonly Photo[], rnd: () => number): { img: Img; kind: number; sources: number[] } {
  const kind = pick(rnd, 100) < 40 ? 0 : pick(rnd, 4) + 1; // 40 % crops, 15 % each other kind
  let img: Img;
  let sources: number[];
  if (kind === 0) {
    const [p] = distinctPhotos(rnd, photos.length, 1) as [number];
    const src = photos[p]!;
    const [sx, sy, sw, sh] = randomRect(rnd, src, 0.08, 0.85);
    const [w, h] = outSize(rnd, sw, sh);
    img = newImg(w, h);
    blit(src, sx, sy, sw, sh, img, 0, 0, w, h);
    sources = [p];
  } else if (kind === 1) {
    const [p] = distinctPhotos(rnd, photos.length, 1) as [number];
    const src = photos[p]!;
    const gx = 2 + pick(rnd, 3);
    const gy = 2 + pick(rnd, 3);
    const tw = src.width / gx;
    const th = src.height / gy;
    const [w, h] = outSize(rnd, tw, th);
    img = newImg(w, h);
    blit(src, pick(rnd, gx) * tw, pick(rnd, gy) * th, tw, th, img, 0, 0, w, h);
    sources = [p];
  } else if (kind === 2) {
    sources = distinctPhotos(rnd, photos.length, 4);
    const cell = 32 + pick(rnd, 65);
    img = newImg(cell * 2, cell * 2);
    sources.forEach((p, i) => {
      const src = photos[p]!;
      const [sx, sy, sw, sh] = randomRect(rnd, src, 0.3, 1);
      blit(src, sx, sy, sw, sh, img, (i % 2) * cell, (i >> 1) * cell, cell, cell);
    });
  } else if (kind === 3) {
    sources = distinctPhotos(rnd, photos.length, 2);
    const cw = 48 + pick(rnd, 49);
    const ch = 64 + pick(rnd, 65);
    const vertical = pick(rnd, 2) === 1;
    img = vertical ? newImg(ch, cw * 2) : newImg(cw * 2, ch);
    sources.forEach((p, i) => {
      const src = photos[p]!;
      const [sx, sy, sw, sh] = randomRect(rnd, src, 0.4, 1);
      if (vertical) blit(src, sx, sy, sw, sh, img, 0, i * cw, ch, cw);
      else blit(src, sx, sy, sw, sh, img, i * cw, 0, cw, ch);
    });
  } else {
    const [p] = distinctPhotos(rnd, photos.length, 1) as [number];
    const src = photos[p]!;
    const [sx, sy, sw, sh] = randomRect(rnd, src, 0.2, 0.9);
    const [w, h] = outSize(rnd, sw, sh);
    const half = Math.max(4, w >> 1);
    img = newImg(half * 2, h);
    blit(src, sx, sy, sw / 2, sh, img, 0, 0, half, h); // left half of the rectangle ...
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < half; x++) {
        const a = (y * img.width + x) * 3;
        const b = (y * img.width + img.width - 1 - x) * 3; // ... mirrored onto the right half
        img.rgb[b] = img.rgb[a]!;
        img.rgb[b + 1] = img.rgb[a + 1]!;
        img.rgb[b + 2] = img.rgb[a + 2]!;
      }
    }
    sources = [p];
  }
  img = orient(img, pick(rnd, 4), pick(rnd, 2) === 1);
  if (pick(rnd, 2) === 1) recolour(img, rnd);
  return { img, kind, sources };
}

/** Chunk `chunk` of the bank: CHUNK distractors of quality ≥ 50 (deterministic in seed and chunk). */
export function generateChunk(photos: readonly Photo[], seed: number, chunk: number, count = CHUNK): Bank {
  const rnd = prng(Math.imul(seed, 0x9e3779b1) ^ Math.imul(chunk + 1, 0x85ebca6b));
  const bank: Bank = {
    count,
    words: new Uint32Array(count * 8),
    quality: new Uint8Array(count),
    sources: new Uint16Array(count * SOURCES).fill(NO_SOURCE),
    kinds: new Uint8Array(count),
    attempted: 0,
  };
  for (let i = 0; i < count; ) {
    const { img, kind, sources } = makeCandidate(photos, rnd);
    bank.attempted++;
    const { hash, quality } = pdq({ width: img.width, height: img.height, data: img.rgb });
    if (quality < PDQ_QUALITY_FLOOR) continue; // the server does not index these
    hexToWords(hash, bank.words, i * 8);
    bank.quality[i] = quality;
    bank.kinds[i] = kind;
    sources.forEach((p, k) => (bank.sources[i * SOURCES + k] = p));
    i++;
  }
  return bank;
}

export function concatBanks(parts: readonly Bank[]): Bank {
  const count = parts.reduce((s, p) => s + p.count, 0);
  const out: Bank = {
    count,
    words: new Uint32Array(count * 8),
    quality: new Uint8Array(count),
    sources: new Uint16Array(count * SOURCES),
    kinds: new Uint8Array(count),
    attempted: 0,
  };
  let at = 0;
  for (const p of parts) {
    out.words.set(p.words.subarray(0, p.count * 8), at * 8);
    out.quality.set(p.quality.subarray(0, p.count), at);
    out.sources.set(p.sources.subarray(0, p.count * SOURCES), at * SOURCES);
    out.kinds.set(p.kinds.subarray(0, p.count), at);
    out.attempted += p.attempted;
    at += p.count;
  }
  return out;
}

/** Whether distractor `i` was made (in part) from any photo in `excluded`. */
export function fromPhotos(bank: Pick<Bank, 'sources'>, i: number, excluded: ReadonlySet<number>): boolean {
  for (let k = 0; k < SOURCES; k++) {
    const s = bank.sources[i * SOURCES + k]!;
    if (s !== NO_SOURCE && excluded.has(s)) return true;
  }
  return false;
}

// ---- bank file ------------------------------------------------------------------------------

const MAGIC = 0x44495354; // "DIST"

export function serializeBank(bank: Bank, meta: Record<string, unknown>): Buffer {
  const header = Buffer.from(JSON.stringify({ ...meta, count: bank.count, attempted: bank.attempted }));
  const fixed = Buffer.alloc(8);
  fixed.writeUInt32LE(MAGIC, 0);
  fixed.writeUInt32LE(header.length, 4);
  const n = bank.count;
  return Buffer.concat([
    fixed,
    header,
    Buffer.from(bank.words.buffer, bank.words.byteOffset, n * 32),
    Buffer.from(bank.quality.buffer, bank.quality.byteOffset, n),
    Buffer.from(bank.sources.buffer, bank.sources.byteOffset, n * SOURCES * 2),
    Buffer.from(bank.kinds.buffer, bank.kinds.byteOffset, n),
  ]);
}

export function deserializeBank(buf: Buffer): { bank: Bank; meta: Record<string, unknown> } {
  if (buf.readUInt32LE(0) !== MAGIC) throw new Error('not a distractor bank file');
  const headerLength = buf.readUInt32LE(4);
  const meta = JSON.parse(buf.subarray(8, 8 + headerLength).toString()) as Record<string, unknown> & { count: number; attempted: number };
  const n = meta.count;
  let at = 8 + headerLength;
  const take = (bytes: number): ArrayBuffer => {
    const copy = new ArrayBuffer(bytes);
    new Uint8Array(copy).set(buf.subarray(at, at + bytes));
    at += bytes;
    return copy;
  };
  const words = new Uint32Array(take(n * 32));
  const quality = new Uint8Array(take(n));
  const sources = new Uint16Array(take(n * SOURCES * 2));
  const kinds = new Uint8Array(take(n));
  return { bank: { count: n, words, quality, sources, kinds, attempted: meta.attempted }, meta };
}
