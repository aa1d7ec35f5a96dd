/**
 * The fingerprint record of a video: exact digests of the file and the PDQ of frames sampled at a
 * fixed interval (vPDQ's model: 1 frame per second by default). Defined once here, with its JSON
 * schemas, so the page's worker, the CLI and the server produce and accept the same frames.
 */
import { Type, type Static } from 'typebox';
import { hexField, ItemValidationError, normalizeSignal } from '../item.js';
import type { Pixels } from '../pixels.js';
import { md5Signal, sha256Signal } from '../signals/exact/signal.js';
import { pdqSignal } from '../signals/pdq/signal.js';
import { pdq } from '../signals/pdq/index.js';
import { PDQ_QUALITY_FLOOR } from '../signals/pdq/pdq.js';
import { pdqVariantSignals } from '../signals/pdq-variants/signal.js';
import { pdqVariantHashes } from '../signals/pdq-variants/variants.js';
import { preResizedFrame } from './pre-resize-frame.js';

/** At most this many frames per video: an hour at 1 frame/s (30 min as stored). Longer videos are sampled more sparsely. */
export const MAX_VIDEO_FRAMES = 3600;
/** Seconds between sampled frames unless asked otherwise (vPDQ's default). */
export const DEFAULT_FRAME_INTERVAL = 1;
/**
 * Seconds between the frames of a video the victims' page stores: a platform's frame every second
 * then lies within 0.25 s of a stored one, whatever the copy's trim or offset (`pnpm eval:video`).
 */
export const STORED_FRAME_INTERVAL = 0.5;
/** The smallest interval accepted (a frame every 0.1 s is already more than any matcher needs). */
export const MIN_FRAME_INTERVAL = 0.1;

/**
 * PDQ variants computed for each frame besides plain PDQ: the trimmed one undoes a letterbox or
 * pillarbox, the central crops meet a cropped re-upload, the mirrored one a video flipped left to
 * right (a common way of getting a re-upload past matching). Fewer than for photos: a video has
 * many frames, each already a second chance.
 */
export const VIDEO_FRAME_VARIANTS = ['pdqTrimmed', 'pdqCenter90', 'pdqCenter80', 'pdqMirrored'] as const;
export type VideoFrameVariant = (typeof VIDEO_FRAME_VARIANTS)[number];

const quality = Type.Integer({ minimum: 0, maximum: 100, description: 'PDQ quality, 0–100; frames under 50 match only closer, towards the segment rule (a dim video)' });
const variantSignals = VIDEO_FRAME_VARIANTS.map((name) => {
  const signal = pdqVariantSignals.find((s) => s.name === name);
  if (!signal) throw new Error(`unknown PDQ variant ${name}`);
  return signal;
});
const variantField = (name: VideoFrameVariant) => Type.Optional(hexField(variantSignals.find((s) => s.name === name)!));

export const VideoFrameSchema = Type.Object(
  {
    t: Type.Number({ minimum: 0, description: 'seconds from the start of the video, 3 decimals' }),
    pdq: hexField(pdqSignal, 'PDQ of the frame'),
    quality,
    pdqTrimmed: variantField('pdqTrimmed'),
    pdqCenter90: variantField('pdqCenter90'),
    pdqCenter80: variantField('pdqCenter80'),
    pdqMirrored: variantField('pdqMirrored'),
  },
  { additionalProperties: false },
);
export type VideoFrame = Static<typeof VideoFrameSchema>;

const frames = Type.Array(VideoFrameSchema, { minItems: 1, maxItems: MAX_VIDEO_FRAMES, description: 'sampled frames, t ascending' });
const durationMs = Type.Integer({ minimum: 0, description: 'duration of the video in milliseconds' });
const frameInterval = Type.Number({ minimum: MIN_FRAME_INTERVAL, description: 'seconds between sampled frames' });

/** A complete video item, as our page and CLI produce it. */
export const VideoItemSchema = Type.Object(
  {
    type: Type.Literal('video'),
    sha256: hexField(sha256Signal),
    md5: hexField(md5Signal),
    durationMs,
    frameInterval,
    frames,
  },
  { additionalProperties: false },
);
export type VideoItem = Static<typeof VideoItemSchema>;

/** A video item as matching accepts it: the digests, duration and interval may be left out (e.g. from vPDQ text). */
export const VideoItemInputSchema = Type.Object(
  {
    type: Type.Literal('video'),
    sha256: Type.Optional(hexField(sha256Signal)),
    md5: Type.Optional(hexField(md5Signal)),
    durationMs: Type.Optional(durationMs),
    frameInterval: Type.Optional(frameInterval),
    frames,
  },
  { additionalProperties: false },
);
export type VideoItemInput = Static<typeof VideoItemInputSchema>;

