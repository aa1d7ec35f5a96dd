/**
 * What the decoding tests share: the fixtures (fixtures/README.md), pixel comparisons and the
 * DecodeError a failing decode must throw.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { DecodeError } from '../format/decode-error.js';
import type { Pixels } from '../pixels.js';
import { repoRoot } from './shared.js';

export const FIXTURES = join(repoRoot, 'fixtures/images');

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, name)));
}

/** Mean absolute difference per colour channel of two RGBA images (alpha ignored); sizes must match. */
export function meanAbsDiff(a: Pixels, b: Pixels): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let sum = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    sum += Math.abs(a.data[i]! - b.data[i]!) + Math.abs(a.data[i + 1]! - b.data[i + 1]!) + Math.abs(a.data[i + 2]! - b.data[i + 2]!);
  }
  return sum / ((a.data.length / 4) * 3);
}

/** Largest difference of any channel, alpha included; sizes must match. */
export function maxAbsDiff(a: Pixels, b: Pixels): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let max = 0;
  for (let i = 0; i < a.data.length; i++) max = Math.max(max, Math.abs(a.data[i]! - b.data[i]!));
  return max;
}

export async function failure(promise: Promise<unknown>): Promise<DecodeError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DecodeError);
  return error as DecodeError;
}
