/**
 * What the evaluation prints: per transform, recall (a variant is recalled when /v1/match returns
 * its own original's item), false matches (a variant that matched another original's item), the
 * PDQ distances to its original; then how far apart distinct originals are.
 */
import { hamming } from '@disrupt/hash-core';
import { SHARP_TRANSFORMS } from './variants.js';

/** Required recall (%) per transform, from the issue; transforms without one are reported only. */
export const TARGETS: Record<string, number> = {
  q30: 99.5, q50: 99.5, resize50: 99.5, resize25: 99.5, gray: 99.5, bright20: 99.5, contrast: 99.5, blur15: 99.5, watermark: 99.5, png: 99.5,
  dark30: 99.5, // a brightness edit, the other way
  crop05: 90, crop10: 80, cropright10: 80,
  letterbox: 95, padwhite10: 95,
  screenshot: 90,
  rot3: 80, rotm3: 80, rot3grown: 80, straighten3: 80,
  flip: 99, squash80: 99,
  darkflip30: 99, // a flip, of a copy darkened as dark30
  flipcrop05: 90, flipcrop10: 80, fliplbox: 95, // a crop or letterbox, of a flipped copy
};

/** make-variants.sh's or ours: which tool made the edit. */
const SHARP = new Set<string>(SHARP_TRANSFORMS);
/** Signals that are not variants: a match through any other is counted as found through a variant. */
const BASE_SIGNALS = new Set(['pdq', 'blockhash', 'md5', 'sha256']);

export interface VariantResult {
  id: string;
  transform: string;
  file: string;
  /** Why it could not be hashed (counted as not recalled). */
  error?: string;
  quality?: number;
  /** PDQ distance to its own original (the smallest over the hashes sent: 8 with dihedral). */
  pdqDistance?: number;
  /** The match on its own original's item, if any. */
  own?: { signal: string; distance: number; variant?: string; query?: string };
  /** Matches on other originals' items. */
  others: { id: string; signal: string; distance: number }[];
}

export interface Distribution {
  min: number;
  p0_1: number;
  p1: number;
  median: number;
  max: number;
}

export interface TransformRow {
  transform: string;
  tool: 'ImageMagick' | 'sharp' | 'given';
  n: number;
  /** Recall by pdq or blockhash: the meaningful one (exact digests only find the unmodified file). */
  recall: number;
  /** Recall by any signal, exact digests included. */
  recallAny: number;
  /** Share of the variants whose own match came from plain PDQ against plain PDQ (searched first). */
  recallPdq: number;
  /** Share found only through a variant (a stored crop, tilt or mirror, a trimmed or framed query, a side blockhash). */
  recallVariant: number;
  /** Variants that matched at least one other original. */
  falseMatches: number;
  errors: number;
  /** Variants below PDQ's quality floor (50): the server does not search their PDQ. */
  lowQuality: number;
  distance: { median: number; p90: number; max: number } | null;
  target: number | null;
  /** Recall at or above the target, and no false match. */
  met: boolean | null;
}

