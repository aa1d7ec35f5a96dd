/** Video frames as SQLite rows and back: the variant columns are NULL when a variant is absent. */
import type { VideoFrame } from '../cases-repository.js';

/** Columns of item_frames (as `alias`) named as VideoFrame fields. */
export function frameColumns(alias = 'item_frames'): string {
  return `${alias}.t, ${alias}.pdq, ${alias}.quality, ${alias}.pdq_trimmed AS pdqTrimmed, ${alias}.pdq_center90 AS pdqCenter90, ${alias}.pdq_center80 AS pdqCenter80`;
}

export interface FrameRow {
  t: number;
  pdq: string;
  quality: number;
  pdqTrimmed: string | null;
  pdqCenter90: string | null;
  pdqCenter80: string | null;
}

export function toFrame(row: FrameRow): VideoFrame {
  const frame: VideoFrame = { t: row.t, pdq: row.pdq, quality: row.quality };
  if (row.pdqTrimmed !== null) frame.pdqTrimmed = row.pdqTrimmed;
  if (row.pdqCenter90 !== null) frame.pdqCenter90 = row.pdqCenter90;
  if (row.pdqCenter80 !== null) frame.pdqCenter80 = row.pdqCenter80;
  return frame;
}

/** Parameters of `INSERT INTO item_frames (item_id, seq, t, pdq, quality, pdq_trimmed, pdq_center90, pdq_center80)`. */
export function frameParams(itemId: number, seq: number, frame: VideoFrame): [number, number, number, string, number, string | null, string | null, string | null] {
  return [itemId, seq, frame.t, frame.pdq, frame.quality, frame.pdqTrimmed ?? null, frame.pdqCenter90 ?? null, frame.pdqCenter80 ?? null];
}