/** Seconds rounded to milliseconds, as vPDQ prints them. */
export function roundSeconds(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/**
 * Seconds between sampled frames for a video of `durationMs`: `requested` (default 1 s) unless that
 * would give more than MAX_VIDEO_FRAMES frames; then the smallest multiple of 0.1 s that fits.
 */
export function samplingInterval(durationMs: number, requested: number = DEFAULT_FRAME_INTERVAL): number {
  if (!Number.isFinite(requested) || requested < MIN_FRAME_INTERVAL) {
    throw new RangeError(`the frame interval must be at least ${MIN_FRAME_INTERVAL} s, got ${requested}`);
  }
  const seconds = Math.max(0, durationMs) / 1000;
  if (seconds / requested <= MAX_VIDEO_FRAMES) return requested;
  return Math.ceil((seconds / MAX_VIDEO_FRAMES) * 10 - 1e-9) / 10;
}

/** Timestamps (seconds, 3 decimals) of the frames sampled from a video of `durationMs` every `interval` s. */
export function frameTimes(durationMs: number, interval: number): number[] {
  const count = Math.min(MAX_VIDEO_FRAMES, Math.max(1, Math.ceil(durationMs / 1000 / interval - 1e-9)));
  return Array.from({ length: count }, (_, k) => roundSeconds(k * interval));
}

/**
 * A frame under the quality floor keeps its mirrored PDQ from the quality at which its plain PDQ
 * still matches (pdq's underFloorQuery): a dim video flipped left to right meets it, closer and
 * towards the segment rule only, like the plain PDQ.
 */
const KEPT_UNDER_FLOOR = { pdqMirrored: pdqSignal.underFloorQuery?.minQuality ?? PDQ_QUALITY_FLOOR } satisfies Partial<Record<VideoFrameVariant, number>>;

/**
 * The fingerprints of one frame at `t` seconds: PDQ through the photos' pre-resize policy, and the
 * VIDEO_FRAME_VARIANTS (left out when their quality is under 50, but the mirror of a dim frame).
 * The page, the CLI and the server all call this, so they hash a frame's pixels identically.
 */
export function videoFrameHashes(pixels: Pixels, t: number): VideoFrame {
  const source = preResizedFrame(pixels);
  const { hash, quality: q } = pdq(source);
  return { t: roundSeconds(t), pdq: hash, quality: q, ...pdqVariantHashes(source, VIDEO_FRAME_VARIANTS, undefined, KEPT_UNDER_FLOOR) };
}

const ITEM_FIELDS = new Set(['type', 'sha256', 'md5', 'durationMs', 'frameInterval', 'frames']);
const FRAME_FIELDS = new Set(['t', 'pdq', 'quality', ...VIDEO_FRAME_VARIANTS]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rejectUnknown(record: Record<string, unknown>, known: Set<string>, path: string): void {
  const unknown = Object.keys(record).filter((k) => !known.has(k));
  if (unknown.length > 0) {
    throw new ItemValidationError(`${path}.${unknown[0]}`, `unknown field${unknown.length > 1 ? `s ${unknown.join(', ')}` : ''} (only fingerprints are accepted)`);
  }
}

function parseQuality(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 100) {
    throw new ItemValidationError(field, `expected an integer from 0 to 100, got ${JSON.stringify(value) ?? 'nothing'}`);
  }
  return value;
}

function parseFrame(value: unknown, path: string, previousT: number): VideoFrame {
  if (!isRecord(value)) throw new ItemValidationError(path, 'expected an object {t, pdq, quality}');
  rejectUnknown(value, FRAME_FIELDS, path);
  const t = value.t;
  if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) {
    throw new ItemValidationError(`${path}.t`, `expected a number of seconds ≥ 0, got ${JSON.stringify(t) ?? 'nothing'}`);
  }
  if (t < previousT) throw new ItemValidationError(`${path}.t`, `frames must be in time order (${t} comes after ${previousT})`);
  const frame: Record<string, unknown> = { t: roundSeconds(t), pdq: normalizeSignal(pdqSignal, value.pdq, `${path}.pdq`), quality: parseQuality(value.quality, `${path}.quality`) };
  for (const signal of variantSignals) {
    if (value[signal.name] !== undefined) frame[signal.name] = normalizeSignal(signal, value[signal.name], `${path}.${signal.name}`);
  }
  return frame as VideoFrame;
}

/**
 * Validates a video item received from outside, naming the field at fault (e.g.
 * `items[0].frames[12].pdq`), and returns it normalised (lower-case hex, t to 3 decimals).
 * Unknown fields are rejected, not dropped.
 */
export function parseVideoItemInput(value: unknown, path = 'item'): VideoItemInput {
  if (!isRecord(value)) throw new ItemValidationError(path, 'expected an object');
  rejectUnknown(value, ITEM_FIELDS, path);
  if (value.type !== 'video') {
    throw new ItemValidationError(`${path}.type`, `expected "video", got ${JSON.stringify(value.type) ?? 'nothing'}`);
  }
  const item: Record<string, unknown> = { type: 'video' };
  if (value.sha256 !== undefined) item.sha256 = normalizeSignal(sha256Signal, value.sha256, `${path}.sha256`);
  if (value.md5 !== undefined) item.md5 = normalizeSignal(md5Signal, value.md5, `${path}.md5`);
  if (value.durationMs !== undefined) {
    const d = value.durationMs;
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 0) {
      throw new ItemValidationError(`${path}.durationMs`, `expected an integer number of milliseconds ≥ 0, got ${JSON.stringify(d)}`);
    }
    item.durationMs = d;
  }
  if (value.frameInterval !== undefined) {
    const i = value.frameInterval;
    if (typeof i !== 'number' || !Number.isFinite(i) || i < MIN_FRAME_INTERVAL) {
      throw new ItemValidationError(`${path}.frameInterval`, `expected a number of seconds ≥ ${MIN_FRAME_INTERVAL}, got ${JSON.stringify(i)}`);
    }
    item.frameInterval = i;
  }
  const list = value.frames;
  if (!Array.isArray(list)) throw new ItemValidationError(`${path}.frames`, 'expected an array of frames');
  if (list.length === 0) throw new ItemValidationError(`${path}.frames`, 'at least one frame is required');
  if (list.length > MAX_VIDEO_FRAMES) {
    throw new ItemValidationError(`${path}.frames`, `at most ${MAX_VIDEO_FRAMES} frames, got ${list.length} (sample a long video more sparsely)`);
  }
  let previousT = 0;
  item.frames = list.map((frame, i) => {
    const parsed = parseFrame(frame, `${path}.frames[${i}]`, previousT);
    previousT = parsed.t;
    return parsed;
  });
  return item as VideoItemInput;
}
