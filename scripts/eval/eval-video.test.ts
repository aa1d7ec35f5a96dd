/**
 * `pnpm eval:video` on 3 corpus clips (two Ken Burns pans/zooms and a slideshow, the shortest ones
 * so CI stays quick): the harness's own code end to end — make-video-variants.sh, hashVideoFile in
 * worker threads, a real server filled through POST /v1/cases and queried through POST /v1/match —
 * and what a user reads in its table. Needs ../shared and ffmpeg; skips visibly without either.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { STORED_FRAME_INTERVAL } from '@disrupt/hash-core';
import { describeWithShared, sharedPath } from '../../hash-core/src/test-support/shared.js';
import { describeWithFfmpeg } from '../../hash-core/src/test-support/videos.js';
import { formatVideoReport, VIDEO_TARGETS, type VideoEvalReport } from './video-report.js';
import { runVideoEval } from './video-run.js';
import { OWN_VIDEO_TRANSFORMS, VIDEO_TRANSFORMS } from './video-variants.js';

const CLIPS = ['v018', 'v027', 'v039'];

describeWithShared('eval:video', () =>
  describeWithFfmpeg('on 3 corpus clips', () => {
    let report: VideoEvalReport;
    let table: string;
    let dir: string;

    beforeAll(async () => {
      // make-video-variants.sh takes every *.mp4 of a folder: a folder of the 3 clips, plus a file
      // that is not one (ignored), laid out like the corpus (SOURCES.tsv, photos in ../images).
      dir = mkdtempSync(join(tmpdir(), 'disrupt-eval-video-test-'));
      const videos = join(dir, 'videos');
      mkdirSync(videos);
      for (const clip of CLIPS) symlinkSync(sharedPath('corpus/videos', `${clip}.mp4`), join(videos, `${clip}.mp4`));
      symlinkSync(sharedPath('corpus/videos/SOURCES.tsv'), join(videos, 'SOURCES.tsv'));
      symlinkSync(sharedPath('corpus/images'), join(dir, 'images'));
      writeFileSync(join(videos, 'notes.txt'), 'not a video');
      report = await runVideoEval({ originalsDir: videos });
      table = formatVideoReport(report);
    }, 600_000);

    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const row = (transform: string) => report.rows.find((r) => r.transform === transform)!;

    it('hashes every clip and every copy, 8 + 4 copies per clip', () => {
      expect(report.originals).toBe(3);
      expect(report.originalErrors).toEqual([]);
      expect(report.rows.map((r) => r.transform)).toEqual([...VIDEO_TRANSFORMS, ...OWN_VIDEO_TRANSFORMS]);
      for (const r of report.rows) {
        expect(r.n, r.transform).toBe(3);
        expect(r.errors, r.transform).toBe(0);
      }
      // Originals as the victims' page stores them, copies as platforms hash them.
      expect({ storedInterval: report.storedInterval, queryInterval: report.queryInterval }).toEqual({ storedInterval: STORED_FRAME_INTERVAL, queryInterval: 1 });
      expect(report.framesPerOriginal).toBeGreaterThanOrEqual(14); // 6.7–9.3 s at a frame every 0.5 s
    });

    it('finds re-encoded, trimmed and re-timed copies by the set rule, over the seconds they hold', () => {
      for (const t of ['crf35', 'trim2', 'fps15', 'vp9']) {
        expect(row(t).recall, t).toBe(100);
        expect(row(t).bySet, t).toBe(3);
        expect(row(t).coverage!.min, t).toBeGreaterThanOrEqual(80);
        expect(row(t).best!.median, t).toBeLessThanOrEqual(10);
      }
      // Trimmed: 2 s fewer than the original, matched from the copy's first frame.
      for (const v of report.variants.filter((v) => v.transform === 'trim2')) {
        const original = report.variants.find((o) => o.id === v.id && o.transform === 'crf35')!;
        expect(v.expectedSeconds, v.id).toBe(original.expectedSeconds! - 2);
        expect(v.own!.queryRange![0], v.id).toBe(0);
      }
      // Crop and letterbox change every frame's plain PDQ; the frames' variants bring them back.
      for (const t of ['crop10', 'letterbox']) {
        expect(row(t).plain!.median, t).toBeGreaterThan(31);
        expect(row(t).best!.median, t).toBeLessThan(row(t).plain!.median);
      }
    });

    it('finds darkened copies, also those whose frames fall under the quality floor', () => {
      for (const t of ['dark30', 'dark15']) expect(row(t), t).toMatchObject({ recall: 100, falseMatches: 0, met: true });
      // At 15 % most frames of some clips are under the floor: found within 24 bits, by the segment rule.
      expect(row('dark15').lowQuality).toBeGreaterThanOrEqual(1);
      for (const v of report.variants.filter((v) => v.transform === 'dark15' && v.usableFrames! * 2 < v.frames!)) {
        expect(v.own, v.id).toMatchObject({ rule: 'segment' });
        expect(v.own!.distance, v.id).toBeLessThanOrEqual(24);
      }
    });

    it('finds mirrored copies: their frames\' plain PDQ are far from the clip\'s, near its frames\' mirrored PDQ', () => {
      expect(row('mirror')).toMatchObject({ recall: 100, falseMatches: 0, met: true, bySet: 3 });
      expect(row('mirror').plain!.median).toBeGreaterThan(31);
      expect(row('mirror').best!.median).toBeLessThanOrEqual(10);
    });

    it('finds embedded clips and their hosts by the segment rule, at the insert, and nothing else', () => {
      const embedded = report.variants.filter((v) => v.transform === 'embedded');
      expect(embedded.map((v) => v.host).sort()).toEqual(['v018', 'v027', 'v039']);
      for (const v of embedded) {
        // The host's first half keeps its frames' timing: always found.
        expect(v.hostMatch, `${v.id} in ${v.host}`).toMatchObject({ rule: 'segment' });
        expect(v.hostMatch!.queryRange![0], v.id).toBe(0);
      }
      // The inserted clip starts between two sampled seconds: the Ken Burns clips are still found,
      // where they were put; the slideshow (each second unlike the last) may not be: frames
      // half a second apart differ by 30–80 bits there (the trim2.5 row measures it).
      for (const id of ['v018', 'v027']) {
        const v = embedded.find((e) => e.id === id)!;
        expect(v.own, id).toMatchObject({ rule: 'segment' });
        expect(v.own!.matchedSeconds, id).toBeGreaterThanOrEqual(3);
        expect(v.placed, id).toBe(true);
      }
      const recalled = embedded.filter((v) => v.own && v.hostMatch).length;
      expect(row('embedded')).toMatchObject({ recall: (100 * recalled) / 3, ownFound: recalled, hostFound: 3, placed: recalled, bySegment: recalled });
      expect(report.totalFalseMatches).toBe(0);
      for (const v of report.variants) expect(v.others, `${v.id}__${v.transform}`).toEqual([]);
      expect(report.distinct.framePairs).toBeGreaterThan(0);
      expect(report.distinct.atOrBelow31).toBe(0);
      // Nor does a frame come near another clip's frames mirrored (what a flipped copy is searched in).
      expect(report.distinct.mirrored.min).toBeGreaterThan(28);
      expect(report.distinct.mirrored.atOrBelow28).toBe(0);
    });

    it('queries the clips\' source photos against their frames, finding no other clip', () => {
      // v018 and v027 pan or zoom over one photo each, v039 is a slideshow of three.
      expect(report.photos).toMatchObject({ photos: 5, falseMatches: 0, byKind: { kenburns: { photos: 2 }, slideshow: { photos: 3 } } });
      for (const r of report.photos!.results) {
        expect(r.error, r.photo).toBeUndefined();
        expect(r.nearest, r.photo).toBeGreaterThanOrEqual(0);
        if (r.own) expect(r.own.storedTime, r.photo).toBeGreaterThanOrEqual(0);
      }
      expect(table).toMatch(new RegExp(`source photos → their clip's frames \\(sanity, no target\\): ${report.photos!.found}/5 found .*; photos matching another clip: 0`));
    });

    it('prints a row per transform with its target and verdict', () => {
      const lines = table.split('\n');
      for (const t of VIDEO_TRANSFORMS) {
        const line = lines.find((l) => l.startsWith(`${t} `));
        expect(line, t).toBeDefined();
        expect(line, t).toContain(`≥ ${VIDEO_TARGETS[t]} %`);
        expect(line, t).toMatch(/ (met|NOT met)$/);
      }
      expect(lines.find((l) => l.startsWith('crf35 '))).toMatch(/^crf35\s+3\s+100\.0 %\s+3\s+0\s.*%  met$/);
      const embedded = row('embedded');
      expect(lines.find((l) => l.startsWith('embedded '))).toMatch(
        new RegExp(`^embedded\\s+3\\s+${embedded.recall.toFixed(1)} %\\s+0\\s+${embedded.bySegment}\\s+\\S+ %\\s+3\\s+${embedded.placed}\\s+0\\s.*%  ${embedded.recall >= 90 ? 'met' : 'NOT met'}$`),
      );
      expect(lines[0]).toMatch(/^eval:video — .*: 3 originals, \d+ frames each \(median\), a frame every 0\.5 s as the victims' page stores them; copies hashed at 1 frame\/s, queried through POST \/v1\/match/);
      expect(table).toMatch(/false matches: 0 \(target 0\): met/);
      expect(table).toMatch(/frames of distinct originals \(3 clip pairs, \d+ frame pairs\): min PDQ distance \d+; frame pairs ≤ 31: 0/);
    });
  }),
);
