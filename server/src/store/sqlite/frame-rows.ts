/** Video frames as SQLite rows and back: the variant columns are NULL when a variant is absent. */
import { VIDEO_FRAME_VARIANTS, type VideoFrameVariant } from '@disrupt/hash-core';
import type { VideoFrame } from '../cases-repository.js';

/** The column of each frame variant: its name in snake case (pdqCenter90 → pdq_center90). */
const VARIANT_COLUMNS = VIDEO_FRAME_VARIANTS.map((variant) => [variant, variant.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)] as const);

/** Columns of item_frames (as `alias`) named as VideoFrame fields. */
export function frameColumns(alias = 'item_frames'): string {
  return [`${alias}.t`, `${alias}.pdq`, `${alias}.quality`, ...VARIANT_COLUMNS.map(([variant, column]) => `${alias}.${column} AS ${variant}`)].join(', ');
}

/** `INSERT INTO item_frames` with every column, its parameters given by `frameParams`. */
export const INSERT_FRAME = `INSERT INTO item_frames (item_id, seq, t, pdq, quality, ${VARIANT_COLUMNS.map(([, column]) => column).join(', ')}) VALUES (${Array(5 + VARIANT_COLUMNS.length).fill('?').join(', ')})`;

export type FrameRow = Pick<VideoFrame, 't' | 'pdq' | 'quality'> & Record<VideoFrameVariant, string | null>;

export function toFrame(row: FrameRow): VideoFrame {
  const frame: VideoFrame = { t: row.t, pdq: row.pdq, quality: row.quality };
  for (const [variant] of VARIANT_COLUMNS) {
    const hash = row[variant];
    if (hash !== null) frame[variant] = hash;
  }
  return frame;
}

/** Parameters of INSERT_FRAME. */
export function frameParams(itemId: number, seq: number, frame: VideoFrame): (number | string | null)[] {
  return [itemId, seq, frame.t, frame.pdq, frame.quality, ...VARIANT_COLUMNS.map(([variant]) => frame[variant] ?? null)];
}
