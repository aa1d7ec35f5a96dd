/**
 * Vitest's order (files it has timed longest first, else the largest), with the files that take
 * the browser lane and the others alternating: a worker that finishes a light file then rarely
 * picks a lane file while the other worker holds the lane, and waits.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { holdsLane } from './lane-files.js';

export class LaneSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const lane = sorted.filter((spec) => holdsLane(spec.moduleId));
    const others = sorted.filter((spec) => !holdsLane(spec.moduleId));
    // Lane files are fewer and longer (~20 s against ~4 s): as many others after each as there
    // are others per lane file keep the second worker busy.
    const step = Math.max(1, Math.ceil(others.length / Math.max(1, lane.length)));
    const order: TestSpecification[] = [];
    while (lane.length > 0 || others.length > 0) {
      const next = lane.shift();
      if (next) order.push(next);
      order.push(...others.splice(0, step));
    }
    return order;
  }
}
