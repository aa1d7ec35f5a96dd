/** The tail extrapolations behind `pnpm eval:distractors` and `pnpm eval:variant-tail`. */
import { describe, expect, it } from 'vitest';
import { describePerQuery, fitLeftTail, perQueryTail, queriesMeetingTarget } from './tail.js';

/** Pair counts of `pairs` draws from Binomial(n, 1/2), shifted down by `shift` bins (a query nearer the distractors). */
function binomialHistogram(pairs: number, n = 256, shift = 0): Float64Array {
  const hist = new Float64Array(257);
  let logC = 0;
  for (let k = 0; k <= n; k++) {
    if (k > 0) logC += Math.log(n - k + 1) - Math.log(k);
    const d = k - shift;
    if (d >= 0 && d <= 256) hist[d] = Math.round(pairs * Math.exp(logC - n * Math.LN2));
  }
  return hist;
}

/** P(X ≤ r) for X ~ Binomial(n, 1/2), exactly (in log space). */
function binomialCdf(r: number, n = 256): number {
  let logC = 0, sum = 0;
  for (let k = 0; k <= r; k++) {
    if (k > 0) logC += Math.log(n - k + 1) - Math.log(k);
    sum += Math.exp(logC - n * Math.LN2);
  }
  return sum;
}

describe('pooled log-linear fit', () => {
  it('returns a probability that decreases with the radius and stays above a known binomial tail', () => {
    const fit = fitLeftTail(binomialHistogram(1e9));
    let previous = Infinity;
    for (let r = 80; r >= 0; r--) {
      const p = fit.probability(r);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(previous);
      previous = p;
    }
    expect(fit.probability(31)).toBeGreaterThanOrEqual(binomialCdf(31));
    expect(fit.probability(31)).toBeLessThan(1e-12);
  });
});

describe('per-query tail', () => {
  it('errs high on a binomial tail, by orders of magnitude less than the pooled line', () => {
    const hists = Array.from({ length: 20 }, () => binomialHistogram(1e6));
    const per = perQueryTail(hists, 31, { groups: hists.map((_, i) => i), checkAt: [60] });
    const truth = binomialCdf(31);
    expect(per.perPair).toBeGreaterThanOrEqual(truth);
    expect(per.perPair).toBeLessThan(1e-25);
    // The pooled line on the same data claims far more.
    expect(fitLeftTail(hists.reduce((a, h) => a.map((x, d) => x + h[d]!), new Float64Array(257))).probability(31)).toBeGreaterThan(per.perPair * 1e6);
  });

  it('reads only occupied bins: PDQ distances are even, and empty odd bins change nothing', () => {
    const all = binomialHistogram(1e6);
    const even = all.map((c, d) => (d % 2 === 0 ? c + (d + 1 < 257 ? all[d + 1]! : 0) : 0));
    const a = perQueryTail([all], 31, { groups: [0], checkAt: [] }).perPair;
    const b = perQueryTail([even], 31, { groups: [0], checkAt: [] }).perPair;
    expect(Math.abs(Math.log10(b / a))).toBeLessThan(1.5);
  });

  it('is driven by the queries nearest the distractors, and says which photo they come from', () => {
    // 30 ordinary queries of 3 photos, and 2 queries of photo 7 whose distances sit 40 bits lower.
    const hists = [...Array.from({ length: 30 }, () => binomialHistogram(1e6)), binomialHistogram(1e6, 256, 40), binomialHistogram(1e6, 256, 40)];
    const groups = [...Array.from({ length: 30 }, (_, i) => i % 3), 7, 7];
    const per = perQueryTail(hists, 31, { groups, checkAt: [44, 52] });
    expect(per.byGroup[0]!.group).toBe(7);
    expect(per.byGroup[0]!.share).toBeGreaterThan(0.999);
    expect(per.perPair).toBeCloseTo((2 * per.queries[30]!.probability + 30 * per.queries[0]!.probability) / 32, 20);
    // Resampling photos: the bound covers the estimate, and photo 7 is left out of some resamples.
    expect(per.upper95).toBeGreaterThanOrEqual(per.perPair);
    // Held out: every query's window starts above 52; the near ones show 4 pairs each at or below
    // it, and their fits, drawn on bins above, predict about as many.
    const at52 = per.check.find((c) => c.at === 52)!;
    expect(at52.queries).toBe(32);
    expect(at52.observed).toBe(8);
    expect(at52.predicted).toBeGreaterThan(4);
    expect(at52.predicted).toBeLessThan(16);
  });

  it('counts the queries whose own tail meets the target, and names the photos of the others', () => {
    const hists = [...Array.from({ length: 30 }, () => binomialHistogram(1e6)), binomialHistogram(1e6, 256, 40), binomialHistogram(1e6, 256, 40)];
    const groups = [...Array.from({ length: 30 }, (_, i) => i % 3), 7, 7];
    const per = perQueryTail(hists, 31, { groups, checkAt: [] });
    // A fair-coin query is ~1e-40 per pair at 31 bits; one 40 bits nearer the distractors, far above 1e-14.
    expect(queriesMeetingTarget(per)).toEqual({ meeting: 30, missing: [{ group: 7, queries: 2 }] });
    expect(queriesMeetingTarget(per, 0)).toEqual({ meeting: 0, missing: [{ group: 0, queries: 10 }, { group: 1, queries: 10 }, { group: 2, queries: 10 }, { group: 7, queries: 2 }] });
    expect(describePerQuery(per, (g) => `photo${g}`, String).at(-1)).toContain('30 of 32 (93.8 %); the others are of 1 photo: photo7 (2)');
  });

  it('uses the observed fraction when the threshold lies inside the window', () => {
    const hist = binomialHistogram(1e6, 256, 80);
    const per = perQueryTail([hist], 60, { groups: [0], checkAt: [] });
    const observed = hist.slice(0, 61).reduce((s, x) => s + x, 0) / hist.reduce((s, x) => s + x, 0);
    expect(per.perPair).toBeCloseTo(observed, 12);
  });

  it('gives 0 to a query with nothing compared, and counts such pairs in the others\' totals', () => {
    const never = 257; // one bin past the distances: a pair with nothing to compare
    const nothing = new Float64Array(258);
    nothing[never] = 1e6;
    const binomial = binomialHistogram(1e6);
    const half = new Float64Array(258);
    half.set(binomial);
    half[never] = 1e6; // as many pairs again, none compared
    const per = perQueryTail([nothing, binomial, half], 31, { groups: [0, 1, 2], checkAt: [], never });
    expect(per.queries.map((q) => q.probability)).toEqual([0, expect.any(Number), expect.any(Number)]);
    expect(per.queries[2]!.probability / per.queries[1]!.probability).toBeCloseTo(0.5, 3);
  });
});
