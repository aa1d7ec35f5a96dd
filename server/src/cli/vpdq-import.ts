/**
 * A video's frame hashes in Meta's vPDQ text format (`frameNumber,quality,hash,timestamp` per
 * line, as `vpdq-hash-video` and `disrupt hash --format vpdq` write it) as one video item, for
 * `disrupt import`: hashes a partner shares from vPDQ tools join the bank like our own videos.
 * The format carries no digests or duration: the item has neither, and its sampling interval is
 * read from the timestamps.
 */
import { ItemValidationError, parseVpdqText } from '@disrupt/hash-core';
import { medianQuality, usableFrames } from '../routes/cases/case-videos.js';
import type { NewItem } from '../store/cases-repository.js';
import type { Skipped } from './bank-import.js';

/** Whether `text` starts like vPDQ text (its first line has the four fields, a 64-hex hash). */
export function looksLikeVpdq(text: string): boolean {
  const first = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  return /^\s*\d+\s*,\s*\d+\s*,\s*[0-9a-fA-F]{64}\s*,\s*[\d.]+\s*$/.test(first);
}

/** The median gap between consecutive timestamps (seconds), or 1 for a single frame. */
function intervalOf(times: readonly number[]): number {
  const gaps = times.slice(1).map((t, k) => t - times[k]!).filter((gap) => gap > 0).sort((a, b) => a - b);
  return gaps.length === 0 ? 1 : Math.round(gaps[(gaps.length - 1) >> 1]! * 1000) / 1000;
}

/** One video item from vPDQ text, or the line at fault (nothing half-read gets in). */
export function readVpdqFile(text: string): { items: NewItem[]; skipped: Skipped[]; format: 'vpdq' } {
  try {
    const { frames } = parseVpdqText(text);
    const interval = intervalOf(frames.map((f) => f.t));
    const item: NewItem = {
      type: 'video',
      quality: medianQuality(frames),
      reliable: usableFrames(frames) > 0,
      signals: [],
      frames,
      durationMs: Math.round((frames[frames.length - 1]!.t + interval) * 1000),
      frameInterval: interval,
    };
    return { items: [item], skipped: [], format: 'vpdq' };
  } catch (error) {
    if (!(error instanceof ItemValidationError)) throw error;
    return { items: [], skipped: [{ where: error.field, reason: error.reason }], format: 'vpdq' };
  }
}
