/**
 * How closely our video hashing follows Meta's vPDQ: for each reference file of
 * ../shared/reference/vpdq (Meta's vpdq output for a corpus clip), its frames of quality ≥ 50, and
 * for each the nearest of our frames (hashVideoFile, the CLI's code) within 0.5 s: agreeing when
 * under 31 bits. `pnpm eval:vpdq` runs every clip; the test a few.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hamming, parseVpdqText, PDQ_QUALITY_FLOOR, type VideoFrame } from '@disrupt/hash-core';
import { hashVideoFile } from '@disrupt/hash-core/node';

/** A reference frame agrees when one of ours lies within this many seconds and under this many bits. */
export const AGREEMENT = { seconds: 0.5, bits: 31 } as const;

export interface ClipAgreement {
  clip: string;
  /** Reference frames of quality ≥ 50. */
  frames: number;
  agreeing: number;
  /** PDQ distance to our nearest frame in time, per reference frame (−1: none within 0.5 s). */
  distances: number[];
}

/** The clips that have a reference (their ids, e.g. `v002`), sorted. */
export function referenceClips(sharedDir: string): string[] {
  return readdirSync(join(sharedDir, 'reference/vpdq'))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => f.slice(0, -4))
    .sort();
}

/** Our frames against Meta's for one clip. */
export async function clipAgreement(sharedDir: string, clip: string): Promise<ClipAgreement> {
  const reference = parseVpdqText(readFileSync(join(sharedDir, 'reference/vpdq', `${clip}.txt`), 'utf8'));
  const { item } = await hashVideoFile(join(sharedDir, 'corpus/videos', `${clip}.mp4`));
  const distances = reference.frames
    .filter((f) => f.quality >= PDQ_QUALITY_FLOOR)
    .map((frame) => {
      const nearest = nearestInTime(item.frames, frame.t);
      return nearest ? hamming(nearest.pdq, frame.pdq) : -1;
    });
  return { clip, frames: distances.length, agreeing: distances.filter((d) => d >= 0 && d < AGREEMENT.bits).length, distances };
}

function nearestInTime(frames: readonly VideoFrame[], t: number): VideoFrame | undefined {
  let nearest: VideoFrame | undefined;
  for (const ours of frames) {
    const gap = Math.abs(ours.t - t);
    if (gap <= AGREEMENT.seconds && (!nearest || gap < Math.abs(nearest.t - t))) nearest = ours;
  }
  return nearest;
}

/** One line per clip, then the total. */
export function formatAgreement(clips: readonly ClipAgreement[]): string {
  const lines = clips.map((c) => {
    const found = c.distances.filter((d) => d >= 0).sort((a, b) => a - b);
    const median = found.length ? found[Math.floor(found.length / 2)] : '—';
    return `${c.clip}  ${String(c.agreeing).padStart(3)}/${String(c.frames).padEnd(3)} agreeing  median ${median} bits, max ${found.length ? found[found.length - 1] : '—'}`;
  });
  const frames = clips.reduce((n, c) => n + c.frames, 0);
  const agreeing = clips.reduce((n, c) => n + c.agreeing, 0);
  const share = frames ? ((100 * agreeing) / frames).toFixed(1) : '—';
  lines.push(`vPDQ agreement: ${agreeing}/${frames} reference frames (${share} %) within ${AGREEMENT.seconds} s and < ${AGREEMENT.bits} bits, ${clips.length} clips`);
  return lines.join('\n');
}
