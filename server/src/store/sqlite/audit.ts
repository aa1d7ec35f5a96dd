import { sanitizeAuditDetail, type AuditEntry, type AuditRepository } from '../audit-repository.js';
import type { StoreContext } from './context.js';

interface AuditRow {
  id: number;
  at: number;
  actor: string;
  actor_name: string | null;
  action: string;
  target: string | null;
  detail: string | null;
}

const toEntry = (row: AuditRow): AuditEntry => ({
  id: row.id,
  at: row.at,
  actor: row.actor,
  actorName: row.actor_name,
  action: row.action,
  target: row.target,
  detail: row.detail === null ? null : (JSON.parse(row.detail) as Record<string, unknown>),
});

export function createSqliteAudits({ db, now }: StoreContext): AuditRepository {
  const insert = db.prepare<[number, string, string, string | null, string | null]>(
    'INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)',
  );

  return {
    record(actor, action, target, detail) {
      const clean = detail ? sanitizeAuditDetail(detail) : null;
      insert.run(now(), actor, action, target, clean && Object.keys(clean).length > 0 ? JSON.stringify(clean) : null);
    },
    list({ actor, action, from, to, limit, offset }) {
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (actor !== undefined) (where.push('a.actor = ?'), params.push(actor));
      if (action !== undefined) (where.push('a.action = ?'), params.push(action));
      if (from !== undefined) (where.push('a.at >= ?'), params.push(from));
      if (to !== undefined) (where.push('a.at < ?'), params.push(to));
      const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
      const total = (db.prepare(`SELECT COUNT(*) AS n FROM audit_log a ${clause}`).get(...params) as { n: number }).n;
      const rows = db
        .prepare(
          `SELECT a.*, o.username AS actor_name FROM audit_log a
             LEFT JOIN operators o ON a.actor = 'operator:' || o.id
           ${clause} ORDER BY a.id DESC LIMIT ? OFFSET ?`,
        )
        .all(...params, limit, offset) as AuditRow[];
      return { entries: rows.map(toEntry), total };
    },
  };
}
