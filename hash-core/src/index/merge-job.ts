import type { DeltaSegment } from './delta-segment.js';
import { buildSegment, buildUnits, writeId, type OrderedSource } from './segment-builder.js';
import type { StaticSegment } from './static-segment.js';
import type { Tombstones } from './tombstones.js';

/**
 * Folds a frozen write buffer into the main segment and drops removed hashes, as a background
 * job advanced a slice at a time by later mutations. While it runs, searches still read the old
 * main segment and the frozen buffer (both stay exact: removals mark their tombstones as usual);
 * removals of their hashes are also recorded here and replayed on the new segment at the end.
 */
export class MergeJob {
  /** Ids removed from the old main segment or the frozen buffer since the job started. */
  readonly pendingRemovals: number[] = [];
  readonly totalUnits: number;
  private doneUnits = 0;
  private readonly steps: Generator<number, StaticSegment, void>;
  private result: StaticSegment | null = null;

  constructor(main: StaticSegment, mainDead: Tombstones, frozen: DeltaSegment) {
    // Removals as of now decide what is copied; later ones go through pendingRemovals.
    const source = new MergeSource(main, mainDead.snapshot(), frozen, frozen.dead.snapshot());
    this.totalUnits = buildUnits(source.size);
    this.steps = buildSegment(source);
  }

  get progress(): number {
    return this.result !== null ? 1 : this.doneUnits / this.totalUnits;
  }

  /** Runs slices until `units` of work are done or the build ends; returns whether it ended. */
  advance(units: number): boolean {
    const target = this.doneUnits + units;
    while (this.result === null && this.doneUnits < target) {
      const step = this.steps.next();
      if (step.done) this.result = step.value;
      else this.doneUnits += step.value;
    }
    return this.result !== null;
  }

  /** Runs to the end and returns the new segment (removals since the start not yet applied). */
  finish(): StaticSegment {
    this.advance(Infinity);
    return this.result!;
  }
}

/** The live hashes of the old main segment and the frozen buffer, merged by id. */
class MergeSource implements OrderedSource {
  readonly size: number;
  private mainSlot = 0;
  private mainHigh = 0; // the id-high bucket holding mainSlot, advanced alongside it
  private deltaAt = 0;
  private readonly deltaSlots: Uint32Array;
  private readonly deltaIds: Uint32Array;

  constructor(
    private readonly main: StaticSegment,
    private readonly mainDead: Tombstones,
    private readonly delta: DeltaSegment,
    deltaDead: Tombstones,
  ) {
    const live = delta.liveSlotsById(deltaDead);
    this.deltaSlots = live.slots;
    this.deltaIds = live.ids;
    this.size = main.n - mainDead.count + live.slots.length;
  }

  take(segment: StaticSegment, at: number, count: number): void {
    const { main, mainDead, deltaSlots, deltaIds } = this;
    const { idStart, idLow } = main;
    const delta = this.delta.planes();
    const mainN = main.n;
    let { mainSlot, mainHigh, deltaAt } = this;
    for (let i = at; i < at + count; i++) {
      while (mainSlot < mainN && mainDead.has(mainSlot)) mainSlot++;
      let mainId = Infinity;
      if (mainSlot < mainN) {
        while (idStart[mainHigh + 1]! <= mainSlot) mainHigh++; // walk the id directory forward
        mainId = mainHigh * 65536 + idLow[mainSlot]!;
      }
      const deltaId = deltaAt < deltaIds.length ? deltaIds[deltaAt]! : Infinity;
      // Live ids are unique across the two, so the comparison is strict.
      if (mainId < deltaId) {
        copyPlanes(main.head, main.tail, mainSlot++, segment, i);
        writeId(segment, i, mainId);
      } else {
        copyPlanes(delta.head, delta.tail, deltaSlots[deltaAt++]!, segment, i);
        writeId(segment, i, deltaId);
      }
    }
    this.mainSlot = mainSlot;
    this.mainHigh = mainHigh;
    this.deltaAt = deltaAt;
  }
}

function copyPlanes(head: Int32Array, tail: Int32Array, from: number, to: StaticSegment, slot: number): void {
  const dh = to.head;
  const dt = to.tail;
  const h = from * 3;
  const t = from * 5;
  const a = slot * 3;
  const b = slot * 5;
  dh[a] = head[h]!;
  dh[a + 1] = head[h + 1]!;
  dh[a + 2] = head[h + 2]!;
  dt[b] = tail[t]!;
  dt[b + 1] = tail[t + 1]!;
  dt[b + 2] = tail[t + 2]!;
  dt[b + 3] = tail[t + 3]!;
  dt[b + 4] = tail[t + 4]!;
}
