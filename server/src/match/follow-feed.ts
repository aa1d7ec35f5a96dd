/**
 * Keeps the in-memory bank in step with changes that other processes write to the same database
 * (`disrupt import`, a second server instance), by following the change feed every couple of
 * seconds. Changes made through this server's own requests are already in the bank: re-applying
 * them is skipped (an item's hashes never change, so "already indexed" means "up to date").
 */
import type { FeedRecord } from '../store/feed-repository.js';
import type { Store } from '../store/store.js';
import type { MatchBank } from './match-bank.js';

const PAGE = 5000;

export interface FeedFollower {
  /** Applies every record written since the last call; returns how many were read. */
  syncNow(): number;
  stop(): void;
}

function apply(bank: MatchBank, record: FeedRecord): void {
  if (record.op === 'remove') {
    if (bank.has(record.signal, record.itemId)) bank.remove(record.itemId);
    return;
  }
  if (record.frames) {
    bank.frames.add(record.itemId, record.frames); // skips a video already indexed
    return;
  }
  // A redacted add belongs to an item withdrawn since; its remove record follows.
  if (record.value === undefined || bank.has(record.signal, record.itemId)) return;
  bank.add({ itemId: record.itemId, signal: record.signal, value: record.value, quality: record.quality ?? null });
}

export function followFeed(bank: MatchBank, store: Store, fromSeq: number, intervalMs = 2000): FeedFollower {
  let cursor = fromSeq;
  const syncNow = () => {
    let read = 0;
    for (;;) {
      const page = store.feed.list(cursor, PAGE);
      for (const record of page.records) apply(bank, record);
      read += page.records.length;
      cursor = page.next;
      if (page.records.length === 0) return read; // a page may be cut short by video frames: read until empty
    }
  };
  const timer = setInterval(() => {
    try {
      syncNow();
    } catch {
      // The database is busy or closing: the cursor did not move, the next tick retries.
    }
  }, intervalMs);
  timer.unref();
  return { syncNow, stop: () => clearInterval(timer) };
}
