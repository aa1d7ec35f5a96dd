import { popcount32 } from '../hamming.js';

/**
 * Multi-index hashing (Norouzi, Punjani & Fleet 2014) with a pair filter.
 *
 * A hash is 16 chunks of 16 bits; chunks 2w and 2w+1 form word w. Meta's pdq/README-MIH.md
 * uses one table per chunk and probes each chunk's key and its 16 one-bit neighbours (radius
 * ≤ 31 ⇒ some chunk within 1 bit). That finds every match, but at 10M hashes it also yields
 * ~41k candidates, each a random read of its hash. The pair filter keeps the same 16 tables
 * and probes but rejects ~98% of candidates from the table entry alone:
 *
 *   Give word w a budget g_w ∈ {-1, 0, 1, 2, 3}. If Σ(g_w + 1) > r and two hashes differ in at
 *   most r bits, some word w differs in D_w ≤ g_w bits (generalised pigeonhole). One of its two
 *   chunks then differs in k ≤ ⌊g_w / 2⌋ ≤ 1 bits and the other, its partner, in ≤ g_w − k bits.
 *
 * So each entry of chunk f's table stores, beside the slot, `filterBits` bits of the partner
 * chunk (and of f's own low bits when the key is narrower than 16): a candidate found with k
 * flips is read only if those bits differ in ≤ g_w − k places (a lower bound, so still exact).
 * For r = 31 every word gets g = 3, which is also the largest radius the scheme covers.
 *
 * Keys are the top `keyBits` bits of a chunk (16, or fewer for small segments so the bucket
 * offsets stay small); distances on truncated keys and filters are lower bounds, so every rule
 * above still holds.
 */
export const CHUNKS = 16;
const CHUNK_BITS = 16;
/** Largest radius the pair scheme answers; beyond it the index scans linearly. */
export const MIH_MAX_RADIUS = 31;
const MAX_BUDGET = 3;

export interface PairScheme {
  /** Bits of each chunk used as the table key (≤ 16). */
  readonly keyBits: number;
  /** Filter bits kept per entry: the partner chunk first, then the chunk's unkeyed low bits. */
  readonly filterBits: number;
}

// Cost model for plans, in random-memory-access units: a probe reads an offset and a bucket
// start, a filter test is a sequential read, a candidate surviving the filter reads its hash.
const PROBE_COST = 2;
const FILTER_COST = 0.1;
const CANDIDATE_COST = 1;
const MIN_OFFSET_BYTES = 128 * 1024;

/**
 * Widest key whose 16 tables of 2^b bucket offsets (4 bytes each) fit `bytesPerHash` per hash:
 * static segments allow ~5 (16-bit keys from ~840k hashes), the write buffer more, since its
 * buckets are chains walked one dependent read at a time and must stay short.
 */
export function chooseKeyBits(n: number, bytesPerHash = 5): number {
  const budget = Math.max(MIN_OFFSET_BYTES, n * bytesPerHash);
  let bits = CHUNK_BITS;
  while (bits > 4 && CHUNKS * (2 ** bits + 1) * 4 > budget) bits--;
  return bits;
}

/** Bits needed to number `n` slots. */
export function slotBits(n: number): number {
  return n <= 1 ? 1 : 32 - Math.clz32(n - 1);
}

/** The scheme of a static segment: filter bits are what the 32-bit entry has left after the slot. */
export function staticScheme(n: number): PairScheme {
  const keyBits = chooseKeyBits(n);
  return { keyBits, filterBits: Math.min(32 - keyBits, 32 - slotBits(n)) };
}

/** The chunk's 16 bits, from 8 words at `base` (Int32 or Uint32: same bits). */
export function chunkOf(words: ArrayLike<number>, base: number, f: number): number {
  const w = words[base + (f >>> 1)]!;
  return (f & 1) === 0 ? w >>> 16 : w & 0xffff;
}

export function keyOf(words: ArrayLike<number>, base: number, f: number, keyBits: number): number {
  return chunkOf(words, base, f) >>> (CHUNK_BITS - keyBits);
}

/** Partner chunk, then the chunk's own unkeyed low bits; the top `filterBits` of those. */
export function filterOf(words: ArrayLike<number>, base: number, f: number, scheme: PairScheme): number {
  const low = CHUNK_BITS - scheme.keyBits;
  const source = (chunkOf(words, base, f ^ 1) << low) | (chunkOf(words, base, f) & ((1 << low) - 1));
  return source >>> (CHUNK_BITS + low - scheme.filterBits);
}

export interface PairPlan {
  /** Per chunk: key flips probed (0 or 1), or -1 when its table is not probed. */
  readonly flips: Int8Array;
  /** Per chunk: its word's budget g; a candidate found with k flips passes if filter distance ≤ g − k. */
  readonly budget: Int8Array;
  /** Keys probed per query. */
  readonly probes: number;
}

