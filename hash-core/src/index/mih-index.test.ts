import { describe, expect, it } from 'vitest';
import { formatHash } from '../hex.js';
import { LinearIndex } from './linear-index.js';
import { MihIndex } from './mih-index.js';
import {
  expectSameAs,
  flipPerChunk,
  flipRandom,
  hashAt,
  makeBank,
  prng,
  randomHash,
  randomPattern,
  spreadPattern,
  type Rng,
} from './test-support/random-hashes.js';
import type { HashInput } from './types.js';

const RADII = [0, 1, 8, 15, 16, 24, 30, 31, 32, 64, 256];

/** Near-duplicates of stored hashes (any spread of flips), plus unrelated hashes. */
function queriesFor(words: Uint32Array, n: number, rnd: Rng, count = 40): Uint32Array[] {
  const out: Uint32Array[] = [];
  for (let i = 0; i < count; i++) {
    const stored = hashAt(words, rnd() % n);
    if (i % 4 === 3) out.push(randomHash(rnd));
    else if (i % 4 === 2) out.push(flipPerChunk(stored, spreadPattern(24 + (rnd() % 12), rnd), rnd));
    else out.push(flipRandom(stored, rnd() % 40, rnd));
  }
  return out;
}

function both(ids: Uint32Array, words: Uint32Array): [MihIndex, LinearIndex] {
  return [MihIndex.build(ids, words), LinearIndex.build(ids, words)];
}

describe('MihIndex against the brute-force oracle', () => {
  it('matches on uniform random hashes at every radius', () => {
    const rnd = prng(1);
    const { ids, words } = makeBank(3000, rnd, 0);
    const [mih, oracle] = both(ids, words);
    expectSameAs(mih, oracle, queriesFor(words, 3000, rnd), RADII);
  });

  it('matches on clustered near-duplicate banks, with many matches per query', () => {
    const rnd = prng(2);
    const { ids, words } = makeBank(4000, rnd, 0.9, 12, 30);
    const [mih, oracle] = both(ids, words);
    const queries = queriesFor(words, 4000, rnd);
    expect(oracle.search(queries[0]!, 31).length).toBeGreaterThan(50);
    expectSameAs(mih, oracle, queries, RADII);
  });

  it('finds hashes whose differing bits are spread over every chunk, at each radius up to 31', () => {
    const rnd = prng(3);
    const { ids, words } = makeBank(2000, rnd, 0.3);
    const [mih, oracle] = both(ids, words);
    for (let r = 0; r <= 31; r++) {
      const queries: Uint32Array[] = [];
      for (let i = 0; i < 12; i++) {
        const stored = hashAt(words, rnd() % 2000);
        queries.push(flipPerChunk(stored, i % 2 === 0 ? spreadPattern(r, rnd) : randomPattern(r, rnd), rnd));
      }
      for (const q of queries) expect(mih.search(q, r).some((m) => m.distance === r || m.distance < r)).toBe(true);
      expectSameAs(mih, oracle, queries, [r]);
    }
  });

  it('matches on a 100k segment (narrower keys, 15 filter bits per entry)', () => {
    const rnd = prng(4);
    const { ids, words } = makeBank(100_000, rnd, 0.3, 10, 500);
    const [mih, oracle] = both(ids, words);
    expect(mih.stats).toMatchObject({ mainKeyBits: 12, mainFilterBits: 15 });
    expectSameAs(mih, oracle, queriesFor(words, 100_000, rnd, 24), [0, 16, 31, 40]);
  });

  it('matches on a 2^20 segment (16-bit keys, 12 filter bits per entry)', () => {
    const rnd = prng(5);
    const n = 2 ** 20;
    const { ids, words } = makeBank(n, rnd, 0.1, 6, 1000);
    const [mih, oracle] = both(ids, words);
    expect(mih.stats).toMatchObject({ mainKeyBits: 16, mainFilterBits: 12 });
    expectSameAs(mih, oracle, queriesFor(words, n, rnd, 16), [31]);
  });

  it('answers an empty index', () => {
    const mih = new MihIndex();
    const q = randomHash(prng(6));
    expect(mih.size).toBe(0);
    expect(mih.search(q, 31)).toEqual([]);
    expect(mih.search(q, 256)).toEqual([]);
    expect(mih.has(0)).toBe(false);
    expect(mih.remove(0)).toBe(false);
    expect(MihIndex.build(new Uint32Array(0), new Uint32Array(0)).search(q, 0)).toEqual([]);
  });

  it('reports its strategy: substring tables up to radius 31, a linear scan beyond', () => {
    const rnd = prng(7);
    const { ids, words } = makeBank(500, rnd);
    const mih = MihIndex.build(ids, words);
    const q = hashAt(words, 3);
    expect(mih.searchWithInfo(q, 31)).toMatchObject({ strategy: 'mih' });
    expect(mih.searchWithInfo(q, 31).candidates).toBeLessThan(500);
    expect(mih.searchWithInfo(q, 32)).toMatchObject({ strategy: 'linear', candidates: 500 });
  });
});

