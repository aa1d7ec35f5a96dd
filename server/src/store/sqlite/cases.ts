import type {
  ActiveFrame,
  ActiveSignal,
  CaseItemRecord,
  CaseRecord,
  CaseRepository,
  CaseStatus,
  ItemType,
  NewItem,
  StoredItem,
  WithdrawnItem,
} from '../cases-repository.js';
import { feedAddsFor, FRAMES_SIGNAL } from '../feed-records.js';
import type { StoreContext } from './context.js';
import { createSqliteFeeds } from './feed.js';
import { frameColumns, frameParams, INSERT_FRAME, toFrame, type FrameRow } from './frame-rows.js';
import { createSqliteNgos } from './ngos.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Tries before giving up on finding a free case id (40 bits: a second try is already rare). */
const CASE_ID_ATTEMPTS = 10;

interface CaseRow {
  id: string;
  secretDigest: Buffer;
  secretKeyId: string;
  createdAt: number;
  updatedAt: number;
  status: CaseStatus;
  withdrawnAt: number | null;
}

interface ItemRow {
  itemId: number;
  type: ItemType;
  createdAt: number;
  quality: number | null;
  reliable: number;
  durationMs: number | null;
  withdrawnAt: number | null;
  disabledAt: number | null;
}

function toItemRecord(row: ItemRow): CaseItemRecord {
  return {
    itemId: row.itemId,
    type: row.type,
    createdAt: row.createdAt,
    quality: row.quality,
    reliable: row.reliable === 1,
    durationMs: row.durationMs,
    status: row.withdrawnAt !== null ? 'withdrawn' : row.disabledAt !== null ? 'disabled' : 'active',
    withdrawnAt: row.withdrawnAt,
  };
}

