/**
 * What the change feed announces for an item, in one place: each signal with the quality where
 * the signal has a quality floor, and a video's frames (with their variants) under the `vpdq` signal. Used when an item
 * is submitted and when a disabled item is enabled again, so both say exactly the same thing.
 */
import { signalType } from '@disrupt/hash-core';
import { FRAME_SIGNAL } from '../match/frame-signals.js';
import type { SignalValue, VideoFrame } from './cases-repository.js';
import type { FeedAdd } from './feed-repository.js';

/** Video frames are a signal of their own: the feed announces and removes them under it. */
export const FRAMES_SIGNAL = FRAME_SIGNAL;

export interface FeedItem {
  signals: readonly SignalValue[];
  quality: number | null;
  frames?: readonly VideoFrame[];
}

export function feedAddsFor(item: FeedItem): FeedAdd[] {
  const adds: FeedAdd[] = item.signals.map(({ signal, value }) => {
    // The quality goes with the signals whose matching depends on it, so that mirrors can apply it.
    const type = signalType(signal);
    return { signal, value, quality: type?.qualityFloor !== undefined || type?.whenPdqReliable !== undefined ? item.quality : null };
  });
  if (item.frames && item.frames.length > 0) adds.push({ signal: FRAMES_SIGNAL, value: null, quality: null, frames: [...item.frames] });
  return adds;
}

/** The signals a `remove` must name for the item to leave the feed entirely. */
export function feedSignalsFor(item: FeedItem): string[] {
  const signals = item.signals.map((s) => s.signal);
  if (item.frames && item.frames.length > 0 && !signals.includes(FRAMES_SIGNAL)) signals.push(FRAMES_SIGNAL);
  return signals;
}
