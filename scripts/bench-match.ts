/**
 * Match-engine benchmark: bulk build, memory, and radius-31 (--radius) query throughput/latency
 * of the multi-index hash index, with the brute-force scan as baseline.
 *
 *   pnpm bench:match -- --n 1000000 [--queries 20000] [--brute-queries 200] [--radius 31] [--seed 1]
 *                         [--updates 200000]
 *
 * --updates N also times N live adds (and N/4 removes) after the build, through write-buffer
 * merges, then re-measures near-duplicate queries on the updated index.
 * Data are seeded random 256-bit hashes with shuffled ids. Near-duplicate queries are stored
 * hashes with 0 to --radius random bits flipped (each must find its source). The last line is one
 * JSON object for CI/trend tracking; everything else is for humans.
 */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { LinearIndex, MihIndex, type HashIndex } from '../hash-core/src/index/index.js';
import { prng } from './lib/prng.js';

function parseArgs(argv: string[]): Record<string, number> {
  const opts: Record<string, number> = { n: 1_000_000, queries: 20_000, 'brute-queries': 0, radius: 31, seed: 1, repeats: 3, updates: 0 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') continue; // pnpm forwards a literal "--"
    const name = arg.replace(/^--/, '');
    if (!(name in opts) || i + 1 >= argv.length) throw new Error(`unknown or incomplete option ${arg}`);
    opts[name] = Number(argv[++i]!.replace(/_/g, ''));
  }
  return opts;
}


function randomData(n: number, rnd: () => number): { ids: Uint32Array; words: Uint32Array } {
  const words = new Uint32Array(n * 8);
  for (let i = 0; i < words.length; i++) words[i] = rnd();
  const ids = new Uint32Array(n);
  for (let i = 0; i < n; i++) ids[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rnd() % (i + 1);
    const t = ids[i]!;
    ids[i] = ids[j]!;
    ids[j] = t;
  }
  return { ids, words };
}

function nearDuplicates(words: Uint32Array, n: number, count: number, maxFlips: number, rnd: () => number): Uint32Array {
  const out = new Uint32Array(count * 8);
  for (let q = 0; q < count; q++) {
    const src = rnd() % n;
    out.set(words.subarray(src * 8, src * 8 + 8), q * 8);
    const flips = rnd() % (maxFlips + 1);
    const seen = new Set<number>();
    while (seen.size < flips) {
      const bit = rnd() & 255;
      if (seen.has(bit)) continue;
      seen.add(bit);
      out[q * 8 + (bit >>> 5)]! ^= 1 << (31 - (bit & 31));
    }
  }
  return out;
}

function randomQueries(count: number, rnd: () => number): Uint32Array {
  const out = new Uint32Array(count * 8);
  for (let i = 0; i < out.length; i++) out[i] = rnd();
  return out;
}

interface Run {
  qps: number;
  latencies: Float64Array;
  checksum: number;
  matched: number;
}

/** Times each query; best-of-`repeats` throughput, latencies pooled over all repeats. */
function runQueries(index: HashIndex, queries: Uint32Array, radius: number, repeats: number): Run {
  const count = queries.length / 8;
  const views = Array.from({ length: count }, (_, i) => queries.subarray(i * 8, i * 8 + 8));
  const latencies = new Float64Array(count * repeats);
  let best = Infinity;
  let checksum = 0;
  let matched = 0;
  for (let r = 0; r < repeats; r++) {
    checksum = 0;
    matched = 0;
    const start = performance.now();
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      const matches = index.search(views[i]!, radius);
      latencies[r * count + i] = performance.now() - t0;
      if (matches.length > 0) matched++;
      for (const m of matches) checksum = (checksum * 31 + m.id + m.distance) % 2147483647;
    }
    best = Math.min(best, performance.now() - start);
  }
  return { qps: (count / best) * 1000, latencies: latencies.sort(), checksum, matched };
}

/** Live adds of fresh hashes (and removes of stored ids), each timed: merges must stay amortised. */
function runUpdates(index: MihIndex, n: number, count: number, rnd: () => number): void {
  const latencies = new Float64Array(count + (count >> 2));
  const hash = new Uint32Array(8);
  let merges = 0;
  let wasMerging = index.stats.merging;
  const start = performance.now();
  for (let i = 0; i < latencies.length; i++) {
    const t0 = performance.now();
    if (i % 5 === 4) {
      index.remove(rnd() % n);
    } else {
      for (let w = 0; w < 8; w++) hash[w] = rnd();
      index.add(n + i, hash);
    }
    latencies[i] = performance.now() - t0;
    const merging = index.stats.merging;
    if (wasMerging && !merging) merges++;
    wasMerging = merging;
  }
  const total = performance.now() - start;
  latencies.sort();
  console.log(
    `updates: ${count} adds + ${count >> 2} removes in ${fmt(total, 0)} ms; per mutation p50 ${fmt(percentile(latencies, 0.5) * 1000)} µs, p99 ${fmt(percentile(latencies, 0.99) * 1000)} µs, max ${fmt(latencies[latencies.length - 1]! * 1000)} µs; ${merges} merges completed, ${index.stats.deltaHashes} in the write buffer${index.stats.merging ? ', a merge running' : ''}`,
  );
}