export function createSqliteCases(context: StoreContext): CaseRepository {
  const { db, now } = context;
  const feed = createSqliteFeeds(context);
  const ngos = createSqliteNgos(context);

  const insertCase = db.prepare<[string, Buffer, string, number, number, number | null]>(
    "INSERT OR IGNORE INTO cases (id, secret_digest, secret_key_id, created_at, updated_at, status, ngo_id) VALUES (?, ?, ?, ?, ?, 'active', ?)",
  );
  const findCase = db.prepare<[string], CaseRow>(
    `SELECT id, secret_digest AS secretDigest, secret_key_id AS secretKeyId, created_at AS createdAt, updated_at AS updatedAt,
            status, withdrawn_at AS withdrawnAt FROM cases WHERE id = ?`,
  );
  const touchCase = db.prepare<[number, string]>('UPDATE cases SET updated_at = ? WHERE id = ?');
  const markCaseWithdrawn = db.prepare<[number, number, string]>(
    "UPDATE cases SET status = 'withdrawn', withdrawn_at = ?, updated_at = ? WHERE id = ? AND status = 'active'",
  );
  const expiredCases = db.prepare<[number], { id: string }>("SELECT id FROM cases WHERE status = 'active' AND updated_at < ?");

  const insertItem = db.prepare<[string, ItemType, number, number | null, number, number | null, number | null]>(
    'INSERT INTO items (case_id, type, created_at, quality, reliable, duration_ms, frame_interval) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertSignal = db.prepare<[number, string, string]>('INSERT INTO item_signals (item_id, signal, value) VALUES (?, ?, ?)');
  const insertFrame = db.prepare<ReturnType<typeof frameParams>>(INSERT_FRAME);
  const activeFrames = db.prepare<[], FrameRow & { itemId: number; seq: number }>(
    `SELECT f.item_id AS itemId, f.seq, ${frameColumns('f')} FROM item_frames f JOIN items i ON i.id = f.item_id
      WHERE i.withdrawn_at IS NULL AND i.disabled_at IS NULL ORDER BY f.item_id, f.seq`,
  );
  const framesOf = db.prepare<[number], FrameRow>(`SELECT ${frameColumns()} FROM item_frames WHERE item_id = ? ORDER BY seq`);
  const frameTime = db.prepare<[number, number], { t: number }>('SELECT t FROM item_frames WHERE item_id = ? AND seq = ?');
  const intervalOf = db.prepare<[number], { interval: number | null }>('SELECT frame_interval AS interval FROM items WHERE id = ?');
  // The same file sent again to the same case (a retried upload): one item, not two.
  const sameFile = db.prepare<[string, string], { id: number }>(
    `SELECT i.id FROM item_signals s JOIN items i ON i.id = s.item_id
      WHERE s.signal = 'sha256' AND s.value = ? AND i.case_id = ? AND i.withdrawn_at IS NULL LIMIT 1`,
  );
  const caseItems = db.prepare<[string], ItemRow>(
    `SELECT id AS itemId, type, created_at AS createdAt, quality, reliable, duration_ms AS durationMs, withdrawn_at AS withdrawnAt,
            disabled_at AS disabledAt FROM items WHERE case_id = ? ORDER BY id`,
  );
  const itemInCase = db.prepare<[number, string], { withdrawnAt: number | null }>('SELECT withdrawn_at AS withdrawnAt FROM items WHERE id = ? AND case_id = ?');
  const openItems = db.prepare<[string], { id: number }>('SELECT id FROM items WHERE case_id = ? AND withdrawn_at IS NULL ORDER BY id');
  const signalsOf = db.prepare<[number], { signal: string }>('SELECT signal FROM item_signals WHERE item_id = ? ORDER BY signal');
  const hasFrames = db.prepare<[number], { one: number }>('SELECT 1 AS one FROM item_frames WHERE item_id = ? LIMIT 1');
  const deleteSignals = db.prepare<[number]>('DELETE FROM item_signals WHERE item_id = ?');
  const deleteFrames = db.prepare<[number]>('DELETE FROM item_frames WHERE item_id = ?');
  const markItemWithdrawn = db.prepare<[number, number]>('UPDATE items SET withdrawn_at = ? WHERE id = ?');

  const exact = db.prepare<[string, string], { id: number }>(
    `SELECT i.id FROM item_signals s JOIN items i ON i.id = s.item_id
      WHERE s.signal = ? AND s.value = ? AND i.withdrawn_at IS NULL AND i.disabled_at IS NULL ORDER BY i.id`,
  );
  const confirmed = db.prepare<[string], { n: number }>(
    "SELECT COUNT(*) AS n FROM match_events WHERE case_id = ? AND feedback = 'blocked' AND (review IS NULL OR review <> 'false_positive')",
  );

  function insertItems(caseId: string, items: readonly NewItem[], at: number): StoredItem[] {
    return items.map((item) => {
      const sha256 = item.signals.find((s) => s.signal === 'sha256')?.value;
      const existing = sha256 !== undefined ? sameFile.get(sha256, caseId) : undefined;
      if (existing) return { itemId: existing.id, duplicate: true };
      const itemId = Number(
        insertItem.run(caseId, item.type, at, item.quality, item.reliable ? 1 : 0, item.durationMs ?? null, item.frameInterval ?? null).lastInsertRowid,
      );
      for (const { signal, value } of item.signals) insertSignal.run(itemId, signal, value);
      item.frames?.forEach((frame, seq) => insertFrame.run(...frameParams(itemId, seq, frame)));
      feed.appendAdds(itemId, feedAddsFor(item));
      return { itemId, duplicate: false };
    });
  }

  /** Deletes the hash values for real (secure_delete overwrites them), keeps the item row. */
  function withdrawOne(itemId: number, at: number): WithdrawnItem {
    const signals = signalsOf.all(itemId).map((row) => row.signal);
    if (hasFrames.get(itemId) && !signals.includes(FRAMES_SIGNAL)) signals.push(FRAMES_SIGNAL);
    deleteSignals.run(itemId);
    deleteFrames.run(itemId);
    markItemWithdrawn.run(at, itemId);
    feed.redact(itemId);
    feed.appendRemoves(itemId, signals);
    return { itemId, signals };
  }

  const withdrawCaseAt = db.transaction((caseId: string, at: number): WithdrawnItem[] => {
    const withdrawn = openItems.all(caseId).map((row) => withdrawOne(row.id, at));
    markCaseWithdrawn.run(at, at, caseId);
    return withdrawn;
  });

  /**
   * After a withdrawal: secure_delete zeroed the pages in the database, but the write-ahead log
   * still holds older copies of them (with the hashes) until it is checkpointed. Checkpoint and
   * truncate it now, so a withdrawn hash is in no file. Withdrawals are rare: the cost is fine.
   */
  function eraseOldPages<T>(result: T): T {
    db.pragma('wal_checkpoint(TRUNCATE)');
    return result;
  }
  const withdrawItemTx = db.transaction((caseId: string, itemId: number): WithdrawnItem | undefined => {
    const row = itemInCase.get(itemId, caseId);
    if (!row) return undefined;
    if (row.withdrawnAt !== null) return { itemId, signals: [] };
    const at = now();
    const withdrawn = withdrawOne(itemId, at);
    touchCase.run(at, caseId);
    return withdrawn;
  });

  return {
    create: db.transaction((input: { secret: { keyId: string; digest: Buffer }; referral?: string; items: NewItem[] }, newId: () => string) => {
      const at = now();
      const ngoId = input.referral ? (ngos.referralNgoId(input.referral) ?? null) : null;
      for (let attempt = 0; attempt < CASE_ID_ATTEMPTS; attempt++) {
        const caseId = newId();
        if (insertCase.run(caseId, input.secret.digest, input.secret.keyId, at, at, ngoId).changes === 1) {
          return { caseId, items: insertItems(caseId, input.items, at) };
        }
      }
      throw new Error(`no free case id after ${CASE_ID_ATTEMPTS} attempts`);
    }),

    find(caseId) {
      const row = findCase.get(caseId);
      if (!row) return undefined;
      const record: CaseRecord = {
        id: row.id,
        secret: { keyId: row.secretKeyId, digest: row.secretDigest },
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
        status: row.status,
        withdrawnAt: row.withdrawnAt,
      };
      return record;
    },

    items: (caseId) => caseItems.all(caseId).map(toItemRecord),

    addItems: db.transaction((caseId: string, items: NewItem[]) => {
      const at = now();
      const stored = insertItems(caseId, items, at);
      touchCase.run(at, caseId);
      return stored;
    }),

    withdrawItem: (caseId, itemId) => eraseOldPages(withdrawItemTx(caseId, itemId)),

    withdrawCase: (caseId) => eraseOldPages(withdrawCaseAt(caseId, now())),

    purgeExpiredCases(at, retentionDays) {
      if (retentionDays <= 0) return [];
      return eraseOldPages(expiredCases.all(at - retentionDays * DAY_MS).flatMap((row) => withdrawCaseAt(row.id, at)));
    },

    findExact: (signal, value) => exact.all(signal, value).map((row) => row.id),

    *activeBankEntries(signals): IterableIterator<ActiveSignal> {
      if (signals.length === 0) return;
      const query = db.prepare<string[], ActiveSignal>(
        `SELECT s.item_id AS itemId, s.signal, s.value, i.quality FROM item_signals s JOIN items i ON i.id = s.item_id
          WHERE i.withdrawn_at IS NULL AND i.disabled_at IS NULL AND s.signal IN (${signals.map(() => '?').join(', ')})`,
      );
      yield* query.iterate(...signals);
    },

    *activeFrames(): IterableIterator<ActiveFrame> {
      for (const row of activeFrames.iterate()) yield { itemId: row.itemId, seq: row.seq, ...toFrame(row) };
    },

    videoFrames: (itemId) => ({ frames: framesOf.all(itemId).map(toFrame), interval: intervalOf.get(itemId)?.interval ?? null }),

    frameTime: (itemId, seq) => frameTime.get(itemId, seq)?.t,

    confirmedMatchCount: (caseId) => confirmed.get(caseId)?.n ?? 0,
  };
}
