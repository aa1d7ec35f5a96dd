import { describe, expect, it } from 'vitest';
import { LinearIndex } from './linear-index.js';
import { MihIndex } from './mih-index.js';
import { SegmentFormatError } from './static-segment.js';
import { expectSameAs, flipRandom, hashAt, makeBank, prng, randomHash } from './test-support/random-hashes.js';

function setup(seed: number) {
  const rnd = prng(seed);
  const { ids, words } = makeBank(3000, rnd, 0.5, 10, 50);
  const queries = Array.from({ length: 30 }, (_, i) => (i % 5 === 4 ? randomHash(rnd) : flipRandom(hashAt(words, rnd() % 3000), rnd() % 36, rnd)));
  return { rnd, ids, words, queries };
}

describe('MihIndex serialisation', () => {
  it('round-trips through one buffer, compacting pending adds and removals first', () => {
    const { rnd, ids, words, queries } = setup(21);
    const mih = MihIndex.build(ids, words);
    const oracle = LinearIndex.build(ids, words);
    for (let i = 0; i < 200; i++) {
      const h = randomHash(rnd);
      mih.add(50_000 + i, h);
      oracle.add(50_000 + i, h);
      const gone = ids[rnd() % 3000]!;
      expect(mih.remove(gone)).toBe(oracle.remove(gone));
    }
    const buffer = mih.toBuffer();
    expect(mih.stats).toMatchObject({ deltaHashes: 0, mainRemoved: 0 });
    const copy = MihIndex.fromBuffer(buffer);
    expect(copy.size).toBe(oracle.size);
    expect(copy.byteLength).toBeGreaterThanOrEqual(buffer.byteLength);
    expectSameAs(copy, oracle, queries, [0, 16, 31, 48]);
  });

  it('reads a Node-style byte view at any offset, and never writes into the buffer', () => {
    const { rnd, ids, words, queries } = setup(22);
    const bytes = new Uint8Array(MihIndex.build(ids, words).toBuffer());
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const view = shifted.subarray(1);
    const index = MihIndex.fromBuffer(view);
    const oracle = LinearIndex.build(ids, words);
    expectSameAs(index, oracle, queries, [31]);

    const aligned = MihIndex.fromBuffer(bytes);
    const before = bytes.slice();
    for (let i = 0; i < 100; i++) aligned.remove(ids[i]!);
    aligned.add(1, randomHash(rnd));
    expect(bytes.every((b, i) => b === before[i])).toBe(true);
  });

  it('rejects buffers that are not an index of this version', () => {
    const { ids, words } = setup(23);
    const good = new Uint8Array(MihIndex.build(ids, words).toBuffer());
    const corrupt = (edit: (u32: Uint32Array) => void, cut = 0) => {
      const copy = good.slice(0, good.length - cut);
      edit(new Uint32Array(copy.buffer, 0, 5));
      return () => MihIndex.fromBuffer(copy.buffer);
    };
    expect(corrupt(() => {})).not.toThrow();
    expect(corrupt((h) => (h[0] = 0))).toThrow(/bad magic/);
    expect(corrupt((h) => (h[1] = 99))).toThrow(/version 99/);
    expect(corrupt((h) => (h[2]! += 1))).toThrow(SegmentFormatError);
    expect(corrupt((h) => (h[3] = 17))).toThrow(/bad scheme/);
    expect(corrupt(() => {}, 64)).toThrow(/bytes, expected/);
    expect(() => MihIndex.fromBuffer(new ArrayBuffer(8))).toThrow(/too short/);
  });
});
