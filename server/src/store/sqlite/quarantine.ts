import type { ItemStatus, ItemType } from '../cases-repository.js';
import type { Quarantine, QuarantineDecision, QuarantineReason, QuarantineRepository, QuarantineStatus } from '../quarantine-repository.js';
import type { StoreContext } from './context.js';

interface QuarantineRow {
  id: number;
  item_id: number;
  case_id: string;
  type: ItemType;
  withdrawn_at: number | null;
  disabled_at: number | null;
  created_at: number;
  reason: QuarantineReason;
  disputing_platforms: number;
  window_matches: number;
  matching_platforms: number;
  decision: QuarantineDecision | null;
  decided_by: number | null;
  decided_by_name: string | null;
  decided_at: number | null;
  note: string | null;
}

const SELECT = `SELECT q.*, i.case_id, i.type, i.withdrawn_at, i.disabled_at, o.username AS decided_by_name
  FROM quarantines q JOIN items i ON i.id = q.item_id LEFT JOIN operators o ON o.id = q.decided_by`;

const STATUS_SQL: Record<QuarantineStatus, string> = {
  open: 'q.decision IS NULL',
  decided: 'q.decision IS NOT NULL',
  all: '1 = 1',
};

function itemStatus(row: QuarantineRow): ItemStatus {
  if (row.withdrawn_at !== null) return 'withdrawn';
  return row.disabled_at !== null ? 'disabled' : 'active';
}

function toQuarantine(row: QuarantineRow): Quarantine {
  return {
    id: row.id,
    itemId: row.item_id,
    caseId: row.case_id,
    itemType: row.type,
    itemStatus: itemStatus(row),
    createdAt: row.created_at,
    reason: row.reason,
    disputingPlatforms: row.disputing_platforms,
    windowMatches: row.window_matches,
    matchingPlatforms: row.matching_platforms,
    decision: row.decision,
    decidedBy: row.decided_by,
    decidedByName: row.decided_by_name,
    decidedAt: row.decided_at,
    note: row.note,
  };
}

export function createSqliteQuarantine({ db, now }: StoreContext): QuarantineRepository {
  const active = db.prepare<[number], { one: number }>('SELECT 1 AS one FROM items WHERE id = ? AND withdrawn_at IS NULL AND disabled_at IS NULL');
  const disputes = db.prepare<[number, number], { n: number }>(
    "SELECT COUNT(DISTINCT platform_id) AS n FROM match_events WHERE item_id = ? AND feedback = 'not_ncii' AND feedback_at > ?",
  );
  const windowMatches = db.prepare<[number, number], { n: number; platforms: number }>(
    'SELECT COUNT(*) AS n, COUNT(DISTINCT platform_id) AS platforms FROM match_events WHERE item_id = ? AND created_at >= ?',
  );
  const restoredAt = db.prepare<[number], { at: number | null }>("SELECT max(decided_at) AS at FROM quarantines WHERE item_id = ? AND decision = 'restore'");
  const openFor = db.prepare<[number], QuarantineRow>(`${SELECT} WHERE q.item_id = ? AND q.decision IS NULL ORDER BY q.id DESC LIMIT 1`);
  const byId = db.prepare<[number], QuarantineRow>(`${SELECT} WHERE q.id = ?`);
  const insert = db.prepare(
    `INSERT INTO quarantines (item_id, created_at, reason, disputing_platforms, window_matches, matching_platforms)
     VALUES (@itemId, @at, @reason, @disputingPlatforms, @windowMatches, @matchingPlatforms)`,
  );
  const decide = db.prepare('UPDATE quarantines SET decision = @decision, decided_by = @operatorId, decided_at = @at, note = @note WHERE id = @id AND decision IS NULL');
  const adopt = db.prepare('UPDATE items SET disabled_by = ?, disabled_reason = ? WHERE id = ? AND disabled_at IS NOT NULL');
  const openCount = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM quarantines WHERE decision IS NULL');

  const get = (id: number) => {
    const row = byId.get(id);
    return row && toQuarantine(row);
  };

  return {
    evidence(itemId, since, windowStart) {
      const isActive = active.get(itemId) !== undefined;
      const disputing = disputes.get(itemId, since)!.n;
      // The rate only matters once someone disputed the item: no count for the rest.
      const recent = disputing > 0 ? windowMatches.get(itemId, windowStart)! : { n: 0, platforms: 0 };
      return { active: isActive, disputingPlatforms: disputing, windowMatches: recent.n, matchingPlatforms: recent.platforms };
    },
    restoredAt: (itemId) => restoredAt.get(itemId)?.at ?? null,
    openFor(itemId) {
      const row = openFor.get(itemId);
      return row && toQuarantine(row);
    },
    create(itemId, reason, evidence) {
      const { disputingPlatforms, windowMatches, matchingPlatforms } = evidence;
      const id = Number(insert.run({ itemId, at: now(), reason, disputingPlatforms, windowMatches, matchingPlatforms }).lastInsertRowid);
      return get(id)!;
    },
    get,
    list(status, limit, offset) {
      const where = STATUS_SQL[status];
      const rows = db.prepare<[number, number], QuarantineRow>(`${SELECT} WHERE ${where} ORDER BY q.id DESC LIMIT ? OFFSET ?`).all(limit, offset);
      const total = db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM quarantines q WHERE ${where}`).get()!.n;
      return { alerts: rows.map(toQuarantine), total };
    },
    openCount: () => openCount.get()!.n,
    decide: (id, decision, operatorId, note) => decide.run({ id, decision, operatorId, note, at: now() }).changes === 1,
    adoptDisable(itemId, operatorId, reason) {
      adopt.run(operatorId, reason, itemId);
    },
  };
}
