/**
 * False matches against a distractor bank:
 *
 *   pnpm eval:distractors [--originals <dir>[,<dir>...]] [--queries <dir-of-images>] [--bank 1000000]
 *                         [--out <file>] [--seed 1] [--workers 2] [--tail-queries 200] [--cache .cache]
 *                         [--videos <dir-of-clips>]
 *
 * 1. Bank: --bank PDQ hashes (quality ≥ 50, as the server indexes) of real image content made from
 *    the originals (default ../shared/corpus/images and ../shared/corpus/large): crops, tiles, 2×2
 *    composites, side-by-side pairs, mirrored halves, rotated/flipped/recoloured (scripts/eval/
 *    distractors.ts), on worker threads, cached in .cache/ (gitignored).
 * 2. Queries: every original and every variant in --queries (files <id>__<transform>.<ext>, as
 *    ../shared/corpus/make-variants.sh writes; without --queries, four variants per original are
 *    made here with sharp: JPEG q50, resize 50 %, grey, 5 % crop), hashed like the CLI (decode,
 *    pre-resize, PDQ with its 8 dihedral hashes); queries of quality < 50 are kept apart (step 4).
 *    Each other one is searched in a MihIndex at radius 31, alone and with its 8
 *    dihedral hashes (as /v1/match does when they are sent). Distractors made from the query's own
 *    photo — or from a photo listed with it in NEAR_PAIRS.tsv — are not false matches.
 * 3. Tail: for --tail-queries random queries × the whole bank, each query's exact histogram of
 *    Hamming distances (brute-force popcount, min over the 8 orientations and orientation 0
 *    alone), extrapolated to 31 two ways (scripts/eval/tail.ts): a log-linear fit of the pooled
 *    left tail, and each query's own tail (probit), checked on the pairs below each query's window
 *    and bounded by resampling photos; plus a normal fit for comparison.
 * 4. Queries under the quality floor: /v1/match searches them closer (pdqSignal.underFloorQuery),
 *    and among the stored PDQ and its mirror alone. Every one through the index at that radius,
 *    then each one's exact histogram and tail as in 3.
 * 5. With --videos: the clips' frames, plain and mirrored PDQ, through the index at their
 *    thresholds (scripts/eval/distractor-frames.ts).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { MihIndex, PDQ_DIHEDRAL_NAMES, PDQ_MATCH_THRESHOLD, PDQ_QUALITY_FLOOR, pdqSignal, searchedUnderFloor } from '@disrupt/hash-core';
import { hashImageFile } from '@disrupt/hash-core/node';
import {
  CHUNK,
  concatBanks,
  deserializeBank,
  fromPhotos,
  GENERATOR_VERSION,
  hamming,
  hexToWords,
  KINDS,
  serializeBank,
  SOURCES,
  type Bank,
} from './eval/distractors.js';
import { describePerQuery, fitLeftTail, normalTail, perQueryTail } from './eval/tail.js';
import { listPhotos, nearPairs, type PhotoFile } from './eval/distractors-photos.js';
import { searchClipFrames } from './eval/distractor-frames.js';
import { runTsWorker } from './lib/ts-worker.js';
import { prng } from './lib/prng.js';

type Sharp = typeof import('sharp').default;
const sharp = createRequire(new URL('../hash-core/package.json', import.meta.url))('sharp') as Sharp;

const root = resolve(import.meta.dirname, '..');
const shared = resolve(root, '../shared');
const WORKER = new URL('./eval/distractors-worker.ts', import.meta.url);

interface Options {
  originals: string[];
  queries?: string;
  bank: number;
  out?: string;
  seed: number;
  workers: number;
  tailQueries: number;
  cache: string;
  videos?: string;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    originals: [join(shared, 'corpus/images'), join(shared, 'corpus/large')],
    bank: 1_000_000,
    seed: 1,
    workers: 2,
    tailQueries: 200,
    cache: join(root, '.cache'),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') continue;
    const value = argv[++i];
    if (value === undefined) throw new Error(`missing value for ${arg}`);
    const num = () => Number(value.replace(/_/g, ''));
    if (arg === '--originals') o.originals = value.split(',').map((d) => resolve(d));
    else if (arg === '--queries') o.queries = resolve(value);
    else if (arg === '--bank') o.bank = num();
    else if (arg === '--out') o.out = resolve(value);
    else if (arg === '--seed') o.seed = num();
    else if (arg === '--workers') o.workers = num();
    else if (arg === '--tail-queries') o.tailQueries = num();
    else if (arg === '--cache') o.cache = resolve(value);
    else if (arg === '--videos') o.videos = resolve(value);
    else throw new Error(`unknown option ${arg}`);
  }
  return o;
}

const lines: string[] = [];
function say(line = ''): void {
  console.log(line);
  lines.push(line);
}

// ---- bank -----------------------------------------------------------------------------------

const runWorker = (data: unknown, onMessage: (m: any) => void) => runTsWorker(WORKER, data, onMessage);

async function generateBank(files: PhotoFile[], n: number, seed: number, workers: number): Promise<Bank> {
  const chunks = Math.ceil(n / CHUNK);
  const lastChunk = chunks - 1;
  const lastCount = n - lastChunk * CHUNK;
  const parts: Bank[] = new Array(chunks);
  let done = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const mine = Array.from({ length: chunks }, (_, c) => c).filter((c) => c % workers === w);
      return runWorker({ task: 'generate', files, seed, chunks: mine, lastCount, lastChunk }, (m) => {
        if (m.bank) {
          parts[m.chunk] = m.bank as Bank;
          if (++done % 25 === 0 || done === chunks) {
            const s = (performance.now() - t0) / 1000;
            process.stderr.write(`\r  generated ${Math.min(n, done * CHUNK).toLocaleString('en-US')} / ${n.toLocaleString('en-US')} (${s.toFixed(0)} s)   `);
          }
        }
      });
    }),
  );
  process.stderr.write('\n');
  return concatBanks(parts);
}

// ---- queries --------------------------------------------------------------------------------

interface Query {
  label: string;
  photo: number;
  transform: string;
  quality: number;
  pdq: string;
  dihedral: string[];
}

/** Four variants per original made with sharp, when no --queries folder is given. */
async function makeVariants(files: PhotoFile[], dir: string): Promise<void> {
  for (const f of files) {
    const meta = await sharp(f.path).metadata();
    const w = meta.autoOrient?.width ?? meta.width!;
    const h = meta.autoOrient?.height ?? meta.height!;
    const base = () => sharp(f.path, { autoOrient: true } as never);
    await base().jpeg({ quality: 50 }).toFile(join(dir, `${f.id}__q50.jpg`));
    await base().resize(Math.max(1, Math.round(w / 2)), Math.max(1, Math.round(h / 2))).jpeg({ quality: 75 }).toFile(join(dir, `${f.id}__resize50.jpg`));
    await base().grayscale().jpeg({ quality: 75 }).toFile(join(dir, `${f.id}__gray.jpg`));
    const cw = Math.round(w * 0.05);
    const ch = Math.round(h * 0.05);
    await base().extract({ left: cw, top: ch, width: w - 2 * cw, height: h - 2 * ch }).jpeg({ quality: 75 }).toFile(join(dir, `${f.id}__crop05.jpg`));
  }
}