/** A full GC, so RSS readings hold live memory and not the build's collectable temporaries. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

function fmt(x: number, digits = 1): string {
  return x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function main(): void {
  const opts = parseArgs(process.argv.slice(2));
  const n = opts.n!;
  const radius = opts.radius!;
  const repeats = opts.repeats!;
  const queryCount = opts.queries!;
  const bruteCount = opts['brute-queries']! || Math.max(10, Math.min(500, Math.round(2e8 / n)));
  const rnd = prng(opts.seed!);
  console.log(`bench-match: n=${n.toLocaleString('en-US')} radius=${radius} queries=${queryCount} brute-queries=${bruteCount} (node ${process.version})`);

  const { ids, words } = randomData(n, rnd);
  const nearQ = nearDuplicates(words, n, queryCount, radius, rnd);
  const randQ = randomQueries(queryCount, rnd);
  const warmQ = nearDuplicates(words, n, 1000, radius, rnd);

  collectGarbage();
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const mih = MihIndex.build(ids, words);
  const buildMs = performance.now() - t0;
  collectGarbage();
  const rssAfter = process.memoryUsage().rss;
  const bytesPerHash = mih.byteLength / n;
  console.log(`build: ${fmt(buildMs, 0)} ms (key bits ${mih.stats.mainKeyBits}, filter bits ${mih.stats.mainFilterBits})`);
  console.log(`memory: ${fmt(bytesPerHash)} bytes/hash in the index's own buffers (${fmt(mih.byteLength / 2 ** 20)} MiB); RSS +${fmt((rssAfter - rssBefore) / n)} bytes/hash after GC`);

  runQueries(mih, warmQ, radius, 2); // warm-up: JIT tiers and caches
  const near = runQueries(mih, nearQ, radius, repeats);
  const rand = runQueries(mih, randQ, radius, repeats);
  console.log(
    `near-dup (0–${radius} bits flipped): ${fmt(near.qps, 0)} q/s, p50 ${fmt(percentile(near.latencies, 0.5), 3)} ms, p99 ${fmt(percentile(near.latencies, 0.99), 3)} ms, ${near.matched}/${queryCount} found (checksum ${near.checksum})`,
  );
  console.log(
    `random: ${fmt(rand.qps, 0)} q/s, p50 ${fmt(percentile(rand.latencies, 0.5), 3)} ms, p99 ${fmt(percentile(rand.latencies, 0.99), 3)} ms, ${rand.matched} with matches (checksum ${rand.checksum})`,
  );
  if (near.matched !== queryCount) throw new Error('a near-duplicate query missed its source: the index is not exact');

  const tl = performance.now();
  const linear = LinearIndex.build(ids, words);
  const linearMs = performance.now() - tl;
  const bruteQ = nearQ.subarray(0, bruteCount * 8);
  runQueries(linear, bruteQ.subarray(0, Math.min(5, bruteCount) * 8), radius, 1);
  const brute = runQueries(linear, bruteQ, radius, 1);
  const same = runQueries(mih, bruteQ, radius, 1);
  console.log(
    `brute force: ${fmt(brute.qps)} q/s over ${bruteCount} near-dup queries (built in ${fmt(linearMs, 0)} ms); MIH speed-up ${fmt(near.qps / brute.qps, 0)}×; results ${brute.checksum === same.checksum ? 'identical' : 'DIFFER'}`,
  );
  if (brute.checksum !== same.checksum) throw new Error('MIH and brute force disagree');

  if (opts.updates! > 0) {
    runUpdates(mih, n, opts.updates!, rnd);
    const after = runQueries(mih, nearQ.subarray(0, Math.min(queryCount, 5000) * 8), radius, 1);
    console.log(
      `near-dup after updates: ${fmt(after.qps, 0)} q/s, p50 ${fmt(percentile(after.latencies, 0.5), 3)} ms, p99 ${fmt(percentile(after.latencies, 0.99), 3)} ms`,
    );
  }

  console.log(
    JSON.stringify({
      n,
      buildMs: Math.round(buildMs),
      bytesPerHash: Number(bytesPerHash.toFixed(1)),
      nearDupQps: Math.round(near.qps),
      randomQps: Math.round(rand.qps),
      bruteQps: Number(brute.qps.toFixed(1)),
      p50Ms: Number(percentile(near.latencies, 0.5).toFixed(3)),
      p99Ms: Number(percentile(near.latencies, 0.99).toFixed(3)),
    }),
  );
}

main();
