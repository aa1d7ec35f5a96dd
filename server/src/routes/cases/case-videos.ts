/**
 * A submitted video as the store keeps it: its digests as signals, its frames (normalised, with
 * their variants), duration and sampling interval. Its quality is the median of its frames'; it is
 * reliable when at least one frame has enough detail to match.
 */
import { md5Signal, parseVideoItemInput, pdqSignal, sha256Signal, type VideoItem } from '@disrupt/hash-core';
import type { NewItem, VideoFrame } from '../../store/cases-repository.js';

const QUALITY_FLOOR = pdqSignal.qualityFloor ?? 0;

/** Throws ItemValidationError naming the field (e.g. `items[0].frames[3].pdq`). */
export function toNewVideo(item: VideoItem, index: number): NewItem {
  const parsed = parseVideoItemInput(item, `items[${index}]`);
  const frames = parsed.frames as VideoFrame[];
  const signals = [
    { signal: md5Signal.name, value: parsed.md5! },
    { signal: sha256Signal.name, value: parsed.sha256! },
  ];
  return {
    type: 'video',
    quality: medianQuality(frames),
    reliable: usableFrames(frames) > 0,
    signals,
    frames,
    durationMs: parsed.durationMs,
    frameInterval: parsed.frameInterval,
  };
}

export function usableFrames(frames: readonly VideoFrame[]): number {
  return frames.reduce((n, frame) => n + (frame.quality >= QUALITY_FLOOR ? 1 : 0), 0);
}

export function medianQuality(frames: readonly VideoFrame[]): number {
  const sorted = frames.map((f) => f.quality).sort((a, b) => a - b);
  return sorted[(sorted.length - 1) >> 1] ?? 0;
}

/** A plain-words remark about a stored video, or undefined when there is nothing to say. */
export function videoNote(item: NewItem, duplicate: boolean): string | undefined {
  if (duplicate) return 'You had already added this video to your case: it is kept once.';
  const frames = item.frames ?? [];
  const usable = usableFrames(frames);
  if (usable === 0) {
    return (
      'The frames of this video have too little detail (for example a dark or blank video), so edited or re-compressed copies ' +
      'may not be recognised. Exact copies of this file will still be. We have kept it.'
    );
  }
  if (usable < frames.length / 2) {
    return `Only ${usable} of the ${frames.length} frames of this video have enough detail to recognise copies; the others are kept but cannot match. We have kept it.`;
  }
  return undefined;
}
