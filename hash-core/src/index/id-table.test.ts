import { describe, expect, it } from 'vitest';
import { IdTable } from './id-table.js';
import { prng } from './test-support/random-hashes.js';

describe('IdTable', () => {
  it('agrees with a Map under random sets and deletes, across growth', () => {
    const rnd = prng(3);
    const table = new IdTable();
    const map = new Map<number, number>();
    // A small id range forces collisions, long probe runs and backward shifts on delete.
    for (let op = 0; op < 50_000; op++) {
      const id = rnd() % 3000;
      if (rnd() % 3 === 0) {
        expect(table.delete(id)).toBe(map.get(id) ?? -1);
        map.delete(id);
      } else {
        const slot = rnd() % 1_000_000;
        table.set(id, slot);
        map.set(id, slot);
      }
      if (op % 997 === 0) {
        for (let probe = 0; probe < 3000; probe++) expect(table.get(probe)).toBe(map.get(probe) ?? -1);
      }
    }
    expect(table.size).toBe(map.size);
  });

  it('keeps the extreme uint32 ids apart', () => {
    const table = new IdTable();
    table.set(0, 1);
    table.set(0xffffffff, 2);
    table.set(0x80000000, 3);
    expect([table.get(0), table.get(0xffffffff), table.get(0x80000000), table.get(1)]).toEqual([1, 2, 3, -1]);
    expect(table.delete(0)).toBe(1);
    expect(table.get(0xffffffff)).toBe(2);
  });
});
