/**
 * Test support for the platform API: platforms with keys, items stored and withdrawn through the
 * victim endpoints, random fingerprints and synthetic images.
 */
import { randomBytes } from 'node:crypto';
import { deflateSync, crc32 } from 'node:zlib';
import type { ImageItem, Pixels } from '@disrupt/hash-core';
import type { PlatformScope } from '../src/store/platforms-repository.js';
import type { TestServer } from './helpers.js';

export const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** An image item with its variants: optional fields named by their signals, which `ImageItem`'s static type does not list. */
export type ImageItemWithVariants = ImageItem & Record<string, unknown>;

/** A random complete image item (high quality, so its PDQ matches). */
export function randomItem(overrides: Partial<ImageItemWithVariants> = {}): ImageItemWithVariants {
  return { type: 'image', sha256: hex(32), md5: hex(16), pdq: hex(32), quality: 90, blockhash: hex(32), ...overrides };
}

/** `hash` with the given bit positions (0 = most significant bit of the first hex digit) flipped. */
export function flipBits(hash: string, bits: readonly number[]): string {
  const digits = hash.split('').map((c) => parseInt(c, 16));
  for (const bit of bits) digits[bit >> 2]! ^= 8 >> (bit & 3);
  return digits.map((d) => d.toString(16)).join('');
}

export async function addPlatform(server: TestServer, name: string, scopes: PlatformScope[], thresholds: Record<string, number> = {}) {
  const { platform, apiKey } = server.app.store.platforms.create({ name, scopes, thresholds });
  return { id: platform.id, apiKey, auth: { authorization: `Bearer ${apiKey}` } };
}

/** Stores items the way a victim does (POST /v1/cases); returns the case, its secret and the item ids. */
export async function storeItems(server: TestServer, items: ImageItem[]): Promise<{ caseId: string; secret: string; itemIds: number[] }> {
  const response = await server.request('/v1/cases', { method: 'POST', json: { items } });
  if (response.status !== 201) throw new Error(`POST /v1/cases answered ${response.status}: ${await response.text()}`);
  const { caseId, secret, items: stored } = (await response.json()) as { caseId: string; secret: string; items: { itemId: number }[] };
  return { caseId, secret, itemIds: stored.map((s) => s.itemId) };
}

/** Withdraws an item the way its victim does (DELETE /v1/cases/:caseId/items/:itemId). */
export async function withdrawItem(server: TestServer, stored: { caseId: string; secret: string }, itemId: number): Promise<void> {
  const response = await server.request(`/v1/cases/${stored.caseId}/items/${itemId}`, { method: 'DELETE', headers: { authorization: `Case ${stored.secret}` } });
  if (response.status !== 200) throw new Error(`DELETE answered ${response.status}: ${await response.text()}`);
}

export async function match(server: TestServer, auth: Record<string, string>, items: unknown[]) {
  const response = await server.request('/v1/match', { method: 'POST', headers: auth, json: { items } });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

/**
 * A synthetic 128 × 128 image of 8 × 8 random colour blocks: PDQ quality 100, so it matches (the
 * fixtures are small and flat, under the quality floor).
 */
export function blockImage(seed = 3): Pixels {
  const size = 128;
  const data = new Uint8Array(size * size * 3);
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) & 0x7fffffff) % 256;
  const cells = Array.from({ length: 64 }, () => [next(), next(), next()]);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) data.set(cells[(y >> 4) * 8 + (x >> 4)]!, (y * size + x) * 3);
  }
  return { width: size, height: size, data };
}

/** The same pixels turned a quarter turn counter-clockwise. */
export function rotate90(pixels: Pixels): Pixels {
  const { width, height, data } = pixels;
  const channels = data.length / (width * height);
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // (x, y) goes to (y, width - 1 - x) in a height × width image
      const from = (y * width + x) * channels;
      const to = ((width - 1 - x) * height + y) * channels;
      for (let c = 0; c < channels; c++) out[to + c] = data[from + c]!;
    }
  }
  return { width: height, height: width, data: out };
}

/** A minimal PNG encoder (8-bit RGB or RGBA, no filtering): enough to upload synthetic images. */
export function encodePng(pixels: Pixels): Buffer {
  const { width, height, data } = pixels;
  const channels = data.length / (width * height);
  const chunk = (type: string, body: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(body.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), body]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([head, typed, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = channels === 4 ? 6 : 2;
  const rows = Buffer.alloc((width * channels + 1) * height);
  for (let y = 0; y < height; y++) Buffer.from(data.buffer, data.byteOffset + y * width * channels, width * channels).copy(rows, y * (width * channels + 1) + 1);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}
