import { isoWeek } from '../iso-week.js';
import { normalizeNgoCode, type Ngo, type NgoRepository } from '../ngos-repository.js';
import type { StoreContext } from './context.js';
import { isUniqueViolation } from './errors.js';

interface NgoRow {
  id: number;
  name: string;
  code: string;
  active: number;
  created_at: number;
}

const DAY_MS = 86_400_000;

const toNgo = (row: NgoRow): Ngo => ({ id: row.id, name: row.name, code: row.code, active: row.active === 1, createdAt: row.created_at });

export function createSqliteNgos({ db, now }: StoreContext): NgoRepository {
  const insert = db.prepare<[string, string, number]>('INSERT INTO ngos (name, code, created_at) VALUES (?, ?, ?)');
  const byId = db.prepare<[number], NgoRow>('SELECT * FROM ngos WHERE id = ?');
  const byCode = db.prepare<[string], NgoRow>('SELECT * FROM ngos WHERE code = ?');
  const all = db.prepare<[], NgoRow>('SELECT * FROM ngos ORDER BY name COLLATE NOCASE, id');
  const setActive = db.prepare<[number, number]>('UPDATE ngos SET active = ? WHERE id = ?');
  // Grouped by UTC day in SQL (few rows back), then by ISO week here: SQLite has no ISO week.
  const perDay = db.prepare<[number, number], { day: number; count: number }>(
    'SELECT created_at / 86400000 AS day, COUNT(*) AS count FROM cases WHERE ngo_id = ? AND created_at >= ? GROUP BY day ORDER BY day',
  );
  const perNgo = db.prepare<[number, number], { ngoId: number; code: string; name: string; count: number }>(
    `SELECT n.id AS ngoId, n.code AS code, n.name AS name, COUNT(c.id) AS count
       FROM ngos n LEFT JOIN cases c ON c.ngo_id = n.id AND c.created_at >= ? AND c.created_at < ?
      GROUP BY n.id ORDER BY n.name COLLATE NOCASE, n.id`,
  );

  return {
    create({ name, code }) {
      try {
        const id = Number(insert.run(name.trim(), normalizeNgoCode(code), now()).lastInsertRowid);
        return toNgo(byId.get(id)!);
      } catch (error) {
        if (isUniqueViolation(error)) return null;
        throw error;
      }
    },
    get(id) {
      const row = byId.get(id);
      return row && toNgo(row);
    },
    byCode(code) {
      const row = byCode.get(normalizeNgoCode(code));
      return row && toNgo(row);
    },
    referralNgoId(code) {
      const row = byCode.get(normalizeNgoCode(code));
      return row && row.active === 1 ? row.id : undefined;
    },
    list: () => all.all().map(toNgo),
    setActive: (id, active) => setActive.run(active ? 1 : 0, id).changes === 1,
    referralsByWeek(ngoId, since) {
      const weeks = new Map<string, number>();
      for (const { day, count } of perDay.all(ngoId, since)) {
        const week = isoWeek(day * DAY_MS);
        weeks.set(week, (weeks.get(week) ?? 0) + count);
      }
      return [...weeks].map(([week, count]) => ({ week, count }));
    },
    referralCounts: (from, to) => perNgo.all(from, to),
  };
}