describe('MihIndex live updates', () => {
  it('stays exact through interleaved adds, replacements and removes across merges and compactions', () => {
    const rnd = prng(8);
    const start = makeBank(1500, rnd, 0.5, 10, 40);
    const mih = MihIndex.build(start.ids, start.words, { deltaCapacity: 64, compactFraction: 0.1 });
    const oracle = LinearIndex.build(start.ids, start.words);
    const pool = makeBank(4000, rnd, 0.5, 10, 40); // hashes to add, near the same clusters
    const known = [...start.ids];
    let merges = 0;
    let wasMerging = false;
    for (let op = 0; op < 3000; op++) {
      const choice = rnd() % 10;
      const id = choice < 4 ? known[rnd() % known.length]! : rnd() % 20_000; // existing ids, or any
      if (choice < 6) {
        const hash = hashAt(pool.words, rnd() % 4000);
        mih.add(id, hash);
        oracle.add(id, hash);
        known.push(id);
      } else {
        expect(mih.remove(id)).toBe(oracle.remove(id));
      }
      const { merging } = mih.stats;
      if (wasMerging && !merging) merges++;
      wasMerging = merging;
      if (op % 150 === 0) {
        expect(mih.size).toBe(oracle.size);
        const queries = queriesFor(pool.words, 4000, rnd, 12);
        expectSameAs(mih, oracle, queries, [0, 16, 31, 32]);
        for (let i = 0; i < 50; i++) {
          const probe = known[rnd() % known.length]!;
          expect(mih.has(probe)).toBe(oracle.has(probe));
        }
      }
    }
    expect(merges).toBeGreaterThan(10);
    mih.compact();
    expect(mih.stats).toMatchObject({ deltaHashes: 0, mainRemoved: 0, merging: false, mainHashes: oracle.size });
    expectSameAs(mih, oracle, queriesFor(pool.words, 4000, rnd, 20), [0, 31, 64]);
  });

  it('searches a write buffer big enough to use its own chunk tables', () => {
    const rnd = prng(16);
    const start = makeBank(1000, rnd, 0.5, 10, 20);
    const mih = MihIndex.build(start.ids, start.words, { deltaCapacity: 10_000 });
    const oracle = LinearIndex.build(start.ids, start.words);
    const extra = makeBank(6000, rnd, 0.8, 12, 30);
    for (let i = 0; i < 6000; i++) {
      mih.add(10_000 + i, hashAt(extra.words, i));
      oracle.add(10_000 + i, hashAt(extra.words, i));
    }
    for (let i = 0; i < 600; i++) {
      const id = 10_000 + (rnd() % 6000);
      if (i % 2 === 0) {
        expect(mih.remove(id)).toBe(oracle.remove(id));
      } else {
        const h = flipRandom(hashAt(extra.words, rnd() % 6000), rnd() % 20, rnd);
        mih.add(id, h);
        oracle.add(id, h);
      }
    }
    expect(mih.stats).toMatchObject({ mainHashes: 1000, merging: false });
    const spread = Array.from({ length: 40 }, (_, i) =>
      flipPerChunk(hashAt(extra.words, rnd() % 6000), spreadPattern(i % 32, rnd), rnd),
    );
    expectSameAs(mih, oracle, [...queriesFor(extra.words, 6000, rnd, 30), ...spread], [0, 16, 31, 32]);
  });

  it('matches an added hash on the very next query and never returns a removed one', () => {
    const rnd = prng(9);
    const { ids, words } = makeBank(2000, rnd, 0);
    const mih = MihIndex.build(ids, words);
    const fresh = randomHash(rnd);
    mih.add(777_777, fresh);
    expect(mih.search(flipRandom(fresh, 31, rnd), 31)).toEqual([{ id: 777_777, distance: 31 }]);
    const stored = hashAt(words, 10);
    expect(mih.search(stored, 0)).toEqual([{ id: ids[10], distance: 0 }]);
    expect(mih.remove(ids[10]!)).toBe(true);
    expect(mih.search(stored, 0)).toEqual([]);
    expect(mih.search(stored, 256).some((m) => m.id === ids[10])).toBe(false);
    expect(mih.has(ids[10]!)).toBe(false);
  });

  it('replaces the hash of an existing id, and reuses ids after removal', () => {
    const rnd = prng(10);
    const [a, b, c] = [randomHash(rnd), randomHash(rnd), randomHash(rnd)];
    const mih = MihIndex.build(Uint32Array.of(1, 2), Uint32Array.from([...a, ...b]));
    mih.add(1, formatHash(c)); // static → buffer
    expect(mih.search(a, 0)).toEqual([]);
    expect(mih.search(c, 0)).toEqual([{ id: 1, distance: 0 }]);
    mih.add(1, a); // buffer → buffer
    expect(mih.search(c, 0)).toEqual([]);
    expect(mih.search(a, 0)).toEqual([{ id: 1, distance: 0 }]);
    expect(mih.remove(2)).toBe(true);
    mih.add(2, c);
    expect(mih.search(b, 10)).toEqual([]);
    expect(mih.search(c, 0)).toEqual([{ id: 2, distance: 0 }]);
    expect(mih.size).toBe(2);
    mih.compact();
    expect(mih.search(a, 0)).toEqual([{ id: 1, distance: 0 }]);
    expect(mih.search(c, 0)).toEqual([{ id: 2, distance: 0 }]);
    expect(mih.search(b, 0)).toEqual([]);
  });

  it('replays removals and replacements made while a merge is running', () => {
    const rnd = prng(11);
    const { ids, words } = makeBank(20_000, rnd, 0);
    const mih = MihIndex.build(ids, words, { deltaCapacity: 3000 });
    const oracle = LinearIndex.build(ids, words);
    const added = new Uint32Array(3000 * 8);
    for (let i = 0; i < 3000; i++) {
      const h = flipRandom(hashAt(words, rnd() % 20_000), rnd() % 24, rnd); // near stored ones
      added.set(h, i * 8);
      mih.add(100_000 + i, h);
      oracle.add(100_000 + i, h);
    }
    const queries = (count: number) => [...queriesFor(words, 20_000, rnd, count), ...queriesFor(added, 3000, rnd, count)];
    // The full buffer (3000 > the scan threshold) is frozen and searched through its tables.
    expect(mih.stats).toMatchObject({ merging: true, deltaHashes: 3000 });
    // Hit the old main segment and the frozen buffer while the merge copies them.
    for (let i = 0; i < 300; i++) {
      const id = i % 2 === 0 ? ids[rnd() % 20_000]! : 100_000 + (rnd() % 3000);
      if (i % 3 === 0) {
        const h = randomHash(rnd);
        mih.add(id, h);
        oracle.add(id, h);
      } else {
        expect(mih.remove(id)).toBe(oracle.remove(id));
      }
      if (i % 50 === 0) expectSameAs(mih, oracle, queries(8), [31]);
    }
    while (mih.maintain(4));
    expect(mih.stats.merging).toBe(false);
    expect(mih.size).toBe(oracle.size);
    const probes = [...ids.subarray(0, 2000), ...Array.from({ length: 3000 }, (_, i) => 100_000 + i)];
    for (const id of probes) expect(mih.has(id)).toBe(oracle.has(id));
    expectSameAs(mih, oracle, queries(30), [0, 31, 40]);
  });
});

