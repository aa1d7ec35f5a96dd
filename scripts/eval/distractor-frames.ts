/**
 * Step 5 of `pnpm eval:distractors --videos <dir>`: video frames against the distractor bank.
 * Every clip of the folder is hashed like the CLI (`hashVideoFile`: a frame about once a second,
 * PDQ and its variants). Each frame of quality ≥ 50 is searched in the bank's index as /v1/match
 * compares a frame with photos: its plain PDQ at pdq's threshold, its mirrored PDQ (a copy flipped
 * left to right) at pdqMirrored's. The photos a clip was made from (the folder's SOURCES.tsv) and
 * the photos known to be the same pictures are left out. Then each frame's closest distractor,
 * exactly (brute force), to show how far the rest sit from the threshold.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PDQ_QUALITY_FLOOR, signalType, type MihIndex } from '@disrupt/hash-core';
import { hashVideoFile } from '@disrupt/hash-core/node';
import { fromPhotos, hamming, hexToWords, type Bank } from './distractors.js';
import { clipSources } from './video-photos.js';

const FIELDS = ['pdq', 'pdqMirrored'] as const;

export interface FramesSummary {
  clips: number;
  frames: number;
  /** Per field: false matches at its threshold, and the closest distractor over all frames. */
  byField: Record<(typeof FIELDS)[number], { threshold: number; falseMatches: number; lowest: number; lowestAt: string }>;
}

interface Context {
  dir: string;
  bank: Bank;
  index: MihIndex;
  byId: ReadonlyMap<string, number>;
  /** The photo and those known to be the same picture (NEAR_PAIRS.tsv, corpus duplicates). */
  excludedFor: (photo: number) => Set<number>;
  say: (line: string) => void;
}

export async function searchClipFrames({ dir, bank, index, byId, excludedFor, say }: Context): Promise<FramesSummary> {
  const t0 = performance.now();
  const madeFrom = new Map(clipSources(dir).map((row) => [row.file, row.photos.map((f) => f.replace(/\.[^.]+$/, ''))]));
  const summary: FramesSummary = {
    clips: 0,
    frames: 0,
    byField: Object.fromEntries(FIELDS.map((f) => [f, { threshold: signalType(f)!.threshold, falseMatches: 0, lowest: 256, lowestAt: '' }])) as FramesSummary['byField'],
  };
  const words = new Uint32Array(8);
  for (const file of readdirSync(dir).filter((f) => /\.(mp4|webm|mov|mkv)$/i.test(f)).sort()) {
    const { item } = await hashVideoFile(join(dir, file));
    summary.clips++;
    const excluded = new Set<number>();
    for (const id of madeFrom.get(file) ?? []) {
      const photo = byId.get(id);
      if (photo !== undefined) for (const p of excludedFor(photo)) excluded.add(p);
    }
    const kept = new Uint8Array(bank.count);
    for (let i = 0; i < bank.count; i++) kept[i] = excluded.size > 0 && fromPhotos(bank, i, excluded) ? 0 : 1;
    for (const frame of item.frames) {
      if (frame.quality < PDQ_QUALITY_FLOOR) continue;
      summary.frames++;
      for (const field of FIELDS) {
        const hex = frame[field];
        if (!hex) continue;
        const tally = summary.byField[field];
        tally.falseMatches += index.search(hex, tally.threshold).filter((m) => kept[m.id]).length;
        hexToWords(hex, words, 0);
        for (let i = 0; i < bank.count; i++) {
          if (!kept[i]) continue;
          const d = hamming(words, 0, bank.words, i);
          if (d < tally.lowest) [tally.lowest, tally.lowestAt] = [d, `${file} at ${frame.t} s ~ distractor #${i}`];
        }
      }
    }
  }
  say(`video frames (--videos ${dir}): ${summary.clips} clips, ${summary.frames} frames of quality ≥ ${PDQ_QUALITY_FLOOR}, their source photos (SOURCES.tsv) and near pairs left out (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  for (const field of FIELDS) {
    const t = summary.byField[field];
    say(`  ${field.padEnd(11)} at ≤ ${t.threshold}: ${t.falseMatches} false matches in ${(summary.frames * bank.count).toExponential(2)} pairs; closest ${t.lowest} bits (${t.lowestAt})`);
  }
  return summary;
}