async function hashQuery(path: string, label: string, photo: number, transform: string): Promise<Query | null> {
  try {
    const { item } = await hashImageFile(path, { dihedral: true });
    return { label, photo, transform, quality: item.quality!, pdq: item.pdq!, dihedral: item.dihedral! };
  } catch (error) {
    say(`  cannot hash ${path}: ${(error as Error).message}`);
    return null;
  }
}

// ---- report helpers -------------------------------------------------------------------------

const fmtInt = (x: number) => Math.round(x).toLocaleString('en-US');
const sci = (x: number) => (x === 0 ? '0' : x.toExponential(2));

async function main(): Promise<void> {
  const started = performance.now();
  const o = parseArgs(process.argv.slice(2));
  const files = listPhotos(o.originals);
  if (files.length < 4) throw new Error(`need at least 4 photos in ${o.originals.join(', ')}`);
  const byId = new Map(files.map((f, i) => [f.id, i]));
  if (byId.size !== files.length) throw new Error('two originals share an id (file name without extension)');
  const near = nearPairs(o.originals, byId);
  say(`eval-distractors: ${files.length} originals (${o.originals.map((d) => d.replace(`${root}/`, '')).join(', ')}), bank ${fmtInt(o.bank)}, seed ${o.seed}, ${o.workers} workers (node ${process.version})`);

  // 1. the bank
  const key = createHash('sha256').update(JSON.stringify(files.map((f) => f.id))).digest('hex').slice(0, 10);
  const cacheFile = join(o.cache, `distractors-${o.bank}-s${o.seed}-g${GENERATOR_VERSION}-${key}.bin`);
  let bank: Bank;
  let generationSeconds: number | null = null;
  if (existsSync(cacheFile)) {
    const t = performance.now();
    ({ bank } = deserializeBank(readFileSync(cacheFile)));
    say(`bank: read from ${cacheFile.replace(`${root}/`, '')} in ${((performance.now() - t) / 1000).toFixed(1)} s (delete it to time the generation)`);
  } else {
    const t = performance.now();
    bank = await generateBank(files, o.bank, o.seed, o.workers);
    generationSeconds = (performance.now() - t) / 1000;
    mkdirSync(o.cache, { recursive: true });
    writeFileSync(cacheFile, serializeBank(bank, { seed: o.seed, generator: GENERATOR_VERSION, photos: files.length }));
    say(`bank: generated ${fmtInt(bank.count)} distractors in ${generationSeconds.toFixed(1)} s on ${o.workers} workers (${fmtInt(bank.count / generationSeconds)}/s; ${fmtInt(bank.attempted)} hashed, ${(100 * (1 - bank.count / bank.attempted)).toFixed(1)} % dropped for quality < ${PDQ_QUALITY_FLOOR}); cached in ${cacheFile.replace(`${root}/`, '')}`);
  }
  const kindCounts = new Array(KINDS.length).fill(0);
  for (let i = 0; i < bank.count; i++) kindCounts[bank.kinds[i]!]++;
  say(`  kinds: ${KINDS.map((k, i) => `${k} ${(100 * kindCounts[i] / bank.count).toFixed(0)} %`).join(', ')}; then rotated k·90°, flipped half the time, recoloured half the time`);
  let uniqueHashes: number;
  {
    const seen = new Set<string>();
    for (let i = 0; i < bank.count; i++) seen.add(Buffer.from(bank.words.buffer, i * 32, 32).toString('base64'));
    uniqueHashes = seen.size;
  }
  say(`  ${fmtInt(uniqueHashes)} distinct hashes`);

  // 2. queries
  let variantDir = o.queries;
  let tmp: string | undefined;
  if (!variantDir) {
    tmp = mkdtempSync(join(tmpdir(), 'disrupt-variants-'));
    variantDir = tmp;
    await makeVariants(files, tmp);
  }
  const queries: Query[] = [];
  for (const [i, f] of files.entries()) {
    const q = await hashQuery(f.path, f.id, i, 'original');
    if (q) queries.push(q);
  }
  let unknown = 0;
  for (const name of readdirSync(variantDir).filter((n) => !n.startsWith('.')).sort()) {
    const m = /^(.+?)__(.+)\.[^.]+$/.exec(name);
    const photo = m ? byId.get(m[1]!) : undefined;
    if (!m || photo === undefined) {
      unknown++;
      continue;
    }
    const q = await hashQuery(join(variantDir, name), name, photo, m[2]!);
    if (q) queries.push(q);
  }
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  const usable = queries.filter((q) => q.quality >= PDQ_QUALITY_FLOOR);
  say(`queries: ${queries.length} (${files.length} originals + ${queries.length - files.length} variants from ${o.queries ? variantDir : 'sharp: q50, resize50, gray, crop05'}${unknown ? `; ${unknown} files skipped: no <id>__<transform> name of a known original` : ''}); ${usable.length} of quality ≥ ${PDQ_QUALITY_FLOOR} are searched, as /v1/match does`);

  const excludedFor = (photo: number) => new Set([photo, ...(near.get(photo) ?? [])]);

  // 2a. distinct photos: every query against every other original
  const origWords = new Uint32Array(files.length * 8);
  const origQuality = new Array<number>(files.length).fill(-1);
  for (const q of queries) if (q.transform === 'original') {
    hexToWords(q.pdq, origWords, q.photo * 8);
    origQuality[q.photo] = q.quality;
  }
  const qw = new Uint32Array(64);
  // Originals within the threshold of each other are the same picture twice in the corpus (e.g. a
  // small copy of a large photo): grouped with the NEAR_PAIRS.tsv pairs, listed, never counted.
  const dupes: string[] = [];
  for (let a = 0; a < files.length; a++) {
    const qa = queries.find((q) => q.photo === a && q.transform === 'original');
    if (!qa) continue;
    qa.dihedral.forEach((h, v) => hexToWords(h, qw, v * 8));
    for (let b = a + 1; b < files.length; b++) {
      let best = 256;
      for (let v = 0; v < 8; v++) best = Math.min(best, hamming(qw, v, origWords, b));
      if (best > PDQ_MATCH_THRESHOLD) continue;
      dupes.push(`${files[a]!.id}~${files[b]!.id} (${best})`);
      if (!near.has(a)) near.set(a, new Set());
      if (!near.has(b)) near.set(b, new Set());
      near.get(a)!.add(b);
      near.get(b)!.add(a);
    }
  }
  say(`corpus duplicates: ${dupes.length} pairs of originals within ${PDQ_MATCH_THRESHOLD} bits, treated as one photo like NEAR_PAIRS.tsv: ${dupes.join(', ') || 'none'}`);
  let distinctFalse = 0;
  let distinctMin = 256;
  let distinctMinPair = '';
  for (const q of usable) {
    q.dihedral.forEach((h, v) => hexToWords(h, qw, v * 8));
    const ex = excludedFor(q.photo);
    for (let p = 0; p < files.length; p++) {
      if (ex.has(p) || origQuality[p]! < PDQ_QUALITY_FLOOR) continue;
      let best = 256;
      for (let v = 0; v < 8; v++) best = Math.min(best, hamming(qw, v, origWords, p));
      if (best <= PDQ_MATCH_THRESHOLD) distinctFalse++;
      if (best < distinctMin) [distinctMin, distinctMinPair] = [best, `${q.label} ~ ${files[p]!.id}`];
    }
  }
  say(`distinct photos: ${usable.length} queries × other originals (8 orientations): ${distinctFalse} false matches at ≤ ${PDQ_MATCH_THRESHOLD}; closest pair ${distinctMin} bits (${distinctMinPair})`);

  // 2b. the bank, through the server's index
  const t1 = performance.now();
  const ids = new Uint32Array(bank.count);
  for (let i = 0; i < bank.count; i++) ids[i] = i;
  const index = MihIndex.build(ids, bank.words);
  const buildSeconds = (performance.now() - t1) / 1000;
  const tally = { plain: { false: 0, queries: 0, own: 0, near: 0 }, dihedral: { false: 0, queries: 0, own: 0, near: 0 } };
  const falseExamples: string[] = [];
  const falseByTransform = new Map<string, number>();
  const t2 = performance.now();
  for (const q of usable) {
    for (const mode of ['plain', 'dihedral'] as const) {
      const matches = mode === 'plain' ? index.search(q.pdq, PDQ_MATCH_THRESHOLD) : index.searchVariants(q.dihedral, PDQ_MATCH_THRESHOLD);
      let falseHere = 0;
      for (const m of matches) {
        if (fromPhotos(bank, m.id, new Set([q.photo]))) tally[mode].own++;
        else if (fromPhotos(bank, m.id, excludedFor(q.photo))) tally[mode].near++;
        else {
          falseHere++;
          if (falseExamples.length < 10) {
            const src = Array.from(bank.sources.subarray(m.id * SOURCES, m.id * SOURCES + SOURCES)).filter((s) => s !== 0xffff).map((s) => files[s]!.id);
            falseExamples.push(`${mode}: ${q.label} ~ distractor #${m.id} (${KINDS[bank.kinds[m.id]!]} of ${src.join('+')}, quality ${bank.quality[m.id]}) at ${m.distance}`);
          }
        }
      }
      tally[mode].false += falseHere;
      if (falseHere > 0) tally[mode].queries++;
      if (mode === 'dihedral' && falseHere > 0) falseByTransform.set(q.transform, (falseByTransform.get(q.transform) ?? 0) + falseHere);
    }
  }
  const searchSeconds = (performance.now() - t2) / 1000;
  const pairs = usable.length * bank.count;
  say(`bank search (MihIndex built in ${buildSeconds.toFixed(1)} s; ${usable.length} queries × 2 modes in ${searchSeconds.toFixed(1)} s), radius ${PDQ_MATCH_THRESHOLD}:`);
  for (const mode of ['plain', 'dihedral'] as const) {
    const t = tally[mode];
    const perQuery = t.false / usable.length;
    const upper = (t.false === 0 ? 3 : t.false + 2 * Math.sqrt(t.false) + 1) / usable.length; // ~95 % upper bound (rule of three / Poisson)
    say(`  ${mode === 'plain' ? 'pdq alone      ' : 'with 8 dihedral'}: ${t.false} false matches (${t.queries} queries with any) → ${sci(perQuery)} per query against these ${fmtInt(bank.count)} (95 % upper bound ${sci(upper)}); scaled linearly to 1M: ${sci((perQuery * 1e6) / bank.count)} (≤ ${sci((upper * 1e6) / bank.count)}), to 10M: ${sci((perQuery * 1e7) / bank.count)} (≤ ${sci((upper * 1e7) / bank.count)}); own-photo matches ${t.own}, near-pair-photo matches ${t.near}`);
  }
  if (falseByTransform.size) say(`  false matches (dihedral) by query transform: ${[...falseByTransform].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  for (const e of falseExamples) say(`    ${e}`);

  // 5. video frames, when asked (before the tail: it needs the index, which the tail does not)
  if (o.videos) await searchClipFrames({ dir: o.videos, bank, index, byId, excludedFor, say });

  // 3. the tail
  const rnd = prng(o.seed * 7919 + 17);
  const sample = usable.slice();
  for (let i = sample.length - 1; i > 0; i--) {
    const j = rnd() % (i + 1);
    [sample[i], sample[j]] = [sample[j]!, sample[i]!];
  }
  sample.length = Math.min(sample.length, o.tailQueries);
  const wordsShared = new SharedArrayBuffer(bank.count * 32);
  new Uint32Array(wordsShared).set(bank.words);
  const sourcesShared = new SharedArrayBuffer(bank.count * SOURCES * 2);
  new Uint16Array(sourcesShared).set(bank.sources);
  /** Each query's exact histograms against the whole bank (own and near-pair photos excluded), on the workers. */
  const histograms = async (list: readonly Query[]) => {
    const histMin = list.map(() => new Float64Array(257));
    const histPlain = list.map(() => new Float64Array(257));
    await Promise.all(
      Array.from({ length: o.workers }, (_, w) => {
        const mine = list.map((_, i) => i).filter((i) => i % o.workers === w);
        const qs = new Uint32Array(mine.length * 64);
        mine.forEach((s, i) => list[s]!.dihedral.forEach((h, v) => hexToWords(h, qs, (i * 8 + v) * 8)));
        return runWorker(
          { task: 'histogram', words: wordsShared, sources: sourcesShared, count: bank.count, queries: qs, excluded: mine.map((s) => [...excludedFor(list[s]!.photo)]) },
          (m) => mine.forEach((s, i) => {
            histMin[s]!.set(m.histMin.subarray(i * 257, i * 257 + 257));
            histPlain[s]!.set(m.histPlain.subarray(i * 257, i * 257 + 257));
          }),
        );
      }),
    );
    return { histMin, histPlain };
  };
  const t3 = performance.now();
  const { histMin, histPlain } = await histograms(sample);
  const tailSeconds = (performance.now() - t3) / 1000;
  const tailPairs = pooled(histMin).hist.reduce((s, x) => s + x, 0);
  say(`tail: exact distances of ${sample.length} random queries × ${fmtInt(bank.count)} distractors (own/near-pair photos excluded) = ${sci(tailPairs)} pairs, brute-force popcount in ${tailSeconds.toFixed(0)} s`);
  const summary: Record<string, unknown> = {};
  for (const [name, perQuery] of [['dihedral', histMin], ['plain', histPlain]] as const) {
    const { hist, lowest, atOrBelow: cdf } = pooled(perQuery);
    const fit = fitLeftTail(hist);
    const normal = normalTail(hist);
    const p31 = fit.probability(PDQ_MATCH_THRESHOLD);
    say(`  ${name === 'dihedral' ? 'min over 8 orientations' : 'pdq alone'}: mean ${normal.mean.toFixed(1)}, sd ${normal.sd.toFixed(1)}, lowest ${lowest}; pairs ≤ 31: ${cdf(31)}, ≤ 40: ${cdf(40)}, ≤ 50: ${cdf(50)}, ≤ 60: ${cdf(60)}`);
    say(`    pooled ${fit.method}: log10 F(d) = ${fit.a.toFixed(3)} + ${fit.b.toFixed(4)}·d → P(d ≤ 31) = ${sci(p31)}; expected false matches per query: 1M ${sci(p31 * 1e6)}, 10M ${sci(p31 * 1e7)}`);
    say(`    normal fit (mean, sd of all pairs): P(d ≤ 31) = ${sci(normal.probability(31))} → 1M ${sci(normal.probability(31) * 1e6)}, 10M ${sci(normal.probability(31) * 1e7)} per query`);
    const per = perQueryTail(perQuery, PDQ_MATCH_THRESHOLD, { groups: sample.map((q) => q.photo), checkAt: [40, 44, 48, 52, 56, 60, 64], seed: o.seed });
    for (const line of describePerQuery(per, (g) => files[g]!.id, (b) => `d ≤ ${b}`)) say(`    ${line}`);
    summary[name] = { p31LogLinear: p31, perQuery1M: p31 * 1e6, perQuery10M: p31 * 1e7, p31PerQuery: per.perPair, p31PerQueryUpper95: per.upper95, p31Normal: normal.probability(31), mean: normal.mean, sd: normal.sd, lowest, window: fit.window, slope: fit.b };
  }
  summary.underFloor = await underFloorQueries(queries, bank, index, histograms, (q) => excludedFor(q.photo), (g) => files[g]!.id, o.seed);
  const total = (performance.now() - started) / 1000;
  say(`total ${total.toFixed(0)} s`);
  const json = {
    bank: bank.count,
    generationSeconds,
    queries: usable.length,
    distinctFalse,
    distinctMin,
    falsePlain: tally.plain.false,
    falseDihedral: tally.dihedral.false,
    pairs,
    tailPairs,
    tail: summary,
    seconds: Math.round(total),
  };
  say(JSON.stringify(json));
  if (o.out) writeFileSync(o.out, lines.join('\n') + '\n');
}

/** The queries' histograms added up: the lowest distance and the pairs at or below a distance. */
function pooled(hists: readonly Float64Array[]): { hist: Float64Array; lowest: number; atOrBelow: (d: number) => number } {
  const hist = hists.reduce((sum, h) => (h.forEach((c, d) => (sum[d]! += c)), sum), new Float64Array(257));
  let lowest = 0;
  while (lowest < 256 && hist[lowest] === 0) lowest++;
  return { hist, lowest, atOrBelow: (d) => hist.slice(0, d + 1).reduce((sum, x) => sum + x, 0) };
}

/**
 * 4. Queries under PDQ's quality floor (a darkened, faded or blurred copy): /v1/match still
 * searches them within pdqSignal.underFloorQuery's radius among the stored PDQ and its mirror.
 * All of them, through the index at that radius (the mirror: the query's own flipped hash, the
 * same pair), then each one's exact histogram of its plain hash against the whole bank. The bank
 * is flipped half the time, so both searches meet the same distances: the estimate counts each
 * distractor once per stored signal searched.
 */
async function underFloorQueries(
  queries: readonly Query[],
  bank: Bank,
  index: MihIndex,
  histograms: (list: readonly Query[]) => Promise<{ histPlain: Float64Array[] }>,
  excluded: (q: Query) => ReadonlySet<number>,
  photoName: (photo: number) => string,
  seed: number,
): Promise<Record<string, unknown>> {
  const { minQuality, radius } = pdqSignal.underFloorQuery!;
  const searched = searchedUnderFloor(pdqSignal).length;
  const under = queries.filter((q) => q.quality < PDQ_QUALITY_FLOOR && q.quality >= minQuality && !/^(0{64}|f{64})$/.test(q.pdq));
  say(`queries under the quality floor (${minQuality} ≤ quality < ${PDQ_QUALITY_FLOOR}; ${queries.filter((q) => q.quality < minQuality).length} under ${minQuality} are never searched): ${under.length}, each searched at ≤ ${radius} among the bank's PDQ${searched > 1 ? ' and its mirror' : ''}`);
  if (under.length === 0) return { queries: 0 };
  let own = 0;
  let falseMatches = 0;
  const mirror = PDQ_DIHEDRAL_NAMES.indexOf('flipY');
  for (const q of under) {
    const hashes = searched > 1 ? [q.pdq, q.dihedral[mirror]!] : [q.pdq];
    for (const m of hashes.flatMap((h) => index.search(h, radius))) {
      if (fromPhotos(bank, m.id, excluded(q))) own++;
      else {
        falseMatches++;
        say(`    false: ${q.label} (quality ${q.quality}) ~ distractor #${m.id} at ${m.distance}`);
      }
    }
  }
  const { histPlain } = await histograms(under);
  const { lowest, atOrBelow: cdf } = pooled(histPlain);
  say(`  ${falseMatches} false matches at ≤ ${radius} (own and near-pair photos: ${own}) in ${sci(under.length * bank.count)} pairs; exact distances: lowest ${lowest}; pairs ≤ 40: ${cdf(40)}, ≤ 50: ${cdf(50)}, ≤ 60: ${cdf(60)}`);
  const per = perQueryTail(histPlain, radius, { groups: under.map((q) => q.photo), checkAt: [40, 44, 48, 52, 56, 60, 64], seed });
  for (const line of describePerQuery(per, photoName, (b) => `d ≤ ${b}`)) say(`    ${line}`);
  if (searched > 1) say(`    × ${searched} stored signals searched: ${sci(per.perPair * searched)} per pair, ${sci(per.perPair * searched * 1e7)} per query at 10M`);
  return { queries: under.length, radius, falseMatches, lowest, perPair: per.perPair * searched, upper95: per.upper95 * searched };
}

await main();
