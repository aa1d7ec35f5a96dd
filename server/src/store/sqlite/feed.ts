import type { FeedAdd, FeedOp, FeedRecord, FeedRepository } from '../feed-repository.js';
import type { StoreContext } from './context.js';

interface FeedRow {
  seq: number;
  op: FeedOp;
  itemId: number;
  signal: string;
  value: string | null;
  quality: number | null;
  frames: string | null;
}

/** Characters of video frames (JSON) one page may carry; it always carries at least one record. */
export const FEED_FRAMES_BUDGET = 8 * 1024 * 1024;

function toRecord(row: FeedRow): FeedRecord {
  const record: FeedRecord = { seq: row.seq, op: row.op, itemId: row.itemId, signal: row.signal };
  if (row.value !== null) record.value = row.value;
  if (row.quality !== null) record.quality = row.quality;
  if (row.frames !== null) record.frames = JSON.parse(row.frames) as FeedRecord['frames'];
  return record;
}

export function createSqliteFeeds({ db, now }: StoreContext): FeedRepository {
  const insert = db.prepare<[FeedOp, number, string, string | null, number | null, string | null, number]>(
    'INSERT INTO feed (op, item_id, signal, value, quality, frames, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const redact = db.prepare<[number]>(
    'UPDATE feed SET value = NULL, quality = NULL, frames = NULL WHERE item_id = ? AND (value IS NOT NULL OR quality IS NOT NULL OR frames IS NOT NULL)',
  );
  const list = db.prepare<[number, number], FeedRow>(
    'SELECT seq, op, item_id AS itemId, signal, value, quality, frames FROM feed WHERE seq > ? ORDER BY seq LIMIT ?',
  );

  const latest = db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM feed');

  return {
    latestSeq() {
      return latest.get()?.seq ?? 0;
    },
    appendAdds(itemId, adds: readonly FeedAdd[]) {
      const at = now();
      for (const add of adds) insert.run('add', itemId, add.signal, add.value, add.quality, add.frames ? JSON.stringify(add.frames) : null, at);
    },
    appendRemoves(itemId, signals) {
      const at = now();
      for (const signal of signals) insert.run('remove', itemId, signal, null, null, null, at);
    },
    redact(itemId) {
      redact.run(itemId);
    },
    list(after, limit) {
      const records: FeedRecord[] = [];
      let framesText = 0;
      for (const row of list.iterate(after, limit)) {
        // An hour of video is ~1 MB of frames: a page stops early rather than grow without bound.
        if (row.frames !== null && records.length > 0 && framesText + row.frames.length > FEED_FRAMES_BUDGET) break;
        framesText += row.frames?.length ?? 0;
        records.push(toRecord(row));
      }
      return { records, next: records.length > 0 ? records[records.length - 1]!.seq : after };
    },
  };
}
