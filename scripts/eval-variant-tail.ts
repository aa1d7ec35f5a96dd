/**
 * How much the PDQ variants add to the false-match rate:
 *
 *   pnpm eval:variant-tail --queries <dir> [--bank 100000] [--tail-queries 300] [--seed 1] [--workers 2]
 *                          [--variant-radii 31,28,26,24] [--quality indexed|low|all] [--mirrored yes|no]
 *
 * 1. Bank: --bank distractors made like eval:distractors' (crops, tiles, composites of the corpus
 *    photos, ../shared/corpus/images and large), each with the plain PDQ and the 16 variants the
 *    server would store (hash-core's pdqVariantHashes).
 * 2. Queries: the originals and every `<id>__<transform>` file of --queries, hashed as the CLI
 *    does with --dihedral (their variants and their mirror's included; `--mirrored no` leaves the
 *    mirror's out, to see what it adds); --tail-queries of them, drawn at random, are scored
 *    against the whole bank, own photo and known near pairs excluded.
 * 3. For the server's rule with and without the variants (scripts/eval/variant-tail.ts), the pairs
 *    that match, the lowest score, and a log-linear fit of the score's left tail (as
 *    eval:distractors does for distances) extrapolated to a match; the ratio is what the
 *    variants cost in false matches. Then each query's own tail (scripts/eval/tail.ts), and
 *    which photos the estimate comes from. The same pooled fit for blockhash, whole and with its
 *    4 sides, as if it met every stored photo (the server matches it only against photos PDQ
 *    cannot hash). With `--quality low` the bank holds those photos instead (PDQ quality under
 *    50), and the tool measures blockhash and its sides where the server does match them at 20 and 16,
 *    and the PDQ variants those photos still carry; `--quality all` keeps every distractor (PDQ
 *    under its floor on either side is left out of the scores, as the server leaves it out).
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hashFiles } from './eval/hashing.js';
import { CHUNK, hamming, hexToWords } from './eval/distractors.js';
import { describePerQuery, fitLeftTail, perQueryTail } from './eval/tail.js';
import { listPhotos, nearPairs, type PhotoFile } from './eval/distractors-photos.js';
import { ALSO_SEARCHED, alsoSearched, BLOCKHASH_COARSE_RADIUS, BLOCKHASH_RADIUS, BLOCKHASH_SIDE_RADIUS, type BankQuality, concatVariantBanks, DISTANCES, emptyBank, HISTOGRAM_SIZE, SCORE_OFFSET, mirroredQuery, setVariants, VARIANTS, variantScores, type VariantBank, type VariantQuery } from './eval/variant-tail.js';
import { prng } from './lib/prng.js';
import { runTsWorker } from './lib/ts-worker.js';

const root = resolve(import.meta.dirname, '..');
const WORKER = new URL('./eval/variant-tail-worker.ts', import.meta.url);

function parseArgs(argv: string[]) {
  const o = { originals: [join(root, '../shared/corpus/images'), join(root, '../shared/corpus/large')], queries: '', bank: 100_000, tailQueries: 300, seed: 1, workers: 2, variantRadii: [31, 28, 26, 24], quality: 'indexed' as BankQuality, mirrored: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') continue;
    const value = argv[++i];
    if (value === undefined) throw new Error(`missing value for ${arg}`);
    const num = () => {
      const n = Number(value.replace(/_/g, ''));
      if (!Number.isInteger(n) || n <= 0) throw new Error(`${arg}: expected a positive integer, got ${value}`);
      return n;
    };
    if (arg === '--originals') o.originals = value.split(',').map((d) => resolve(d));
    else if (arg === '--queries') o.queries = resolve(value);
    else if (arg === '--bank') o.bank = num();
    else if (arg === '--tail-queries') o.tailQueries = num();
    else if (arg === '--seed') o.seed = num();
    else if (arg === '--workers') o.workers = num();
    else if (arg === '--variant-radii') o.variantRadii = value.split(',').map((r) => Number(r));
    else if (arg === '--mirrored') {
      if (value !== 'yes' && value !== 'no') throw new Error(`--mirrored: expected yes or no, got ${value}`);
      o.mirrored = value === 'yes';
    }
    else if (arg === '--quality') {
      if (value !== 'indexed' && value !== 'low' && value !== 'all') throw new Error(`--quality: expected indexed, low or all, got ${value}`);
      o.quality = value;
    }
    else throw new Error(`unknown option ${arg}`);
  }
  if (o.variantRadii.some((r) => !Number.isInteger(r) || r < 0 || r > 64)) throw new Error('--variant-radii: expected integers from 0 to 64, comma-separated');
  if (!o.queries) throw new Error('--queries <dir> is required (e.g. the output of ../shared/corpus/make-variants.sh)');
  return o;
}

async function generate(files: PhotoFile[], n: number, seed: number, workers: number, keep: BankQuality): Promise<VariantBank> {
  const chunks = Math.ceil(n / CHUNK);
  const parts: VariantBank[] = new Array(chunks);
  let done = 0;
  await Promise.all(
    Array.from({ length: workers }, (_, w) =>
      runTsWorker(WORKER, { task: 'generate', files, seed, chunks: [...Array(chunks).keys()].filter((c) => c % workers === w), lastChunk: chunks - 1, lastCount: n - (chunks - 1) * CHUNK, keep }, (m) => {
        parts[m.chunk] = m.bank;
        process.stderr.write(`\r  generated ${Math.min(n, ++done * CHUNK)} / ${n}   `);
      }),
    ),
  );
  process.stderr.write('\n');
  return concatVariantBanks(parts);
}

const sci = (x: number) => (x === 0 ? '0' : x.toExponential(1));

async function main(): Promise<void> {
  const started = performance.now();
  const o = parseArgs(process.argv.slice(2));
  const files = listPhotos(o.originals);
  const byId = new Map(files.map((f, i) => [f.id, i]));
  const near = nearPairs(o.originals, byId);

  let t = performance.now();
  const low = o.quality === 'low';
  const bank = await generate(files, o.bank, o.seed, o.workers, o.quality);
  const flat = bank.quality.reduce((n, q) => n + (q < 50 ? 1 : 0), 0);
  console.log(`eval:variant-tail — ${files.length} originals; bank of ${bank.count} distractors (${flat} of PDQ quality under 50) with their ${VARIANTS.length} variants in ${((performance.now() - t) / 1000).toFixed(0)} s on ${o.workers} workers`);

  // Queries: the originals, then every <id>__<transform> file of --queries.
  const named = readdirSync(o.queries).map((name) => ({ name, m: /^(.+?)__(.+)\.[^.]+$/.exec(name) })).filter((q) => q.m && byId.has(q.m[1]!));
  const paths = [...files.map((f) => f.path), ...named.map((q) => join(o.queries, q.name))];
  const photos = [...files.map((_, i) => i), ...named.map((q) => byId.get(q.m![1]!)!)];
  t = performance.now();
  const outcomes = await hashFiles(paths, { dihedral: true });
  // Every query, but with the indexed bank (kept comparable with earlier runs): the scoring leaves
  // out PDQ under its floor on either side as the server does.
  const minQuality = o.quality === 'indexed' ? 50 : 0;
  const items = outcomes.map((r) => (r.ok && r.value.item.quality! >= minQuality ? r.value.item : null));
  // Originals within 31 bits of each other are the same picture twice (a small copy of a large one).
  const plainOf = items.slice(0, files.length).map((item) => (item && item.quality! >= 50 ? hexToWords(item.pdq) : null));
  for (let a = 0; a < files.length; a++) for (let b = a + 1; b < files.length; b++) {
    if (!plainOf[a] || !plainOf[b] || hamming(plainOf[a]!, 0, plainOf[b]!, 0) > 31) continue;
    for (const [x, y] of [[a, b], [b, a]] as const) (near.get(x) ?? near.set(x, new Set()).get(x)!).add(y);
  }
  const usable = items.map((item, i) => ({ item, photo: photos[i]! })).filter((q) => q.item !== null);
  console.log(`queries: ${usable.length} of quality ≥ ${minQuality} (${paths.length} hashed in ${((performance.now() - t) / 1000).toFixed(0)} s)`);

  // A random sample, scored against the whole bank.
  const rnd = prng(o.seed);
  const sample = [...usable].sort(() => rnd() - 0.5).slice(0, o.tailQueries);
  const queries: VariantQuery[] = sample.map(({ item, photo }) => {
    const dihedral = new Uint32Array(64);
    item!.dihedral!.forEach((h, d) => hexToWords(h, dihedral, d * 8));
    const variants = emptyBank(1);
    setVariants(variants, 0, item as unknown as Record<string, unknown>);
    const record = item as unknown as Record<string, unknown>;
    return { dihedral, variants, alsoSearched: alsoSearched(record), ...(o.mirrored && { mirrored: mirroredQuery(record) }), excluded: [photo, ...(near.get(photo) ?? [])] };
  });
  t = performance.now();
  const plain = new Float64Array(HISTOGRAM_SIZE);
  const joint = new Float64Array(HISTOGRAM_SIZE * DISTANCES);
  const blockhash = Array.from({ length: 3 + ALSO_SEARCHED.length }, () => new Float64Array(HISTOGRAM_SIZE));
  const rules = 1 + o.variantRadii.length;
  /** perQuery[rule][query]: the query's own score histogram under the plain rule, then the variants at each radius. */
  const perQuery = Array.from({ length: rules }, () => queries.map(() => new Float64Array(HISTOGRAM_SIZE)));
  await Promise.all(
    Array.from({ length: o.workers }, (_, w) =>
      runTsWorker(WORKER, { task: 'score', bank, queries: queries.filter((_, i) => i % o.workers === w), radii: o.variantRadii }, (m) => {
        queries.forEach((_, i) => {
          if (i % o.workers !== w) return;
          const k = Math.floor(i / o.workers);
          for (let r = 0; r < rules; r++) perQuery[r]![i]!.set(m.perQuery.subarray((k * rules + r) * HISTOGRAM_SIZE, (k * rules + r + 1) * HISTOGRAM_SIZE));
        });
        m.plain.forEach((c: number, i: number) => (plain[i] += c));
        m.joint.forEach((c: number, i: number) => (joint[i] += c));
        m.blockhash.forEach((h: Float64Array, k: number) => h.forEach((c, i) => (blockhash[k]![i] += c)));
      }),
    ),
  );
  const pairs = plain.reduce((s, c) => s + c, 0);
  console.log(`scored ${queries.length} queries × ${bank.count} distractors = ${sci(pairs)} pairs in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  console.log('score = the smallest (distance − radius) over the rule\'s comparisons; ≤ 0 is a match');
  console.log('rule                    matches  lowest  fit window      P(match) per pair   per query, 1M   per query, 10M');
  /** Pairs scored ≤ 0: matches. */
  const matchesIn = (hist: Float64Array) => hist.slice(0, SCORE_OFFSET + 1).reduce((s, c) => s + c, 0);
  /** One row of the table: matches, lowest score, the fitted tail extrapolated to a match. */
  const row = (label: string, hist: Float64Array): number => {
    const matches = matchesIn(hist);
    const lowest = hist.findIndex((c) => c > 0) - SCORE_OFFSET;
    if (lowest === HISTOGRAM_SIZE - 1 - SCORE_OFFSET) {
      console.log(`${label.padEnd(22)} ${String(matches).padStart(8)}        —  no pair had anything to compare`);
      return 0;
    }
    const fit = fitLeftTail(hist);
    const p = fit.probability(SCORE_OFFSET);
    const window = fit.window.map((i) => i - SCORE_OFFSET).join('..');
    console.log(`${label.padEnd(22)} ${String(matches).padStart(8)} ${String(lowest).padStart(7)}  ${window.padEnd(14)} ${sci(p).padStart(18)} ${sci(p * 1e6).padStart(15)} ${sci(p * 1e7).padStart(16)}`);
    return p;
  };
  function reportPdq(): void {
    const rows: [string, Float64Array][] = [
      ['plain PDQ (+ dihedral)', plain],
      ...o.variantRadii.map((r): [string, Float64Array] => [`+ variants at ≤ ${r}`, variantScores(joint, r)]),
    ];
    const probabilities = rows.map(([label, hist]) => row(label, hist));
    if (probabilities[0]! > 0) o.variantRadii.forEach((r, i) => console.log(`variants at ≤ ${r} multiply the estimated false-match rate by ${(probabilities[i + 1]! / probabilities[0]!).toFixed(1)}`));
    // The same, each query with its own tail (scripts/eval/tail.ts): the pooled line above is drawn
    // through the queries nearest the distractors.
    console.log('each query\'s own tail (probit), averaged over the queries:');
    rows.forEach(([label], r) => {
      if (probabilities[r] === 0) return; // nothing compared (PDQ against flat photos)
      const per = perQueryTail(perQuery[r]!, SCORE_OFFSET, { groups: sample.map((q) => q.photo), checkAt: [8, 12, 16, 20, 24, 28].map((b) => b + SCORE_OFFSET), seed: o.seed, never: HISTOGRAM_SIZE - 1 });
      console.log(`  ${label}`);
      for (const line of describePerQuery(per, (g) => files[g]!.id, (b) => `score ≤ ${b - SCORE_OFFSET}`)) console.log(`    ${line}`);
    });
  }
  // PDQ and its variants, as the server matches them: a flat photo's PDQ and tilts are neither
  // indexed nor searched, its crops and trimmed picture are when their own quality passes.
  reportPdq();
  // Blockhash is matched apart (its own indexes and thresholds): at 20 (sides at 16) only against
  // stored photos of PDQ quality under 50 when both values are detailed, else the whole within 6
  // bits of those photos and 8 of the others, its sides only then.
  if (low) {
    // The population blockhash meets at 20: every pair at 20, then the server's rule.
    row(`blockhash at ≤ ${BLOCKHASH_RADIUS}`, blockhash[0]!);
    row(`+ its 4 sides at ≤ ${BLOCKHASH_SIDE_RADIUS}`, blockhash[1]!);
    // The rule on the query's values as sent, then with each other query the server makes.
    const steps: [string, Float64Array][] = [['the rule, values as sent', blockhash[2]!], ...ALSO_SEARCHED.map(({ label }, k): [string, Float64Array] => [`+ ${label}`, blockhash[3 + k]!])];
    const rates = steps.map(([label, hist]) => row(label, hist));
    console.log(`the rule: the whole at ${BLOCKHASH_RADIUS} and the sides at ${BLOCKHASH_SIDE_RADIUS} when both values are detailed (detailedBlockhash), else the whole within ${BLOCKHASH_COARSE_RADIUS} and no side; the last row is the server's; "per query, 1M/10M" are per 1M/10M stored photos of PDQ quality under 50`);
    steps.slice(1).forEach(([label], k) => {
      if (rates[k]! > 0) console.log(`${label.slice(2)} multiplies blockhash's estimated false-match rate by ${(rates[k + 1]! / rates[k]!).toFixed(1)}`);
    });
    for (const [label, hist] of [[`the whole at ${BLOCKHASH_RADIUS}, sides at ${BLOCKHASH_SIDE_RADIUS}`, blockhash[1]!], ...steps] as const) {
      console.log(`observed, ${label}: ${matchesIn(hist)} false matches in ${sci(pairs)} pairs → ${sci(matchesIn(hist) / queries.length)} per query against ${bank.count} such photos`);
    }
  } else if (o.quality === 'indexed') {
    // These distractors all have quality ≥ 50: the rows say what blockhash would cost were it
    // matched at 20 against every photo (why it is not).
    const whole = row(`blockhash at ≤ ${BLOCKHASH_RADIUS}*`, blockhash[0]!);
    const family = row('+ its 4 sides*', blockhash[1]!);
    console.log(`the side blockhashes multiply blockhash's estimated false-match rate by ${(family / whole).toFixed(1)}`);
    console.log('* were blockhash matched at 20 against every stored photo; the server does so only for photos whose PDQ quality is under 50 (none of these distractors: see --quality low), within 8 bits for the others, and the sides only for the former');
  }
  console.log(`total ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((error: unknown) => {
  console.error(`eval:variant-tail: ${(error as Error).message}`);
  process.exit(1);
});
