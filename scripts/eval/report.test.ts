/**
 * eval:images' printed report names the copies behind a row under its target, and every false
 * match: on photos it has never seen, the reader needs to know which pictures to look at.
 */
import { describe, expect, it } from 'vitest';
import { formatReport, transformRows, type EvalReport, type VariantResult } from './report.js';

const noPairs = { pairs: 0, atOrBelow31: 0, distribution: null, closest: [] };

function reportOf(variants: VariantResult[], nothingToRecognise: string[] = []): EvalReport {
  return {
    originalsDir: '/photos',
    originals: 20,
    originalErrors: [],
    lowQualityOriginals: 0,
    nothingToRecognise,
    dihedral: true,
    rows: transformRows(variants, ['q50', 'gray'], new Set(nothingToRecognise)),
    totalFalseMatches: variants.filter((v) => v.others.length > 0).length,
    distinct: { plain: noPairs, dihedral: noPairs },
    seconds: {},
    warnings: [],
    variants,
  };
}

const found = (id: string, transform: string): VariantResult => ({ id, transform, file: `${id}__${transform}.jpg`, quality: 100, pdqDistance: 4, own: { signal: 'pdq', distance: 4 }, others: [] });

describe('formatReport', () => {
  it('names the copies missed in a row under its target, with their quality and PDQ distance, and no others', () => {
    const variants = Array.from({ length: 20 }, (_, k) => found(`p${k}`, 'q50'));
    variants.push(...Array.from({ length: 18 }, (_, k) => found(`p${k}`, 'gray')));
    variants.push({ id: 'p18', transform: 'gray', file: 'p18__gray.jpg', quality: 95, pdqDistance: 60, others: [] });
    variants.push({ id: 'p19', transform: 'gray', file: 'p19__gray.jpg', quality: 40, pdqDistance: 20, own: { signal: 'md5', distance: 0 }, others: [] });
    const lines = formatReport(reportOf(variants)).split('\n');
    expect(lines.find((l) => l.startsWith('gray '))).toMatch(/NOT met$/);
    expect(lines).toContain('  gray, not found (2): p18 (quality 95, PDQ 60 bits), p19 (quality 40, PDQ 20 bits)');
    expect(lines.some((l) => l.startsWith('  q50'))).toBe(false); // met: nothing to name
    expect(lines.some((l) => l.includes('false matches ('))).toBe(false);
  });

  it('names every false match with the other original, the signal and the distance, and at most 12 copies a line', () => {
    const variants = Array.from({ length: 20 }, (_, k) => found(`p${k}`, 'q50'));
    variants[3] = { ...variants[3]!, others: [{ id: 'p7', signal: 'pdqCenter80', distance: 27 }] };
    variants.push(...Array.from({ length: 20 }, (_, k): VariantResult => ({ id: `p${k}`, transform: 'gray', file: 'x', error: 'unreadable', others: [] })));
    const lines = formatReport(reportOf(variants)).split('\n');
    expect(lines).toContain('  false matches (1): p3__q50 → p7 by pdqCenter80 at 27');
    const gray = lines.find((l) => l.startsWith('  gray, not found (20): '))!;
    expect(gray).toMatch(/^ {2}gray, not found \(20\): p0 \(could not be hashed: unreadable\), .*p11 \(could not be hashed: unreadable\), and 8 more$/);
  });

  it('leaves out the pictures of one colour, as the rows do', () => {
    const variants = [...Array.from({ length: 19 }, (_, k) => found(`p${k}`, 'gray')), { id: 'flat', transform: 'gray', file: 'x', quality: 0, others: [] }];
    variants.push({ id: 'p0', transform: 'q50', file: 'x', quality: 90, pdqDistance: 40, others: [] }, ...Array.from({ length: 18 }, (_, k) => found(`p${k + 1}`, 'q50')));
    const lines = formatReport(reportOf(variants, ['flat'])).split('\n');
    expect(lines.find((l) => l.startsWith('gray '))).toMatch(/ met$/);
    expect(lines.filter((l) => l.includes('not found'))).toEqual(['  q50, not found (1): p0 (quality 90, PDQ 40 bits)']);
  });
});
