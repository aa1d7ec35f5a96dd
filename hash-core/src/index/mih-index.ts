import { BaseHashIndex } from './base-index.js';
import { DeltaSegment } from './delta-segment.js';
import { checkId, readHashInput } from './inputs.js';
import { MatchCollector } from './match-collector.js';
import { MergeJob } from './merge-job.js';
import { BUILD_SLICE, buildSegment, BulkSource } from './segment-builder.js';
import { StaticSegment } from './static-segment.js';
import { scanStatic, searchStatic } from './static-search.js';
import { MIH_MAX_RADIUS, planPairs, type PairPlan } from './pair-scheme.js';
import { Tombstones } from './tombstones.js';
import type { HashInput, SearchResult } from './types.js';
import { POPCOUNT_TABLE_BYTES, SearchScratch } from './verify-block.js';

export interface MihIndexOptions {
  /**
   * Appends the write buffer takes before it is merged into the main segment. Default: 1/64 of
   * the index, between 4096 and 131072.
   */
  deltaCapacity?: number;
  /** Share of removed hashes in the main segment that triggers a compaction. Default 1/8. */
  compactFraction?: number;
}

export interface MihIndexStats {
  readonly mainHashes: number;
  readonly mainRemoved: number;
  /** Key bits of the main segment's chunk tables (16 from ~800k hashes up). */
  readonly mainKeyBits: number;
  /** Partner-filter bits per table entry (32 minus the bits a slot number needs, at most). */
  readonly mainFilterBits: number;
  readonly deltaHashes: number;
  readonly deltaRemoved: number;
  readonly merging: boolean;
  readonly mergeProgress: number;
}

const MIN_DELTA = 4096;
const MAX_DELTA = 131072;

