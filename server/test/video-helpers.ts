/**
 * Test support for videos: frame lists built from real vPDQ hashes (Meta's reference output for
 * the shared corpus) or from random ones, the edits a re-upload makes to them (trimmed, cut out,
 * embedded in another video, every hash a few bits off), and complete video items.
 */
import { readFileSync } from 'node:fs';
import { parseVpdqText, type VideoFrame, type VideoItem } from '@disrupt/hash-core';
import { sharedPath } from '../../hash-core/src/test-support/shared.js';
import { flipBits, hex } from './platform-helpers.js';

/** Meta's vPDQ frames of a corpus clip (`v002`…), 1 per second. */
export function referenceFrames(clip: string): VideoFrame[] {
  return parseVpdqText(readFileSync(sharedPath('reference', 'vpdq', `${clip}.txt`), 'utf8')).frames;
}

/** `count` frames of random content (quality 90), one per second from `start`. */
export function randomFrames(count: number, start = 0): VideoFrame[] {
  return Array.from({ length: count }, (_, k) => ({ t: start + k, pdq: hex(32), quality: 90 }));
}

/** The frames one after the other, re-timed at one per second (`start` seconds first). */
export function sequence(lists: readonly (readonly VideoFrame[])[], start = 0): VideoFrame[] {
  return lists.flat().map((frame, k) => ({ ...frame, t: start + k }));
}

/** The same frames after a re-encode: every hash `bits` bits off (different bits per frame). */
export function reencoded(frames: readonly VideoFrame[], bits = 6): VideoFrame[] {
  return frames.map((frame, k) => ({ ...frame, pdq: flipBits(frame.pdq, Array.from({ length: bits }, (_, b) => (k * 37 + b * 41) % 256)) }));
}

/** A complete video item as the page sends it (random digests, 1 frame per second). */
export function videoItem(frames: VideoFrame[], overrides: Partial<VideoItem> = {}): VideoItem {
  const last = frames[frames.length - 1]?.t ?? 0;
  return { type: 'video', sha256: hex(32), md5: hex(16), durationMs: Math.round((last + 1) * 1000), frameInterval: 1, frames, ...overrides };
}
