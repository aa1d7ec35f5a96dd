/**
 * eval:video's printed report names the copies behind a row under its target: on clips it has
 * never seen, the reader needs to know which to look at (and, for an embedded copy, which side of
 * it was missed).
 */
import { describe, expect, it } from 'vitest';
import { formatVideoReport, videoTransformRows, type VideoEvalReport, type VideoVariantResult } from './video-report.js';

const set = { rule: 'set', signal: 'vpdq', distance: 3, matchedSeconds: 8 } as const;

function reportOf(variants: VideoVariantResult[]): VideoEvalReport {
  return {
    originalsDir: '/clips',
    queryInterval: 1,
    storedInterval: 0.5,
    originals: 20,
    originalErrors: [],
    framesPerOriginal: 16,
    rows: videoTransformRows(variants, ['crf35', 'embedded']),
    totalFalseMatches: 0,
    distinct: { clipPairs: 0, framePairs: 0, min: null, atOrBelow31: 0, closest: [], mirrored: { min: null, atOrBelow28: 0 } },
    seconds: {},
    variants,
  };
}

const copy = (id: string, transform: string, extra: Partial<VideoVariantResult> = {}): VideoVariantResult => ({
  id,
  transform,
  file: `${id}__${transform}.mp4`,
  frames: 16,
  usableFrames: 16,
  expectedSeconds: 8,
  own: set,
  others: [],
  ...extra,
});

describe('formatVideoReport', () => {
  it('names the copies missed in a row under its target, with their usable frames, and which side of an embedded copy was missed', () => {
    const variants = Array.from({ length: 20 }, (_, k) => copy(`v${k}`, 'crf35'));
    variants[4] = copy('v4', 'crf35', { own: undefined, usableFrames: 3 });
    variants[5] = copy('v5', 'crf35', { own: undefined, error: 'unreadable' }); // named by its error line
    variants.push(...Array.from({ length: 20 }, (_, k) => copy(`v${k}`, 'embedded', { host: `v${(k + 1) % 20}`, hostMatch: set })));
    variants[21] = copy('v1', 'embedded', { host: 'v2', hostMatch: undefined });
    const lines = formatVideoReport(reportOf(variants)).split('\n');
    expect(lines.find((l) => l.startsWith('crf35 '))).toMatch(/NOT met$/);
    expect(lines).toContain('not found: crf35: v4 (3 of 16 frames of quality ≥ 50)');
    expect(lines).toContain('error: v5__crf35: unreadable');
    expect(lines.find((l) => l.startsWith('embedded '))).toMatch(/ met$/); // 95 % ≥ 90 %: nothing to name
    expect(lines.filter((l) => l.startsWith('not found: '))).toHaveLength(1);
  });

  it('says which side of an embedded copy was missed when its row is under the target', () => {
    const variants = Array.from({ length: 20 }, (_, k) => copy(`v${k}`, 'embedded', { host: `v${(k + 1) % 20}`, hostMatch: set }));
    variants[1] = copy('v1', 'embedded', { host: 'v2', hostMatch: undefined });
    variants[2] = copy('v2', 'embedded', { host: 'v3', hostMatch: set, own: undefined });
    variants[3] = copy('v3', 'embedded', { host: 'v4', hostMatch: undefined, own: undefined });
    const lines = formatVideoReport(reportOf(variants)).split('\n');
    expect(lines).toContain(
      'not found: embedded: v1 (16 of 16 frames of quality ≥ 50; in v2: itself found, v2 not found), v2 (16 of 16 frames of quality ≥ 50; in v3: itself not found, v3 found), v3 (16 of 16 frames of quality ≥ 50; in v4: itself not found, v4 not found)',
    );
  });
});
