import { describe, expect, it } from 'vitest';
import { argsortUint32 } from './radix-sort.js';
import { prng } from './test-support/random-hashes.js';

describe('argsortUint32', () => {
  it.each([
    ['full-range keys', (r: () => number) => r()],
    ['small keys with many repeats', (r: () => number) => r() % 50],
    ['keys sharing their high bits', (r: () => number) => 0xabc00000 + (r() % 4096)],
  ])('sorts %s stably', (_, key) => {
    const rnd = prng(11);
    const keys = Uint32Array.from({ length: 20_000 }, () => key(rnd));
    const { order, keys: sorted } = argsortUint32(keys);
    const expected = [...keys.keys()].sort((a, b) => keys[a]! - keys[b]! || a - b);
    expect([...order]).toEqual(expected);
    expect([...sorted]).toEqual(expected.map((i) => keys[i]));
  });

  it('returns ascending input as is, and handles empty input', () => {
    expect([...argsortUint32(Uint32Array.of(1, 2, 2, 9)).order]).toEqual([0, 1, 2, 3]);
    expect(argsortUint32(new Uint32Array(0)).order.length).toBe(0);
  });
});
