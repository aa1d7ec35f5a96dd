/**
 * The left tail of a distance (or score) distribution between queries and unrelated content, and
 * two ways to extrapolate it to the match threshold, far below anything a corpus-sized run observes:
 *
 * - `fitLeftTail`: one straight line through log F(d) of all pairs pooled. Upper-side for one
 *   log-concave distribution, but a pooled histogram is a mixture of queries, and its tail is the
 *   tail of the few queries that look most like the distractors;
 * - `perQueryTail`: each query's own tail, a straight line on the normal-probability scale
 *   (probit), extrapolated and averaged over the queries; checked against the pairs each query
 *   shows below its own window, and bounded by resampling the photos the queries come from.
 */
import { prng } from '../lib/prng.js';

export interface TailFit {
  method: string;
  /** P(distance ≤ r) for a random (query, distractor) pair. */
  probability(r: number): number;
  /** The fitted window [from, to] and the line log10 F(d) = a + b·d. */
  window: [number, number];
  a: number;
  b: number;
  pairs: number;
}

/** Cumulative counts: cdf[d] = pairs at distance ≤ d. */
export function cumulative(histogram: ArrayLike<number>): Float64Array {
  const out = new Float64Array(histogram.length);
  let s = 0;
  for (let d = 0; d < histogram.length; d++) out[d] = s += histogram[d]!;
  return out;
}

/**
 * Log-linear extrapolation of the empirical CDF's left tail: least squares of log10 F(d) on the
 * `width` distances starting at the first where at least `minCount` pairs lie at or below, then
 * F(r) = 10^(a + b·r) below that window (the empirical CDF at and above it). For a log-concave
 * distribution (binomial, normal) log F is concave, so the straight line lies above the true tail
 * below the window: the estimate errs on the high side.
 */
export function fitLeftTail(histogram: ArrayLike<number>, minCount = 30, width = 12): TailFit {
  const cdf = cumulative(histogram);
  const pairs = cdf[cdf.length - 1]!;
  let from = 0;
  while (from < cdf.length && cdf[from]! < minCount) from++;
  const to = Math.min(cdf.length - 1, from + width - 1);
  let sx = 0, sy = 0, sxx = 0, sxy = 0, k = 0;
  for (let d = from; d <= to; d++) {
    const y = Math.log10(cdf[d]! / pairs);
    sx += d; sy += y; sxx += d * d; sxy += d * y; k++;
  }
  const b = k > 1 ? (k * sxy - sx * sy) / (k * sxx - sx * sx) : 0;
  const a = (sy - b * sx) / k;
  return {
    method: `log-linear least squares of log10 F(d) over d = ${from}..${to} (first distance with ≥ ${minCount} pairs at or below, ${width} points), extrapolated below`,
    probability: (r: number) => (r >= from ? cdf[Math.min(r, cdf.length - 1)]! / pairs : Math.min(cdf[from]! / pairs, 10 ** (a + b * r))),
    window: [from, to],
    a,
    b,
    pairs,
  };
}

/** Normal approximation with the histogram's mean and standard deviation (continuity-corrected). */
export function normalTail(histogram: ArrayLike<number>): { mean: number; sd: number; probability(r: number): number } {
  let n = 0, s = 0, ss = 0;
  for (let d = 0; d < histogram.length; d++) {
    const c = histogram[d]!;
    n += c; s += c * d; ss += c * d * d;
  }
  const mean = s / n;
  const sd = Math.sqrt(ss / n - mean * mean);
  return { mean, sd, probability: (r: number) => normalCdf((r + 0.5 - mean) / sd) };
}