describe('MihIndex inputs and queries', () => {
  it('builds from unsorted ids, keeping the last hash of a repeated id', () => {
    const rnd = prng(12);
    const [a, b, c] = [randomHash(rnd), randomHash(rnd), randomHash(rnd)];
    const mih = MihIndex.build(Uint32Array.of(0xffffffff, 5, 0, 5), Uint32Array.from([...a, ...b, ...c, ...a]));
    expect(mih.size).toBe(3);
    expect(mih.search(a, 0)).toEqual([{ id: 5, distance: 0 }, { id: 0xffffffff, distance: 0 }]);
    expect(mih.search(b, 0)).toEqual([]);
    expect(mih.search(c, 0)).toEqual([{ id: 0, distance: 0 }]);
  });

  it('answers searchMany from hex strings or packed words', () => {
    const rnd = prng(13);
    const { ids, words } = makeBank(1000, rnd);
    const [mih, oracle] = both(ids, words);
    const queries = queriesFor(words, 1000, rnd, 10);
    const packed = new Uint32Array(queries.length * 8);
    queries.forEach((q, i) => packed.set(q, i * 8));
    const expected = queries.map((q) => oracle.search(q, 31));
    expect(mih.searchMany(packed, 31)).toEqual(expected);
    expect(mih.searchMany(queries.map((q) => formatHash(q)), 31)).toEqual(expected);
  });

  it('reports per id the best distance and the variant that reached it', () => {
    const rnd = prng(14);
    const { ids, words } = makeBank(3000, rnd, 0.7, 12, 20);
    const [mih, oracle] = both(ids, words);
    for (let t = 0; t < 20; t++) {
      const variants: HashInput[] = Array.from({ length: 8 }, () => flipRandom(hashAt(words, rnd() % 3000), rnd() % 36, rnd));
      const best = new Map<number, { id: number; distance: number; variant: number }>();
      variants.forEach((v, variant) => {
        for (const m of oracle.search(v, 31)) {
          const seen = best.get(m.id);
          if (seen === undefined || m.distance < seen.distance) best.set(m.id, { ...m, variant });
        }
      });
      const expected = [...best.values()].sort((x, y) => x.distance - y.distance || x.id - y.id);
      expect(mih.searchVariants(variants, 31)).toEqual(expected);
      expect(oracle.searchVariants(variants, 31)).toEqual(expected);
    }
  });

  it('rejects bad ids, radii and hashes with clear errors', () => {
    const mih = new MihIndex();
    const h = randomHash(prng(15));
    expect(() => mih.add(-1, h)).toThrow(/^id: /);
    expect(() => mih.add(2 ** 32, h)).toThrow(RangeError);
    expect(() => mih.add(1.5, h)).toThrow(RangeError);
    expect(() => mih.search(h, -1)).toThrow(/^radius: /);
    expect(() => mih.search(h, 2.5)).toThrow(RangeError);
    expect(() => mih.search('abc', 31)).toThrow(/^hash: expected 64 hex characters/);
    expect(() => mih.search(new Uint32Array(7), 31)).toThrow(TypeError);
    expect(() => mih.searchMany(new Uint32Array(9), 31)).toThrow(RangeError);
    expect(() => MihIndex.build(Uint32Array.of(1), new Uint32Array(7))).toThrow(RangeError);
    expect(() => new MihIndex({ deltaCapacity: 0 })).toThrow(RangeError);
  });
});
