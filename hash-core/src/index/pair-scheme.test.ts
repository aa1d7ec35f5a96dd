import { describe, expect, it } from 'vitest';
import { popcount32 } from '../hamming.js';
import {
  chooseKeyBits,
  CHUNKS,
  filterOf,
  keyOf,
  MIH_MAX_RADIUS,
  planPairs,
  staticScheme,
  type PairPlan,
  type PairScheme,
} from './pair-scheme.js';
import { flipPerChunk, prng, randomHash, randomPattern, spreadPattern } from './test-support/random-hashes.js';

const SCHEMES: [string, PairScheme, number][] = [
  ['10M hashes (16-bit keys, 8 filter bits)', staticScheme(10_000_000), 10_000_000],
  ['1M hashes (16-bit keys, 12 filter bits)', staticScheme(1_000_000), 1_000_000],
  ['100k hashes (narrow keys)', staticScheme(100_000), 100_000],
  ['a tiny segment', staticScheme(50), 50],
  ['one filter bit', { keyBits: 16, filterBits: 1 }, 2 ** 30],
  ['4-bit keys, full filter', { keyBits: 4, filterBits: 28 }, 1000],
];

/** Whether some probed chunk of `plan` finds `item` for `query`: the rule the searches apply. */
function found(plan: PairPlan, scheme: PairScheme, item: Uint32Array, query: Uint32Array): boolean {
  for (let f = 0; f < CHUNKS; f++) {
    const s = plan.flips[f]!;
    if (s < 0) continue;
    const k = popcount32(keyOf(item, 0, f, scheme.keyBits) ^ keyOf(query, 0, f, scheme.keyBits));
    if (k <= s && popcount32(filterOf(item, 0, f, scheme) ^ filterOf(query, 0, f, scheme)) <= plan.budget[f]! - k) return true;
  }
  return false;
}

describe('pair scheme plans', () => {
  it.each(SCHEMES)('covers every radius up to 31 by the pigeonhole rule (%s)', (_, scheme, n) => {
    for (let r = 0; r <= MIH_MAX_RADIUS; r++) {
      const plan = planPairs(scheme, n, r)!;
      let units = 0;
      for (let w = 0; w < CHUNKS / 2; w++) {
        const g = Math.max(plan.budget[2 * w]!, plan.budget[2 * w + 1]!);
        units += g + 1;
        // Budget 0 probes the even chunk alone; 1 both exactly; 2 and 3 both with one-bit neighbours.
        const expected = g < 0 ? [-1, -1] : g === 0 ? [0, -1] : g === 1 ? [0, 0] : [1, 1];
        expect([plan.flips[2 * w], plan.flips[2 * w + 1]]).toEqual(expected);
      }
      expect(units).toBeGreaterThan(r);
    }
  });

  it('gives up past radius 31, where the index scans instead', () => {
    expect(planPairs(staticScheme(1000), 1000, 32)).toBeNull();
  });

  it('uses every word at full budget for radius 31', () => {
    const plan = planPairs(staticScheme(1_000_000), 1_000_000, 31)!;
    expect([...plan.budget]).toEqual(new Array(16).fill(3));
    expect(plan.probes).toBe(16 * 17);
  });

  it.each(SCHEMES)('finds hashes whose differing bits are spread over every chunk (%s)', (_, scheme, n) => {
    const rnd = prng(7);
    for (let r = 0; r <= MIH_MAX_RADIUS; r++) {
      const plan = planPairs(scheme, n, r)!;
      for (let trial = 0; trial < 60; trial++) {
        const item = randomHash(rnd);
        const total = r - (trial % 3 === 0 ? rnd() % (r + 1) : 0);
        const pattern = trial % 2 === 0 ? spreadPattern(total, rnd) : randomPattern(total, rnd);
        expect(found(plan, scheme, item, flipPerChunk(item, pattern, rnd))).toBe(true);
      }
    }
  });

  it('chooses wider keys as segments grow, never past 16 bits', () => {
    let last = 0;
    for (const n of [0, 1, 100, 10_000, 100_000, 500_000, 1_000_000, 10_000_000, 2 ** 31]) {
      const bits = chooseKeyBits(n);
      expect(bits).toBeGreaterThanOrEqual(last);
      expect(bits).toBeLessThanOrEqual(16);
      last = bits;
    }
    expect(chooseKeyBits(1_000_000)).toBe(16);
    // Slot and filter share a 32-bit entry.
    expect(staticScheme(10_000_000)).toEqual({ keyBits: 16, filterBits: 8 });
  });
});