export interface EvalReport {
  originalsDir: string;
  originals: number;
  /** Originals that could not be hashed (left out). */
  originalErrors: { file: string; error: string }[];
  /** Originals below PDQ's quality floor (stored, but never matched by PDQ). */
  lowQualityOriginals: number;
  /**
   * Originals with nothing a perceptual hash can recognise (a picture of one colour: every
   * perceptual value is one the server never matches): only their exact copies can be found, so
   * their variants are left out of the rows, and named here.
   */
  nothingToRecognise: string[];
  dihedral: boolean;
  rows: TransformRow[];
  totalFalseMatches: number;
  /** PDQ distances between distinct originals: as stored, and with the 8 dihedral hashes of either. */
  distinct: { plain: PairStats; dihedral: PairStats };
  seconds: Record<string, number>;
  warnings: string[];
  variants: VariantResult[];
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Found by pdq or blockhash (what recall counts): exact digests only find the unmodified file. */
function foundPerceptually(v: VariantResult): boolean {
  return v.own !== undefined && v.own.signal !== 'md5' && v.own.signal !== 'sha256';
}

export function transformRows(variants: readonly VariantResult[], order: readonly string[], leftOut: ReadonlySet<string> = new Set()): TransformRow[] {
  const byTransform = new Map<string, VariantResult[]>();
  for (const t of order) byTransform.set(t, []);
  for (const v of variants) {
    if (leftOut.has(v.id)) continue;
    if (!byTransform.has(v.transform)) byTransform.set(v.transform, []);
    byTransform.get(v.transform)!.push(v);
  }
  const known = new Set(order);
  return [...byTransform].map(([transform, list]) => {
    const n = list.length;
    const pct = (k: number) => (n === 0 ? 0 : (100 * k) / n);
    const perceptual = list.filter(foundPerceptually).length;
    const distances = Float64Array.from(list.filter((v) => v.pdqDistance !== undefined).map((v) => v.pdqDistance!)).sort();
    const target = TARGETS[transform] ?? null;
    const falseMatches = list.filter((v) => v.others.length > 0).length;
    const recall = pct(perceptual);
    return {
      transform,
      tool: !known.has(transform) ? 'given' : SHARP.has(transform) ? 'sharp' : 'ImageMagick',
      n,
      recall,
      recallAny: pct(list.filter((v) => v.own).length),
      recallPdq: pct(list.filter((v) => v.own?.signal === 'pdq' && !v.own.query).length),
      recallVariant: pct(list.filter((v) => v.own && (v.own.query !== undefined || !BASE_SIGNALS.has(v.own.signal))).length),
      falseMatches,
      errors: list.filter((v) => v.error).length,
      lowQuality: list.filter((v) => v.quality !== undefined && v.quality < 50).length,
      distance: distances.length === 0 ? null : { median: percentile(distances, 50), p90: percentile(distances, 90), max: distances[distances.length - 1]! },
      target,
      met: target === null || n === 0 ? null : recall >= target && falseMatches === 0,
    } satisfies TransformRow;
  });
}

export interface PairStats {
  pairs: number;
  atOrBelow31: number;
  distribution: Distribution | null;
  closest: { a: string; b: string; distance: number }[];
}

const popcount = (x: number) => {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
};
const words = (hex: string) => Uint32Array.from({ length: 8 }, (_, i) => parseInt(hex.slice(i * 8, i * 8 + 8), 16));
function distance(a: Uint32Array, b: Uint32Array): number {
  let d = 0;
  for (let k = 0; k < 8; k++) d += popcount(a[k]! ^ b[k]!);
  return d;
}

/**
 * PDQ distances between every pair of distinct originals (different SHA-256): as stored, and as a
 * dihedral query sees them — the smallest distance between any rotation or flip of one and the
 * other's stored hash, either way round.
 */
export function distinctDistances(originals: readonly { id: string; pdq: string; dihedral: readonly string[]; sha256: string }[]): { plain: PairStats; dihedral: PairStats } {
  const plainWords = originals.map((o) => words(o.pdq));
  const eightWords = originals.map((o) => o.dihedral.map(words));
  const plain = new Float64Array(257);
  const dihedral = new Float64Array(257);
  const close = { plain: [] as PairStats['closest'], dihedral: [] as PairStats['closest'] };
  const remember = (list: PairStats['closest'], a: string, b: string, d: number) => {
    if (d > 31 && list.length >= 5 && d >= list[list.length - 1]!.distance) return;
    list.push({ a, b, distance: d });
    list.sort((x, y) => x.distance - y.distance);
    const keep = Math.max(5, list.filter((c) => c.distance <= 31).length);
    if (list.length > keep) list.length = keep;
  };
  let pairs = 0;
  for (let i = 0; i < originals.length; i++) {
    for (let j = i + 1; j < originals.length; j++) {
      if (originals[i]!.sha256 === originals[j]!.sha256) continue;
      pairs++;
      const d = distance(plainWords[i]!, plainWords[j]!);
      let m = d;
      for (const w of eightWords[i]!) m = Math.min(m, distance(w, plainWords[j]!));
      for (const w of eightWords[j]!) m = Math.min(m, distance(w, plainWords[i]!));
      plain[d]!++;
      dihedral[m]!++;
      remember(close.plain, originals[i]!.id, originals[j]!.id, d);
      remember(close.dihedral, originals[i]!.id, originals[j]!.id, m);
    }
  }
  const stats = (histogram: Float64Array, closest: PairStats['closest']): PairStats => {
    const rank = (p: number) => {
      const want = Math.max(1, Math.ceil((p / 100) * pairs));
      let seen = 0;
      for (let d = 0; d <= 256; d++) if ((seen += histogram[d]!) >= want) return d;
      return 256;
    };
    let atOrBelow31 = 0;
    for (let d = 0; d <= 31; d++) atOrBelow31 += histogram[d]!;
    let max = 0;
    for (let d = 0; d <= 256; d++) if (histogram[d]! > 0) max = d;
    return { pairs, atOrBelow31, distribution: pairs === 0 ? null : { min: rank(0), p0_1: rank(0.1), p1: rank(1), median: rank(50), max }, closest };
  };
  return { plain: stats(plain, close.plain), dihedral: stats(dihedral, close.dihedral) };
}

/** The smallest PDQ distance between the hashes a query sends and the original's PDQ. */
export function pdqDistance(query: { pdq?: string; dihedral?: readonly string[] }, original: string): number | undefined {
  const hashes = query.dihedral ?? (query.pdq ? [query.pdq] : []);
  if (hashes.length === 0) return undefined;
  return Math.min(...hashes.map((h) => hamming(h, original)));
}

const pad = (s: string | number, w: number) => String(s).padStart(w);
const padEnd = (s: string | number, w: number) => String(s).padEnd(w);
const pctText = (x: number) => `${x.toFixed(1)} %`;

/** At most this many copies named per row: a folder of flat pictures could miss hundreds. */
const NAMED_PER_ROW = 12;

/** One copy as a reader looks it up: its original's id, what PDQ made of it. */
function describeCopy(v: VariantResult): string {
  if (v.error) return `${v.id} (could not be hashed: ${v.error})`;
  const quality = v.quality === undefined ? '' : `quality ${v.quality}, `;
  return `${v.id} (${quality}PDQ ${v.pdqDistance ?? '—'} bits)`;
}

/**
 * The copies behind each row under its target, and every false match: which pictures to look at
 * when the harness runs on photos it has never seen.
 */
function missedAndFalse(report: EvalReport): string[] {
  const lines: string[] = [];
  const leftOut = new Set(report.nothingToRecognise);
  const named = (list: string[]) => list.slice(0, NAMED_PER_ROW).join(', ') + (list.length > NAMED_PER_ROW ? `, and ${list.length - NAMED_PER_ROW} more` : '');
  for (const row of report.rows.filter((r) => r.met === false)) {
    const missed = report.variants.filter((v) => v.transform === row.transform && !leftOut.has(v.id) && !foundPerceptually(v));
    if (missed.length > 0) lines.push(`  ${row.transform}, not found (${missed.length}): ${named(missed.map(describeCopy))}`);
  }
  const falseMatches = report.variants.filter((v) => v.others.length > 0);
  if (falseMatches.length > 0) {
    const each = falseMatches.map((v) => `${v.id}__${v.transform} → ${v.others.map((o) => `${o.id} by ${o.signal} at ${o.distance}`).join(' and ')}`);
    lines.push(`  false matches (${falseMatches.length}): ${named(each)}`);
  }
  return lines;
}

export function formatReport(report: EvalReport): string {
  const lines: string[] = [];
  lines.push(
    `eval:images — ${report.originalsDir}: ${report.originals} originals` +
      (report.originalErrors.length > 0 ? ` (${report.originalErrors.length} could not be hashed, left out)` : '') +
      `, ${report.lowQualityOriginals} below PDQ quality 50; queries ${report.dihedral ? 'with' : 'without'} the 8 dihedral PDQ hashes`,
  );
  if (report.nothingToRecognise.length > 0) {
    lines.push(
      `${report.nothingToRecognise.length} of them hold nothing a perceptual hash can recognise (one colour): only exact copies can be found; their variants are left out of the rows: ${report.nothingToRecognise.join(', ')}`,
    );
  }
  lines.push('recall = /v1/match returns the variant\'s own original by pdq or blockhash (the main figure); "any" also counts md5/sha256;');
  lines.push('"by pdq" = own match found by plain PDQ; "variant" = found through a variant (PDQ of a crop, tilt, mirror, trimmed borders, a tilted picture turned back; blockhash of a side or of the picture inside its bars); false = variants that matched another original; PDQ distance to the own original (all variants);');
  lines.push('met = recall ≥ target and no false match');
  lines.push('');
  lines.push(
    `${padEnd('transform', 12)} ${padEnd('tool', 11)} ${pad('n', 5)} ${pad('recall', 8)} ${pad('any', 8)} ${pad('by pdq', 8)} ${pad('variant', 8)} ${pad('false', 5)} ${pad('q<50', 4)} ${pad('err', 3)}  ${padEnd('PDQ med/p90/max', 15)} ${pad('target', 8)}  met`,
  );
  for (const r of report.rows) {
    const dist = r.distance ? `${r.distance.median}/${r.distance.p90}/${r.distance.max}` : '—';
    const target = r.target === null ? '—' : `≥ ${r.target} %`;
    const met = r.met === null ? '—' : r.met ? 'met' : 'NOT met';
    lines.push(
      `${padEnd(r.transform, 12)} ${padEnd(r.tool, 11)} ${pad(r.n, 5)} ${pad(pctText(r.recall), 8)} ${pad(pctText(r.recallAny), 8)} ${pad(pctText(r.recallPdq), 8)} ${pad(pctText(r.recallVariant), 8)} ${pad(r.falseMatches, 5)} ${pad(r.lowQuality, 4)} ${pad(r.errors, 3)}  ${padEnd(dist, 15)} ${pad(target, 8)}  ${met}`,
    );
  }
  const rowsWithTarget = report.rows.filter((r) => r.met !== null);
  lines.push('');
  lines.push(`targets met: ${rowsWithTarget.filter((r) => r.met).length}/${rowsWithTarget.length}; false matches: ${report.totalFalseMatches} (target 0): ${report.totalFalseMatches === 0 ? 'met' : 'NOT met'}`);
  lines.push(...missedAndFalse(report));
  lines.push('');
  const pairsLine = (label: string, d: PairStats) => {
    if (!d.distribution) return [`${label}: fewer than 2 originals`];
    const s = d.distribution;
    return [
      `${label} (${d.pairs} pairs): min ${s.min}, p0.1 % ${s.p0_1}, p1 % ${s.p1}, median ${s.median}, max ${s.max}; pairs ≤ 31: ${d.atOrBelow31}`,
      `  closest: ${d.closest.map((c) => `${c.a}–${c.b} ${c.distance}`).join(', ')}`,
    ];
  };
  lines.push(...pairsLine('PDQ distance between distinct originals', report.distinct.plain));
  lines.push(...pairsLine('  the same, min over the 8 rotations/flips of either (what a dihedral query meets)', report.distinct.dihedral));
  lines.push('');
  lines.push(`time: ${Object.entries(report.seconds).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ')}`);
  for (const w of report.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}
