/**
 * FeedRepository: the change feed that mirroring platforms read (`GET /v1/feed`). Sequence
 * numbers only grow and are never reused. A withdrawal redacts the values of the item's earlier
 * records (the records and their numbers stay) and appends `remove` records that carry only the
 * item id and the signal.
 */
import type { VideoFrame } from './cases-repository.js';

export type FeedOp = 'add' | 'remove';

/** One record as `GET /v1/feed` returns it; absent fields are redacted or do not apply. */
export interface FeedRecord {
  seq: number;
  op: FeedOp;
  itemId: number;
  signal: string;
  value?: string;
  /** PDQ quality, on records of signals that have a quality floor. */
  quality?: number;
  /** Video frames with their timestamps in seconds. */
  frames?: VideoFrame[];
}

export interface FeedAdd {
  signal: string;
  value: string | null;
  quality: number | null;
  frames?: VideoFrame[];
}

export interface FeedPage {
  records: FeedRecord[];
  /** The cursor for the next call: the last `seq` returned, or `after` when nothing is new. */
  next: number;
}

export interface FeedRepository {
  appendAdds(itemId: number, adds: readonly FeedAdd[]): void;
  appendRemoves(itemId: number, signals: readonly string[]): void;
  /** Sets value, quality and frames to NULL in every earlier record of the item. */
  redact(itemId: number): void;
  /** Records with `seq > after`, oldest first, at most `limit` (fewer when video frames fill the page). */
  list(after: number, limit: number): FeedPage;
  /** The highest sequence number so far (0 for an empty feed). */
  latestSeq(): number;
}
