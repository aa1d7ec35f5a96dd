import { describe, expect, it } from 'vitest';
import { formatHash } from '../hex.js';
import { hammingWords } from '../hamming.js';
import { LinearIndex } from './linear-index.js';
import { flipRandom, makeBank, prng, randomHash } from './test-support/random-hashes.js';

describe('LinearIndex (the oracle)', () => {
  it('returns exactly the stored hashes within the radius, by hammingWords', () => {
    const rnd = prng(5);
    const { ids, words } = makeBank(800, rnd, 0.6, 40);
    const index = LinearIndex.build(ids, words);
    for (let q = 0; q < 40; q++) {
      const query = q % 2 === 0 ? flipRandom(words.slice((q % 800) * 8, (q % 800) * 8 + 8), rnd() % 48, rnd) : randomHash(rnd);
      for (const radius of [0, 16, 31, 48, 96, 256]) {
        const expected = [...ids.keys()]
          .map((i) => ({ id: ids[i]!, distance: hammingWords(query, 0, words, i * 8) }))
          .filter((m) => m.distance <= radius)
          .sort((a, b) => a.distance - b.distance || a.id - b.id);
        expect(index.search(query, radius)).toEqual(expected);
      }
    }
  });

  it('adds, replaces and removes (moving the last hash into the hole)', () => {
    const rnd = prng(6);
    const [a, b, c] = [randomHash(rnd), randomHash(rnd), randomHash(rnd)];
    const index = new LinearIndex();
    index.add(1, a);
    index.add(2, formatHash(b));
    index.add(3, c);
    expect(index.remove(1)).toBe(true);
    expect(index.remove(1)).toBe(false);
    index.add(3, a);
    expect(index.size).toBe(2);
    expect(index.search(a, 0)).toEqual([{ id: 3, distance: 0 }]);
    expect(index.search(b, 0)).toEqual([{ id: 2, distance: 0 }]);
    expect(index.search(c, 0)).toEqual([]);
    expect(index.searchWithInfo(c, 10).strategy).toBe('linear');
  });
});
