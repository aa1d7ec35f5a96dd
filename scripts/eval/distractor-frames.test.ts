/**
 * `pnpm eval:distractors --videos`: a clip's frames, plain and mirrored, against a small bank that
 * holds one of its frames' PDQ and another's mirrored PDQ, cut (as the bank records it) from photos.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MihIndex } from '@disrupt/hash-core';
import { hashVideoFile } from '@disrupt/hash-core/node';
import { beforeAll, expect, it } from 'vitest';
import { suiteScratchDir } from '../../hash-core/src/test-support/scratch.js';
import { describeWithFfmpeg, makeTestVideo } from '../../hash-core/src/test-support/videos.js';
import { searchClipFrames } from './distractor-frames.js';
import { hexToWords, NO_SOURCE, SOURCES, type Bank } from './distractors.js';
import { prng } from '../lib/prng.js';

describeWithFfmpeg('video frames against the distractor bank', () => {
  const dir = suiteScratchDir('disrupt-frames-');
  let bank: Bank;
  let index: MihIndex;

  beforeAll(async () => {
    makeTestVideo(join(dir, 'clip.mp4'), { seconds: 3 });
    const { item } = await hashVideoFile(join(dir, 'clip.mp4'));
    const [first, second] = item.frames.filter((f) => f.quality >= 50);
    // 200 random distractors of photo 5, then frame 1's PDQ "cut from" photo 0, frame 2's mirrored PDQ from photo 1.
    const count = 202;
    const rnd = prng(3);
    bank = { count, words: new Uint32Array(count * 8), quality: new Uint8Array(count).fill(90), sources: new Uint16Array(count * SOURCES).fill(NO_SOURCE), kinds: new Uint8Array(count), attempted: count };
    for (let i = 0; i < 200 * 8; i++) bank.words[i] = rnd();
    for (let i = 0; i < 200; i++) bank.sources[i * SOURCES] = 5;
    hexToWords(first!.pdq!, bank.words, 200 * 8);
    bank.sources[200 * SOURCES] = 0;
    hexToWords(second!.pdqMirrored!, bank.words, 201 * 8);
    bank.sources[201 * SOURCES] = 1;
    index = MihIndex.build(Uint32Array.from({ length: count }, (_, i) => i), bank.words);
  });

  const run = (excludedFor: (photo: number) => Set<number>) =>
    searchClipFrames({ dir, bank, index, byId: new Map([['p0', 0], ['p1', 1], ['p5', 5]]), excludedFor, say: () => {} });

  it('counts a frame found among the distractors, plain and mirrored, at their thresholds', async () => {
    const summary = await run((p) => new Set([p]));
    expect(summary).toMatchObject({ clips: 1, frames: 3 });
    expect(summary.byField.pdq).toMatchObject({ threshold: 31, falseMatches: 1, lowest: 0 });
    expect(summary.byField.pdqMirrored).toMatchObject({ threshold: 28, falseMatches: 1, lowest: 0 });
    expect(summary.byField.pdq.lowestAt).toContain('#200');
  });

  it("leaves out the clip's source photos and the photos known to be the same pictures", async () => {
    writeFileSync(join(dir, 'SOURCES.tsv'), 'file\tphotos\nclip.mp4\tp0.jpg\n');
    try {
      const summary = await run((p) => new Set(p === 0 ? [0, 1] : [p]));
      expect(summary.byField.pdq.falseMatches).toBe(0);
      expect(summary.byField.pdqMirrored.falseMatches).toBe(0);
      expect(summary.byField.pdq.lowest).toBeGreaterThan(31); // the random distractors of photo 5 are far
    } finally {
      rmSync(join(dir, 'SOURCES.tsv'));
    }
  });
});