function runToEnd<T>(steps: Generator<number, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

// Segments are immutable, so every new index can start from the same empty one.
let emptySegment: StaticSegment | null = null;
function empty(): StaticSegment {
  return (emptySegment ??= runToEnd(buildSegment(new BulkSource(new Uint32Array(0), new Uint32Array(0)))));
}

/**
 * Exact radius search over 256-bit hashes by pair-filtered multi-index hashing (pair-scheme.ts),
 * live under adds and removes:
 *  - main: an immutable static segment (one ArrayBuffer; CSR tables), plus a tombstone bitmap;
 *  - delta: a write buffer with chained tables, searched alongside, so an add is visible at once;
 *  - when the buffer fills (or tombstones pass compactFraction), it is frozen and merged with the
 *    main segment by a MergeJob that later mutations advance a slice at a time: the merge work is
 *    spread over the next capacity/2 mutations, so no single add waits for a full rebuild.
 *    While a merge runs, the old and the new main segment coexist (about twice the memory).
 */
export class MihIndex extends BaseHashIndex {
  private main: StaticSegment;
  private mainDead: Tombstones;
  private mainPlans: PairPlan[] = [];
  private delta: DeltaSegment;
  private frozen: DeltaSegment | null = null;
  private job: MergeJob | null = null;
  private unitsPerMutation = 0;
  private live: number;
  private readonly words = new Int32Array(8);
  private readonly scratch = new SearchScratch();
  private readonly collector = new MatchCollector();
  private readonly deltaCapacity: number | undefined;
  private readonly compactFraction: number;

  constructor(options: MihIndexOptions = {}) {
    super();
    const { deltaCapacity, compactFraction = 1 / 8 } = options;
    if (deltaCapacity !== undefined && !(Number.isInteger(deltaCapacity) && deltaCapacity >= 1)) {
      throw new RangeError('deltaCapacity: expected a positive integer');
    }
    if (!(compactFraction > 0 && compactFraction <= 1)) throw new RangeError('compactFraction: expected a number in (0, 1]');
    this.deltaCapacity = deltaCapacity;
    this.compactFraction = compactFraction;
    this.main = empty();
    this.mainDead = new Tombstones(0);
    this.live = 0;
    this.delta = new DeltaSegment(this.capacityFor(0));
  }

  /** Bulk build from storage: `ids[i]` has words [8i, 8i + 8). Inputs are copied; a repeated id keeps its last hash. */
  static build(ids: Uint32Array, words: Uint32Array, options: MihIndexOptions = {}): MihIndex {
    return new MihIndex(options).adopt(runToEnd(buildSegment(new BulkSource(ids, words))));
  }

  /** Wraps a buffer from `toBuffer` without copying it (the index never writes into it). */
  static fromBuffer(data: ArrayBuffer | Uint8Array, options: MihIndexOptions = {}): MihIndex {
    return new MihIndex(options).adopt(StaticSegment.fromBuffer(data));
  }

  private adopt(main: StaticSegment): this {
    this.main = main;
    this.mainDead = new Tombstones(main.n);
    this.live = main.n;
    this.delta = new DeltaSegment(this.capacityFor(main.n));
    return this;
  }

  /** Compacts, then returns the main segment's buffer: the whole index, ready to store. */
  toBuffer(): ArrayBuffer {
    this.compact();
    return this.main.buffer;
  }

  get size(): number {
    return this.live;
  }

  get byteLength(): number {
    return (
      this.main.buffer.byteLength + this.mainDead.byteLength + this.delta.byteLength + (this.frozen?.byteLength ?? 0) +
      this.scratch.byteLength + this.collector.byteLength + POPCOUNT_TABLE_BYTES
    );
  }

  get stats(): MihIndexStats {
    return {
      mainHashes: this.main.n,
      mainRemoved: this.mainDead.count,
      mainKeyBits: this.main.scheme.keyBits,
      mainFilterBits: this.main.scheme.filterBits,
      deltaHashes: this.delta.used + (this.frozen?.used ?? 0),
      deltaRemoved: this.delta.dead.count + (this.frozen?.dead.count ?? 0),
      merging: this.job !== null,
      mergeProgress: this.job?.progress ?? 0,
    };
  }

  private capacityFor(n: number): number {
    if (this.deltaCapacity !== undefined) return this.deltaCapacity;
    return Math.min(MAX_DELTA, Math.max(MIN_DELTA, 2 ** Math.ceil(Math.log2(Math.max(1, n / 64)))));
  }

  add(id: number, hash: HashInput): void {
    checkId(id);
    const words = readHashInput(hash, this.words);
    if (this.detach(id)) this.live--;
    if (this.delta.isFull) this.startMerge();
    this.delta.append(id, words);
    this.live++;
    this.afterMutation();
  }

  remove(id: number): boolean {
    const found = this.detach(id);
    if (found) this.live--;
    this.afterMutation();
    return found;
  }

  has(id: number): boolean {
    if (this.delta.has(id) || (this.frozen?.has(id) ?? false)) return true;
    const slot = this.main.slotOf(id);
    return slot >= 0 && !this.mainDead.has(slot);
  }

  /** Runs any pending merge and folds the write buffer and all tombstones into one segment. */
  compact(): void {
    if (this.job !== null) this.finishMerge();
    if (this.delta.used > 0 || this.mainDead.count > 0) {
      this.startMerge();
      this.finishMerge();
    }
  }

  /** Advances a running merge by `slices` slices (~0.5 ms each), e.g. from an idle timer; returns whether work remains. */
  maintain(slices = 1): boolean {
    if (this.job === null) return false;
    if (this.job.advance(slices * BUILD_SLICE)) this.swapInMerged();
    return this.job !== null;
  }

  /** Tombstones the live hash of `id`, wherever it is; returns whether there was one. */
  private detach(id: number): boolean {
    if (this.delta.remove(id)) return true;
    if (this.frozen?.remove(id)) {
      this.job!.pendingRemovals.push(id);
      return true;
    }
    const slot = this.main.slotOf(id);
    if (slot < 0 || !this.mainDead.add(slot)) return false;
    this.job?.pendingRemovals.push(id);
    return true;
  }

  private afterMutation(): void {
    if (this.job !== null) {
      if (this.job.advance(this.unitsPerMutation)) this.swapInMerged();
    } else if (this.delta.isFull || this.mainDead.count > this.main.n * this.compactFraction) {
      this.startMerge();
    }
  }

  private startMerge(): void {
    if (this.job !== null) this.finishMerge(); // only when mutations outran the per-mutation budget
    this.frozen = this.delta;
    this.delta = new DeltaSegment(this.capacityFor(this.live));
    this.job = new MergeJob(this.main, this.mainDead, this.frozen);
    // Finish by the time the new buffer is half full (removals advance it too).
    this.unitsPerMutation = Math.ceil(this.job.totalUnits / Math.max(1, this.delta.capacity / 2));
  }

  private finishMerge(): void {
    this.job!.finish();
    this.swapInMerged();
  }

  private swapInMerged(): void {
    const job = this.job!;
    const merged = job.finish();
    const dead = new Tombstones(merged.n);
    for (const id of job.pendingRemovals) {
      const slot = merged.slotOf(id);
      if (slot >= 0) dead.add(slot);
    }
    this.main = merged;
    this.mainDead = dead;
    this.mainPlans = [];
    this.frozen = null;
    this.job = null;
  }

  private mainPlan(radius: number): PairPlan {
    return (this.mainPlans[radius] ??= planPairs(this.main.scheme, this.main.n, radius)!);
  }

  protected searchWords(q: Int32Array, radius: number): SearchResult {
    const out = this.collector;
    const sc = this.scratch;
    out.reset();
    const mih = radius <= MIH_MAX_RADIUS;
    const dead = this.mainDead.count > 0 ? this.mainDead : null;
    let candidates = mih
      ? searchStatic(this.main, this.mainPlan(radius), q, radius, dead, out, sc)
      : scanStatic(this.main, q, radius, dead, out, sc);
    const frozen = this.frozen;
    if (frozen !== null && frozen.used > 0) {
      candidates += mih ? frozen.search(q, radius, out, sc) : frozen.scan(q, radius, out, sc);
    }
    const delta = this.delta;
    if (delta.used > 0) candidates += mih ? delta.search(q, radius, out, sc) : delta.scan(q, radius, out, sc);
    return { matches: out.toMatches(), strategy: mih ? 'mih' : 'linear', candidates };
  }
}