function neighbours(bits: number, flips: number): number {
  return flips === 0 ? 1 : 1 + bits;
}

/** Share of random filter values within `t` bits of the query's: the filter's pass rate. */
function passRate(bits: number, t: number): number {
  if (t < 0) return 0;
  let within = 0;
  let choose = 1;
  for (let i = 0; i <= Math.min(t, bits); i++) {
    within += choose;
    choose = (choose * (bits - i)) / (i + 1);
  }
  return Math.min(1, within / 2 ** bits);
}

/** Expected cost of giving one word budget g, for `n` uniformly random hashes. */
function wordCost(scheme: PairScheme, n: number, g: number): number {
  if (g < 0) return 0;
  const bucket = n / 2 ** scheme.keyBits;
  const f = scheme.filterBits;
  const probe = (keys: number) => keys * (PROBE_COST + bucket * FILTER_COST);
  if (g <= 1) return (g + 1) * (probe(1) + bucket * passRate(f, g) * CANDIDATE_COST);
  const survivors = bucket * (passRate(f, g) + scheme.keyBits * passRate(f, g - 1));
  return 2 * (probe(1 + scheme.keyBits) + survivors * CANDIDATE_COST);
}

/**
 * Cheapest word budgets with Σ(g_w + 1) ≥ radius + 1, or null past MIH_MAX_RADIUS. The 8 words
 * are interchangeable, so only how many words get each budget matters: 495 combinations.
 */
export function planPairs(scheme: PairScheme, n: number, radius: number): PairPlan | null {
  if (radius > MIH_MAX_RADIUS) return null;
  const words = CHUNKS / 2;
  const costs = [-1, 0, 1, 2, 3].map((g) => wordCost(scheme, n, g));
  let best: number[] | null = null;
  let bestCost = Infinity;
  const counts = [0, 0, 0, 0, 0]; // words with budget -1, 0, 1, 2, 3
  const visit = (level: number, left: number): void => {
    if (level === 4) {
      counts[4] = left;
      let units = 0;
      let cost = 0;
      for (let i = 0; i < 5; i++) {
        units += counts[i]! * i; // budget g = i - 1 contributes g + 1 units
        cost += counts[i]! * costs[i]!;
      }
      if (units > radius && cost < bestCost) {
        bestCost = cost;
        best = counts.slice();
      }
      return;
    }
    for (let c = 0; c <= left; c++) {
      counts[level] = c;
      visit(level + 1, left - c);
    }
  };
  visit(0, words);
  const chosen: number[] = best!;
  const flips = new Int8Array(CHUNKS).fill(-1);
  const budget = new Int8Array(CHUNKS).fill(-1);
  let probes = 0;
  let w = 0;
  for (let g = MAX_BUDGET; g >= -1; g--) {
    for (let c = 0; c < chosen[g + 1]!; c++, w++) {
      if (g < 0) continue;
      // g = 0: both chunks are exact, so the first one alone finds the hash.
      const s = g >= 2 ? 1 : 0;
      for (const f of g === 0 ? [2 * w] : [2 * w, 2 * w + 1]) {
        flips[f] = s;
        budget[f] = g;
        probes += neighbours(scheme.keyBits, s);
      }
    }
  }
  return { flips, budget, probes };
}

/** Writes chunk f's probe keys (the key, then its one-bit neighbours) into `out` at `at`; returns how many. */
export function probeKeys(key: number, keyBits: number, flips: number, out: Int32Array, at: number): number {
  out[at] = key;
  if (flips < 1) return 1;
  for (let i = 0; i < keyBits; i++) out[at + 1 + i] = key ^ (1 << i);
  return 1 + keyBits;
}

/** The query's keys and filters per chunk, computed once per query and segment. */
export function queryKeys(q: Int32Array, scheme: PairScheme, keys: Int32Array, filters: Int32Array): void {
  for (let f = 0; f < CHUNKS; f++) {
    keys[f] = keyOf(q, 0, f, scheme.keyBits);
    filters[f] = filterOf(q, 0, f, scheme);
  }
}

/**
 * De-duplication without a per-slot stamp array: a hash may pass the probes of several chunks,
 * but it is reported only from the first chunk whose probe and filter accept it. Only matches
 * reach this, so it costs nothing per candidate and no memory per stored hash.
 */
export function acceptedEarlier(
  item: Int32Array,
  chunk: number,
  plan: PairPlan,
  scheme: PairScheme,
  keys: Int32Array,
  filters: Int32Array,
): boolean {
  for (let j = 0; j < chunk; j++) {
    const s = plan.flips[j]!;
    if (s < 0) continue;
    const k = popcount32(keyOf(item, 0, j, scheme.keyBits) ^ keys[j]!);
    if (k <= s && popcount32(filterOf(item, 0, j, scheme) ^ filters[j]!) <= plan.budget[j]! - k) return true;
  }
  return false;
}
