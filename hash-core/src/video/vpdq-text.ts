/**
 * Meta's vPDQ text format, one sampled frame per line: `frameNumber,quality,hash,timestamp`
 * (timestamp in seconds with 3 decimals), as `vpdq-hash-video` writes it and python-threatexchange
 * reads it. Lets our video items be exchanged with vPDQ tools and checked against the reference.
 */
import { ItemValidationError, normalizeSignal } from '../item.js';
import { pdqSignal } from '../signals/pdq/signal.js';
import { MAX_VIDEO_FRAMES, roundSeconds, type VideoFrame, type VideoItemInput } from './video-item.js';

/**
 * vPDQ text of a video's frames. Our frame numbers are the sample's position (0, 1, 2…), not the
 * decoder's frame count, which the item does not keep; vPDQ matching reads only hash and quality,
 * and timestamps place the frame.
 */
export function toVpdqText(item: Pick<VideoItemInput, 'frames'>): string {
  return item.frames.map((frame, k) => `${k},${frame.quality},${frame.pdq},${frame.t.toFixed(3)}\n`).join('');
}

function lineError(line: number, reason: string): ItemValidationError {
  return new ItemValidationError(`line ${line}`, reason);
}

function parseLine(text: string, line: number): VideoFrame & { frameNumber: number } {
  const fields = text.split(',').map((f) => f.trim());
  if (fields.length !== 4) throw lineError(line, `expected frameNumber,quality,hash,timestamp, got ${fields.length} field${fields.length === 1 ? '' : 's'}`);
  const [frameNumber, quality, hash, timestamp] = fields as [string, string, string, string];
  if (!/^\d+$/.test(frameNumber)) throw lineError(line, `frame number: expected an integer ≥ 0, got ${JSON.stringify(frameNumber)}`);
  if (!/^\d+$/.test(quality) || Number(quality) > 100) throw lineError(line, `quality: expected an integer from 0 to 100, got ${JSON.stringify(quality)}`);
  const t = Number(timestamp);
  if (timestamp === '' || !Number.isFinite(t) || t < 0) throw lineError(line, `timestamp: expected seconds ≥ 0, got ${JSON.stringify(timestamp)}`);
  let pdq: string;
  try {
    pdq = normalizeSignal(pdqSignal, hash, 'hash');
  } catch (error) {
    throw lineError(line, (error as ItemValidationError).message);
  }
  return { frameNumber: Number(frameNumber), t: roundSeconds(t), pdq, quality: Number(quality) };
}

/**
 * Reads vPDQ text into a video item for matching (frames sorted by time; no digests, duration or
 * interval, which the format does not carry). Errors name the line: `line 3: quality: …`.
 */
export function parseVpdqText(text: string): VideoItemInput {
  const frames: (VideoFrame & { frameNumber: number })[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    if (frames.length === MAX_VIDEO_FRAMES) throw lineError(i + 1, `more than ${MAX_VIDEO_FRAMES} frames (sample a long video more sparsely)`);
    frames.push(parseLine(raw, i + 1));
  });
  if (frames.length === 0) throw new ItemValidationError('vpdq', 'no frame lines (expected frameNumber,quality,hash,timestamp)');
  frames.sort((a, b) => a.t - b.t || a.frameNumber - b.frameNumber);
  return { type: 'video', frames: frames.map(({ t, pdq, quality }) => ({ t, pdq, quality })) };
}
