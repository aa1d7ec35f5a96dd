/**
 * The evaluation end to end, shared by `pnpm eval:images` and its test: variants (made or given),
 * hashing with the CLI's pool, a fresh bank filled through POST /v1/cases, queries through
 * POST /v1/match, and the report.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IMAGE_SIGNALS, mayMatch, type ImageItem } from '@disrupt/hash-core';
import { startBank } from './bank.js';
import { hashFiles } from './hashing.js';
import { distinctDistances, pdqDistance, transformRows, type EvalReport, type VariantResult } from './report.js';
import { ALL_TRANSFORMS, collectOriginals, listVariants, makeVariants } from './variants.js';

export interface EvalOptions {
  originalsDir: string;
  /** Existing variants (`<id>__<transform>.<ext>`); made in a temporary folder otherwise. */
  variantsDir?: string;
  limit?: number;
  /** Query with the 8 dihedral PDQ hashes, as `disrupt hash --dihedral` (default true). */
  dihedral?: boolean;
  /** Keep the made variants in this folder instead of a temporary one. */
  keepVariants?: string;
  log?: (line: string) => void;
}

export async function runEval(options: EvalOptions): Promise<EvalReport> {
  const log = options.log ?? (() => {});
  const dihedral = options.dihedral ?? true;
  const seconds: Record<string, number> = {};
  const warnings: string[] = [];
  const started = performance.now();
  let phase = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    seconds[name] = (now - phase) / 1000;
    phase = now;
  };

  const originals = await collectOriginals(options.originalsDir, options.limit ?? Infinity);
  if (originals.length === 0) throw new Error(`no images in ${options.originalsDir}`);
  log(`${originals.length} originals in ${options.originalsDir}`);

  let variantsDir = options.variantsDir;
  let temporary: string | undefined;
  if (!variantsDir) {
    variantsDir = options.keepVariants ?? (temporary = mkdtempSync(join(tmpdir(), 'disrupt-eval-variants-')));
    log(`making variants in ${variantsDir}`);
    warnings.push(...(await makeVariants(originals, variantsDir, log)));
    lap('variants');
  }
  try {
    const variants = listVariants(variantsDir, originals);
    log(`${variants.length} variants; hashing…`);

    // With their dihedral hashes, for the distances between originals only: the page sends none.
    const originalOutcomes = await hashFiles(originals.map((o) => o.file), { dihedral: true });
    const variantOutcomes = await hashFiles(variants.map((v) => v.file), { dihedral });
    lap('hashing');

    const stored: { id: string; item: ImageItem; dihedral: readonly string[] }[] = [];
    const originalErrors: EvalReport['originalErrors'] = [];
    originalOutcomes.forEach((outcome, i) => {
      if (!outcome.ok) return void originalErrors.push({ file: originals[i]!.file, error: outcome.error });
      const { dihedral: eight, mirrored: _mirrored, ...item } = outcome.value.item;
      stored.push({ id: originals[i]!.id, item, dihedral: eight ?? [item.pdq] });
    });
    const storedIds = new Set(stored.map((s) => s.id));
    const pdqOf = new Map(stored.map((s) => [s.id, s.item.pdq]));

    log(`bank: ${stored.length} originals through POST /v1/cases, ${variants.length} queries through POST /v1/match…`);
    const bank = await startBank();
    const results: VariantResult[] = [];
    try {
      const itemIds = await bank.submit(stored.map((s) => s.item));
      // Duplicate files in one case share an item: an id can stand for several originals.
      const originalsOfItem = new Map<number, Set<string>>();
      itemIds.forEach((itemId, i) => {
        if (!originalsOfItem.has(itemId)) originalsOfItem.set(itemId, new Set());
        originalsOfItem.get(itemId)!.add(stored[i]!.id);
      });
      const queried = variants.map((v, i) => ({ v, outcome: variantOutcomes[i]! })).filter(({ v }) => storedIds.has(v.id));
      const queries = queried.filter(({ outcome }) => outcome.ok).map(({ outcome }) => (outcome as { ok: true; value: { item: ImageItem } }).value.item);
      const answers = await bank.match(queries);
      let next = 0;
      for (const { v, outcome } of queried) {
        const result: VariantResult = { id: v.id, transform: v.transform, file: v.file, others: [] };
        if (!outcome.ok) {
          result.error = outcome.error;
        } else {
          const item = outcome.value.item;
          result.quality = item.quality;
          const own = pdqOf.get(v.id);
          if (own && item.pdq) result.pdqDistance = pdqDistance(item, own);
          for (const m of answers[next++]!) {
            const owners = originalsOfItem.get(m.itemId) ?? new Set<string>();
            if (owners.has(v.id)) result.own = { signal: m.signal, distance: m.distance, ...(m.variant ? { variant: m.variant } : {}), ...(m.query ? { query: m.query } : {}) };
            else result.others.push({ id: [...owners].join('+') || `item ${m.itemId}`, signal: m.signal, distance: m.distance });
          }
        }
        results.push(result);
      }
    } finally {
      await bank.close();
    }
    lap('bank');

    const nothingToRecognise = stored.filter((s) => !recognisable(s.item)).map((s) => s.id);
    const rows = transformRows(results, ALL_TRANSFORMS, new Set(nothingToRecognise));
    const distinct = distinctDistances(stored.map((s) => ({ id: s.id, pdq: s.item.pdq, dihedral: s.dihedral, sha256: s.item.sha256 })));
    seconds.total = (performance.now() - started) / 1000;
    return {
      originalsDir: options.originalsDir,
      originals: stored.length,
      originalErrors,
      lowQualityOriginals: stored.filter((s) => s.item.quality !== undefined && s.item.quality < 50).length,
      nothingToRecognise,
      dihedral,
      rows,
      totalFalseMatches: rows.reduce((sum, r) => sum + r.falseMatches, 0),
      distinct,
      seconds,
      warnings,
      variants: results,
    };
  } finally {
    if (temporary) rmSync(temporary, { recursive: true, force: true });
  }
}

/** Whether the server would match any perceptual value of a stored item (its quality floors, uniform values). */
function recognisable(item: ImageItem): boolean {
  const record = item as unknown as Record<string, unknown>;
  return IMAGE_SIGNALS.some((signal) => {
    const value = record[signal.name];
    return signal.kind === 'perceptual' && typeof value === 'string' && mayMatch(signal, value, item.quality);
  });
}
