/**
 * The in-memory side of video frames: one Hamming index per frame hash kind (plain PDQ and the
 * frame variants), beside the photos' indexes. A frame's id in an index is a key given out by
 * this process, the keys of a video following each other (key = base + position of the frame),
 * so a match leads back to its video and frame with one array read. Keys are never reused. Frames
 * under PDQ's quality floor (a video filmed in a dim room) have their plain PDQ in an index of
 * their own, searched closer and for the segment rule only (`underFloorStored`); of no quality at
 * all, they are kept in the store and never match.
 */
import { MihIndex, pdqSignal } from '@disrupt/hash-core';
import type { ActiveFrame, VideoFrame } from '../store/cases-repository.js';
import { BulkCollector } from './bulk-collector.js';
import { FRAME_FIELDS, FRAME_SIGNAL, frameSignalName, frameSignalType, type FrameField } from './frame-signals.js';

const QUALITY_FLOOR = pdqSignal.qualityFloor ?? 0;
/** Stored frames under the floor from this quality on are indexed apart (none without the rule). */
const DIM_FROM = frameSignalType(FRAME_SIGNAL)!.underFloorStored?.minQuality ?? QUALITY_FLOOR;
/** Where a stored frame's hashes go: every index, the dim frames' plain PDQ, or none. */
const placeOf = (quality: number) => (quality >= QUALITY_FLOOR ? 'indexed' : quality >= DIM_FROM ? 'dim' : 'none');
const MAX_KEY = 0xffff_ffff;

/** A stored frame within the radius of a query hash. */
export interface FrameHit {
  itemId: number;
  /** Position of the frame in its video (`item_frames.seq`). */
  seq: number;
  distance: number;
}

export class FrameIndex {
  private readonly indexes = new Map<FrameField, MihIndex>();
  /** The plain PDQ of frames under the quality floor. */
  private dim = new MihIndex();
  /** The video of each key. */
  private itemOfKey = new Uint32Array(1024);
  private nextKey = 0;
  /** Each indexed video's first key and frame count. */
  private readonly ranges = new Map<number, { base: number; count: number }>();

  constructor() {
    for (const field of FRAME_FIELDS) this.indexes.set(field, new MihIndex());
  }

  has(itemId: number): boolean {
    return this.ranges.has(itemId);
  }

  /** Indexes a video's frames (in order); a video already indexed is left as it is (its hashes never change). */
  add(itemId: number, frames: readonly VideoFrame[]): void {
    if (this.ranges.has(itemId) || frames.length === 0) return;
    const base = this.allocate(itemId, frames.length);
    frames.forEach((frame, seq) => {
      const place = placeOf(frame.quality);
      if (place === 'dim') this.dim.add(base + seq, frame.pdq);
      if (place !== 'indexed') return;
      for (const field of FRAME_FIELDS) {
        const hash = frame[field];
        if (hash !== undefined) this.indexes.get(field)!.add(base + seq, hash);
      }
    });
  }

  /** Replaces everything with `frames` (ordered by item, then position), one bulk build per kind. */
  load(frames: Iterable<ActiveFrame>): void {
    this.ranges.clear();
    this.nextKey = 0;
    const collected = new Map(FRAME_FIELDS.map((field) => [field, new BulkCollector()]));
    const dim = new BulkCollector();
    let current = -1;
    let base = 0;
    let pending: ActiveFrame[] = [];
    const flush = () => {
      if (pending.length === 0) return;
      const count = pending[pending.length - 1]!.seq + 1;
      base = this.allocate(current, count);
      for (const frame of pending) {
        const place = placeOf(frame.quality);
        if (place === 'dim') dim.push(base + frame.seq, frame.pdq, 'pdq');
        if (place !== 'indexed') continue;
        for (const field of FRAME_FIELDS) {
          const hash = frame[field];
          if (hash !== undefined) collected.get(field)!.push(base + frame.seq, hash, field);
        }
      }
      pending = [];
    };
    for (const frame of frames) {
      if (frame.itemId !== current) {
        flush();
        current = frame.itemId;
      }
      pending.push(frame);
    }
    flush();
    for (const [field, c] of collected) this.indexes.set(field, c.build());
    this.dim = dim.build();
  }

  /** Takes a video's frames out of every index (withdrawal, disable). */
  remove(itemId: number): void {
    const range = this.ranges.get(itemId);
    if (!range) return;
    for (const index of [...this.indexes.values(), this.dim]) {
      for (let key = range.base; key < range.base + range.count; key++) index.remove(key);
    }
    this.ranges.delete(itemId);
  }

  /** For each of `hashes`, the stored frames of kind `field` within `radius`. */
  searchMany(field: FrameField, hashes: readonly string[], radius: number): FrameHit[][] {
    return this.hits(this.indexes.get(field)!, hashes, radius);
  }

  /** For each of `hashes`, the stored frames under the quality floor whose plain PDQ is within `radius`. */
  searchDim(hashes: readonly string[], radius: number): FrameHit[][] {
    return this.hits(this.dim, hashes, radius);
  }

  private hits(index: MihIndex, hashes: readonly string[], radius: number): FrameHit[][] {
    if (hashes.length === 0) return [];
    return index.searchMany(hashes, radius).map((matches) =>
      matches.map(({ id, distance }) => {
        const itemId = this.itemOfKey[id]!;
        return { itemId, seq: id - this.ranges.get(itemId)!.base, distance };
      }),
    );
  }

  /** Indexed frames per frame signal (`vpdq`, `vpdqTrimmed`…), those under the floor apart. */
  sizes(): Record<string, number> {
    return { ...Object.fromEntries([...this.indexes].map(([field, index]) => [frameSignalName(field), index.size])), [`${FRAME_SIGNAL}UnderFloor`]: this.dim.size };
  }

  get videoCount(): number {
    return this.ranges.size;
  }

  byteLength(): number {
    let total = this.itemOfKey.byteLength;
    for (const index of [...this.indexes.values(), this.dim]) total += index.byteLength;
    return total;
  }

  private allocate(itemId: number, count: number): number {
    const base = this.nextKey;
    if (base + count > MAX_KEY) throw new Error('frame index: out of keys (restart the server to renumber the frames)');
    if (base + count > this.itemOfKey.length) {
      let size = this.itemOfKey.length;
      while (size < base + count) size *= 2;
      const grown = new Uint32Array(Math.min(size, MAX_KEY));
      grown.set(this.itemOfKey);
      this.itemOfKey = grown;
    }
    this.itemOfKey.fill(itemId, base, base + count);
    this.nextKey = base + count;
    this.ranges.set(itemId, { base, count });
    return base;
  }
}
