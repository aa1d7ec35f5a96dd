/**
 * `pnpm eval:images` on a small subset (6 photos of ../shared/corpus/images and a picture of one
 * colour, every edit): the
 * harness's own code end to end — variants by ImageMagick and sharp, the CLI's hash pool, a real
 * server filled through POST /v1/cases and queried through POST /v1/match — and what a user reads
 * in its table.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithShared, sharedPath } from '../../hash-core/src/test-support/shared.js';
import { formatReport, TARGETS, type EvalReport } from './report.js';
import { runEval } from './run.js';
import { ALL_TRANSFORMS } from './variants.js';

// sharp is hash-core's dependency (as in variants.ts).
const sharp = createRequire(new URL('../../hash-core/package.json', import.meta.url))('sharp') as typeof import('sharp').default;

describeWithShared('eval:images on 6 photos', () => {
  let report: EvalReport;
  let table: string;
  let dir: string;

  beforeAll(async () => {
    // The corpus's first 6 photos, under names a user's folder may have: .jpeg, .JPG, a
    // sub-folder, and a file that is not an image (ignored).
    dir = mkdtempSync(join(tmpdir(), 'disrupt-eval-test-'));
    mkdirSync(join(dir, 'sub'));
    const pick = readdirSync(sharedPath('corpus/images')).filter((f) => f.endsWith('.jpg')).sort().slice(0, 6);
    const names = ['a.jpg', 'b.jpeg', 'c.JPG', 'sub/d.jpg', 'e__f.jpg', 'g.jpg'];
    pick.forEach((file, i) => symlinkSync(sharedPath('corpus/images', file), join(dir, names[i]!)));
    writeFileSync(join(dir, 'notes.txt'), 'not an image');
    // And a picture of one colour: nothing a perceptual hash can recognise.
    await sharp({ create: { width: 256, height: 256, channels: 3, background: { r: 120, g: 120, b: 120 } } }).jpeg().toFile(join(dir, 'h.jpg'));
    report = await runEval({ originalsDir: dir });
    table = formatReport(report);
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds every original and makes every variant', () => {
    expect(report.originals).toBe(7);
    expect(report.variants.map((v) => v.id).filter((id, i, all) => all.indexOf(id) === i).sort()).toEqual(['a', 'b', 'c', 'd', 'e_f', 'g', 'h']);
    expect(report.originalErrors).toEqual([]);
    expect(report.rows.map((r) => r.transform)).toEqual([...ALL_TRANSFORMS]);
    // The one-colour picture is named, and its variants left out of the rows.
    expect(report.nothingToRecognise).toEqual(['h']);
    expect(table).toContain('1 of them hold nothing a perceptual hash can recognise (one colour): only exact copies can be found; their variants are left out of the rows: h');
    for (const row of report.rows) {
      expect(row.n, row.transform).toBe(6);
      expect(row.errors, row.transform).toBe(0);
    }
  });

  it('recalls lossless and mild edits every time, with no false match', () => {
    const row = (t: string) => report.rows.find((r) => r.transform === t)!;
    for (const t of ['q50', 'png', 'gray']) expect(row(t).recall, t).toBe(100);
    expect(row('png').distance!.max).toBeLessThanOrEqual(2); // the same pixels, another format
    expect(report.totalFalseMatches).toBe(0);
    for (const r of report.rows) expect(r.falseMatches, r.transform).toBe(0);
    // Distinct photos are far apart: nothing near the match threshold.
    for (const d of [report.distinct.plain, report.distinct.dihedral]) {
      expect(d.pairs).toBe(21);
      expect(d.atOrBelow31).toBe(0);
      expect(d.distribution!.min).toBeGreaterThan(31);
    }
    expect(report.distinct.dihedral.distribution!.min).toBeLessThanOrEqual(report.distinct.plain.distribution!.min);
  });

  it('prints a row per transform with its target and verdict', () => {
    const lines = table.split('\n');
    for (const t of ALL_TRANSFORMS) {
      const line = lines.find((l) => l.startsWith(`${t} `));
      expect(line, t).toBeDefined();
      expect(line, t).toContain(`≥ ${TARGETS[t]} %`);
      expect(line, t).toMatch(/ (met|NOT met)$/);
    }
    expect(lines.find((l) => l.startsWith('q50 '))).toMatch(/100\.0 %.* met$/);
    expect(table).toMatch(/false matches: 0 \(target 0\): met/);
    expect(table).toMatch(/PDQ distance between distinct originals \(21 pairs\): min \d+, p0\.1 % \d+, p1 % \d+, median \d+/);
    expect(table).toMatch(/pairs ≤ 31: 0/);
  });
});
