/**
 * Our frames against Meta's vPDQ reference (../shared/reference/vpdq) on six corpus clips of
 * every kind: two real videos at 10 and 15 fps, two slideshows and two Ken Burns clips, 480p to
 * 720p. `pnpm eval:vpdq` runs all 24 (271 frames, 100 % agreeing on 2026-11-30).
 */
import { beforeAll, expect, it } from 'vitest';
import { describeWithShared, sharedDir } from '../../hash-core/src/test-support/shared.js';
import { describeWithFfmpeg } from '../../hash-core/src/test-support/videos.js';
import { clipAgreement, formatAgreement, referenceClips, type ClipAgreement } from './vpdq-agreement.js';

const CLIPS = ['v004', 'v005', 'v008', 'v015', 'v016', 'v022'];

describeWithShared('agreement with Meta’s vPDQ on the corpus videos', () =>
  describeWithFfmpeg('six clips of every kind', () => {
    let clips: ClipAgreement[];
    beforeAll(async () => {
      clips = [];
      for (const clip of CLIPS) clips.push(await clipAgreement(sharedDir, clip));
      console.log(formatAgreement(clips));
    }, 180_000);

    it('each reference frame of quality ≥ 50 has one of ours within 0.5 s and < 31 bits, for ≥ 95 % of them in each clip', () => {
      for (const clip of CLIPS) expect(referenceClips(sharedDir), 'a reference for each clip').toContain(clip);
      expect(clips.reduce((n, c) => n + c.frames, 0)).toBeGreaterThan(50);
      for (const c of clips) {
        expect(c.frames, c.clip).toBeGreaterThan(0);
        expect(c.agreeing / c.frames, `${c.clip}: ${c.distances.join(' ')}`).toBeGreaterThanOrEqual(0.95);
      }
    });

    it('prints a line per clip and the total', () => {
      const lines = formatAgreement(clips).split('\n');
      expect(lines).toHaveLength(CLIPS.length + 1);
      expect(lines[0]).toMatch(/^v004 +\d+\/\d+ +agreeing {2}median \d+ bits, max \d+$/);
      expect(lines.at(-1)).toMatch(/^vPDQ agreement: \d+\/\d+ reference frames \(\d+\.\d %\) within 0\.5 s and < 31 bits, 6 clips$/);
    });
  }),
);