/** Φ(z), accurate in the far tail (erfc by continued fraction / series). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  if (x < 3) {
    // erf series
    let term = x, sum = x;
    for (let n = 1; n < 200; n++) {
      term *= (-x * x) / n;
      sum += term / (2 * n + 1);
      if (Math.abs(term) < 1e-17) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  // Lentz continued fraction for large x
  let f = 0;
  for (let n = 60; n >= 1; n--) f = (n / 2) / (x + f);
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / (x + f);
}

/** Φ⁻¹(p) by bisection: only used on the fitted windows (p ≥ 10⁻¹²). */
export function probit(p: number): number {
  let lo = -40, hi = 40;
  for (let k = 0; k < 100; k++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface QueryTail {
  /** P(bin ≤ threshold) for a pair of this query and a random distractor. */
  probability: number;
  /** First bin of the fitted window; below it the estimate is extrapolated. */
  from: number;
  pairs: number;
}

export interface PerQueryTail {
  method: string;
  /** Mean of the queries' P(bin ≤ threshold): expected false matches per query per stored item. */
  perPair: number;
  queries: QueryTail[];
  /** 95th percentile of `perPair` over resamplings of the photos (with replacement). */
  upper95: number;
  /** Sum of the queries' probabilities per group (photo), largest first. */
  byGroup: { group: number; share: number; probability: number }[];
  /** The group (photo) of each query, as given. */
  groups: readonly number[];
  /** Held-out check: at each bin, pairs observed at or below it and the fits' prediction, over the queries whose window starts above it. */
  check: { at: number; observed: number; predicted: number; queries: number }[];
}

/**
 * Each query's histogram (bins: distance, or score + offset) gets its own tail: least squares of
 * Φ⁻¹(F(b)) on the first `points` occupied bins from the first with ≥ `minCount` pairs at or below
 * (Hamming distances between PDQ hashes are even: empty bins are skipped), extended below as a
 * normal tail. A sum of many weakly dependent bit disagreements is close to normal for one query;
 * what makes the pooled tail heavy is that some queries sit nearer the distractors than others,
 * which this keeps apart instead of drawing one line through all of them.
 */
export function perQueryTail(
  histograms: readonly ArrayLike<number>[],
  threshold: number,
  options: { groups: readonly number[]; checkAt: readonly number[]; minCount?: number; points?: number; seed?: number; resamples?: number; never?: number },
): PerQueryTail {
  const minCount = options.minCount ?? 30;
  const points = options.points ?? 8;
  const check = options.checkAt.map((at) => ({ at, observed: 0, predicted: 0, queries: 0 }));
  const queries = histograms.map((hist): QueryTail => {
    const cdf = cumulative(hist);
    const pairs = cdf[cdf.length - 1]!;
    // Bins from `never` on hold pairs with nothing to compare: they count in the query's pairs but
    // can never match, so the tail is fitted among the compared pairs and scaled by their share.
    const last = Math.min(options.never ?? cdf.length, cdf.length) - 1;
    const compared = cdf[last]!;
    if (compared === 0) return { probability: 0, from: last, pairs };
    const share = compared / pairs;
    let from = 0;
    while (from < last && cdf[from]! < minCount) from++;
    if (threshold >= from) return { probability: cdf[Math.min(threshold, last)]! / pairs, from, pairs };
    const xs: number[] = [];
    const zs: number[] = [];
    for (let b = from; b <= last && xs.length < points; b++) {
      if (b > from && hist[b] === 0) continue;
      if (cdf[b]! >= compared) break;
      xs.push(b);
      zs.push(probit(cdf[b]! / compared));
    }
    const cap = cdf[from]! / compared;
    const line = leastSquares(xs, zs);
    // No usable slope (too few occupied bins): the observed fraction at the window is the estimate.
    const at = (b: number) => (line && line.b > 0 ? Math.min(cap, normalCdf(line.a + line.b * b)) : cap);
    for (const c of check) if (c.at < from) {
      c.observed += cdf[c.at]!;
      c.predicted += compared * at(c.at);
      c.queries++;
    }
    return { probability: share * at(threshold), from, pairs };
  });
  const groups = options.groups;
  const sums = new Map<number, { sum: number; n: number }>();
  queries.forEach((q, i) => {
    const g = sums.get(groups[i]!) ?? sums.set(groups[i]!, { sum: 0, n: 0 }).get(groups[i]!)!;
    g.sum += q.probability;
    g.n++;
  });
  const total = queries.reduce((s, q) => s + q.probability, 0);
  const perPair = total / queries.length;
  // Queries of one photo are not independent draws: resample whole photos.
  const list = [...sums.values()];
  const rnd = prng(options.seed ?? 1);
  const means: number[] = [];
  for (let r = 0; r < (options.resamples ?? 1000); r++) {
    let sum = 0, n = 0;
    for (let k = 0; k < list.length; k++) {
      const g = list[rnd() % list.length]!;
      sum += g.sum;
      n += g.n;
    }
    means.push(sum / n);
  }
  means.sort((a, b) => a - b);
  return {
    method: `per query: least squares of probit F(b) on its first ${points} occupied bins from the first with ≥ ${minCount} pairs at or below, extended as a normal tail; the mean over queries`,
    perPair,
    queries,
    upper95: means[Math.floor(0.95 * (means.length - 1))]!,
    groups,
    byGroup: [...sums].map(([group, g]) => ({ group, share: total ? g.sum / total : 0, probability: g.sum / g.n })).sort((a, b) => b.share - a.share),
    check,
  };
}

function leastSquares(xs: readonly number[], ys: readonly number[]): { a: number; b: number } | null {
  const k = xs.length;
  if (k < 3) return null;
  let sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (let i = 0; i < k; i++) {
    sx += xs[i]!; sy += ys[i]!; sxx += xs[i]! * xs[i]!; sxy += xs[i]! * ys[i]!;
  }
  const den = k * sxx - sx * sx;
  if (den === 0) return null;
  const b = (k * sxy - sx * sy) / den;
  return { a: (sy - b * sx) / k, b };
}

/** Issue 7's target: fewer than 1 false match per 10M queries against a 10M bank, so per pair: */
export const TARGET_PER_PAIR = 1e-7 / 1e7;

/** The queries whose own estimate meets the target, and the photos of those that do not (most queries first). */
export function queriesMeetingTarget(per: PerQueryTail, perPair = TARGET_PER_PAIR): { meeting: number; missing: { group: number; queries: number }[] } {
  const missing = new Map<number, number>();
  let meeting = 0;
  per.queries.forEach((q, i) => {
    if (q.probability < perPair) meeting++;
    else missing.set(per.groups[i]!, (missing.get(per.groups[i]!) ?? 0) + 1);
  });
  return { meeting, missing: [...missing].map(([group, queries]) => ({ group, queries })).sort((a, b) => b.queries - a.queries) };
}

/** The report lines for a `perQueryTail` result: the estimate, its check, and where it comes from. */
export function describePerQuery(per: PerQueryTail, groupName: (group: number) => string, bin: (b: number) => string): string[] {
  const sci = (x: number) => (x === 0 ? '0' : x.toExponential(1));
  const sorted = per.queries.map((q) => q.probability).sort((a, b) => a - b);
  const quantile = (f: number) => sci(sorted[Math.floor(f * (sorted.length - 1))]!);
  const top = per.byGroup.slice(0, 6);
  // The fewest photos that make 99 % of the estimate, and what the queries of all the others add up to.
  let covered = 0, k = 0;
  while (k < per.byGroup.length && covered < 0.99) covered += per.byGroup[k++]!.share;
  const few = new Set(per.byGroup.slice(0, k).map((g) => g.group));
  const rest = per.queries.filter((_, i) => !few.has(per.groups[i]!));
  const restPerPair = rest.reduce((s, q) => s + q.probability, 0) / Math.max(1, rest.length);
  const target = queriesMeetingTarget(per);
  return [
    `per query (${per.queries.length} queries, each its own tail): ${sci(per.perPair)} per pair (95 % upper, photos resampled: ${sci(per.upper95)}) → per query 1M ${sci(per.perPair * 1e6)} (≤ ${sci(per.upper95 * 1e6)}), 10M ${sci(per.perPair * 1e7)} (≤ ${sci(per.upper95 * 1e7)})`,
    `  held out (pairs below each query's own window): ${per.check.filter((c) => c.queries).map((c) => `${bin(c.at)} observed ${Math.round(c.observed)}, predicted ${c.predicted.toFixed(1)}`).join('; ')}`,
    `  queries' own P per pair: median ${quantile(0.5)}, 90 % ${quantile(0.9)}, 99 % ${quantile(0.99)}, max ${quantile(1)}`,
    `  share of the estimate: ${top.map((g) => `${groupName(g.group)} ${(100 * g.share).toFixed(1)} %`).join(', ')} (${per.byGroup.length} photos)`,
    `  the queries of the other ${per.byGroup.length - k} photos (all but the ${k} that make 99 % of it): ${sci(restPerPair)} per pair → per query 10M ${sci(restPerPair * 1e7)}`,
    `  queries whose own tail meets the target (< 1 per 10M queries at 10M, < ${sci(TARGET_PER_PAIR)} per pair): ${target.meeting} of ${per.queries.length} (${((100 * target.meeting) / Math.max(1, per.queries.length)).toFixed(1)} %)${target.missing.length === 0 ? '' : `; the others are of ${target.missing.length} photo${target.missing.length === 1 ? '' : 's'}: ${target.missing.slice(0, 12).map((m) => `${groupName(m.group)} (${m.queries})`).join(', ')}${target.missing.length > 12 ? ', …' : ''}`}`,
  ];
}
