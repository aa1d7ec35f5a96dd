import type { ItemStatus, SignalValue } from '../cases-repository.js';
import type { CaseDetail, ItemDetail, ModerationRepository, NgoRef } from '../moderation-repository.js';
import type { StoreContext } from './context.js';
import { frameColumns, toFrame, type FrameRow } from './frame-rows.js';

interface ItemRow {
  id: number;
  case_id: string;
  type: ItemDetail['type'];
  created_at: number;
  quality: number | null;
  reliable: number;
  duration_ms: number | null;
  frame_interval: number | null;
  withdrawn_at: number | null;
  disabled_at: number | null;
  disabled_reason: string | null;
  disabled_by: number | null;
  ngo_id: number | null;
  ngo_code: string | null;
  ngo_name: string | null;
}

interface CaseRow {
  id: string;
  status: CaseDetail['status'];
  created_at: number;
  updated_at: number;
  withdrawn_at: number | null;
  ngo_id: number | null;
  ngo_code: string | null;
  ngo_name: string | null;
}

const ITEM_SELECT = `SELECT i.*, c.ngo_id, n.code AS ngo_code, n.name AS ngo_name
  FROM items i JOIN cases c ON c.id = i.case_id LEFT JOIN ngos n ON n.id = c.ngo_id`;

const ngoOf = (row: { ngo_id: number | null; ngo_code: string | null; ngo_name: string | null }): NgoRef | null =>
  row.ngo_id === null || row.ngo_code === null ? null : { id: row.ngo_id, code: row.ngo_code, name: row.ngo_name ?? '' };

function statusOf(row: ItemRow): ItemStatus {
  if (row.withdrawn_at !== null) return 'withdrawn';
  return row.disabled_at !== null ? 'disabled' : 'active';
}

export function createSqliteModeration({ db, now }: StoreContext): ModerationRepository {
  const itemById = db.prepare<[number], ItemRow>(`${ITEM_SELECT} WHERE i.id = ?`);
  const itemsOfCase = db.prepare<[string], ItemRow>(`${ITEM_SELECT} WHERE i.case_id = ? ORDER BY i.id`);
  const signals = db.prepare<[number], SignalValue>('SELECT signal, value FROM item_signals WHERE item_id = ? ORDER BY signal');
  const frames = db.prepare<[number], FrameRow>(`SELECT ${frameColumns()} FROM item_frames WHERE item_id = ? ORDER BY seq`);
  const caseById = db.prepare<[string], CaseRow>(
    'SELECT c.*, n.code AS ngo_code, n.name AS ngo_name FROM cases c LEFT JOIN ngos n ON n.id = c.ngo_id WHERE c.id = ?',
  );
  const disable = db.prepare<[number, string, number | null, number]>(
    'UPDATE items SET disabled_at = ?, disabled_reason = ?, disabled_by = ? WHERE id = ? AND withdrawn_at IS NULL AND disabled_at IS NULL',
  );
  const enable = db.prepare<[number]>(
    'UPDATE items SET disabled_at = NULL, disabled_reason = NULL, disabled_by = NULL WHERE id = ? AND withdrawn_at IS NULL AND disabled_at IS NOT NULL',
  );

  const detail = (row: ItemRow): ItemDetail => ({
    itemId: row.id,
    caseId: row.case_id,
    type: row.type,
    createdAt: row.created_at,
    quality: row.quality,
    reliable: row.reliable === 1,
    durationMs: row.duration_ms,
    status: statusOf(row),
    withdrawnAt: row.withdrawn_at,
    disabledAt: row.disabled_at,
    disabledReason: row.disabled_reason,
    disabledBy: row.disabled_by,
    signals: signals.all(row.id),
    frameInterval: row.frame_interval,
    frames: frames.all(row.id).map(toFrame),
    ngo: ngoOf(row),
  });

  const item = (itemId: number) => {
    const row = itemById.get(itemId);
    return row && detail(row);
  };

  return {
    item,
    caseDetail(caseId) {
      const row = caseById.get(caseId);
      if (!row) return undefined;
      return {
        caseId: row.id,
        status: row.status,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        withdrawnAt: row.withdrawn_at,
        ngo: ngoOf(row),
        items: itemsOfCase.all(caseId).map(detail),
      };
    },
    disable: (itemId, operatorId, reason) => disable.run(now(), reason, operatorId, itemId).changes === 1,
    enable(itemId) {
      return enable.run(itemId).changes === 0 ? null : item(itemId)!;
    },
  };
}
