/**
 * A bank of N stored PDQ hashes, written straight through the server's store into a fresh
 * DATA_DIR (cases of 20,000 pdq-only items, one transaction each): a million in seconds, where the
 * HTTP API would take minutes. A server started on that DATA_DIR then loads them the normal way.
 * Shared by bench:api and load-test. Hashes are seeded random, so runs are comparable.
 */
import type { Store } from '../../server/src/store/store.js';
import { prng } from './prng.js';

/** `words` random 32-bit words as hex (8 words: a PDQ hash). */
export function randomHex(rnd: () => number, words: number): string {
  let out = '';
  for (let i = 0; i < words; i++) out += rnd().toString(16).padStart(8, '0');
  return out;
}

/** `hash` with `count` distinct bits flipped. */
export function nearDuplicate(hash: string, count: number, rnd: () => number): string {
  const digits = hash.split('').map((c) => parseInt(c, 16));
  const flipped = new Set<number>();
  while (flipped.size < count) flipped.add(rnd() & 255);
  for (const bit of flipped) digits[bit >> 2]! ^= 8 >> (bit & 3);
  return digits.map((d) => d.toString(16)).join('');
}

export interface SeededBank<T> {
  fillMs: number;
  /** Up to 256 of the stored hashes (about one in 64 from the start), for queries that must match. */
  samples: string[];
  /** The ids of the stored items, all of them between these two. */
  itemIds: { first: number; last: number };
  /** What `prepare` returned (platforms, keys… made in the same store session). */
  prepared: T;
}

const CASE_SIZE = 20_000;

/**
 * Fills `dataDir` with `hashes` stored PDQ hashes, then lets `prepare` add what the run needs
 * (platforms…) before the store is closed. Creates the server keys if there are none.
 */
export async function seedPdqBank<T>(dataDir: string, options: { hashes: number; seed: number }, prepare: (store: Store) => T): Promise<SeededBank<T>> {
  const { ServerKeys } = await import('../../server/src/secrets/server-keys.js');
  const { randomSecret, readableCaseId } = await import('../../server/src/secrets/tokens.js');
  const { openSqliteStore } = await import('../../server/src/store/sqlite/sqlite-store.js');

  const rnd = prng(options.seed);
  const keys = ServerKeys.loadOrCreate(dataDir);
  const store = openSqliteStore(dataDir, keys);
  try {
    const samples: string[] = [];
    const itemIds = { first: Infinity, last: -Infinity };
    const start = performance.now();
    for (let done = 0; done < options.hashes; done += CASE_SIZE) {
      const items = Array.from({ length: Math.min(CASE_SIZE, options.hashes - done) }, () => {
        const pdq = randomHex(rnd, 8);
        if (samples.length < 256 && rnd() % 64 === 0) samples.push(pdq);
        return { type: 'image' as const, quality: 90, reliable: true, signals: [{ signal: 'pdq', value: pdq }] };
      });
      for (const { itemId } of store.cases.create({ secret: keys.digest(randomSecret('case_')), items }, readableCaseId).items) {
        itemIds.first = Math.min(itemIds.first, itemId);
        itemIds.last = Math.max(itemIds.last, itemId);
      }
    }
    const fillMs = performance.now() - start;
    return { fillMs, samples, itemIds, prepared: prepare(store) };
  } finally {
    store.close();
  }
}
