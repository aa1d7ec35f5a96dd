import type { BankStats, DayCount, StatsRepository } from '../stats-repository.js';
import type { StoreContext } from './context.js';

const day = (dayNumber: number) => new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);

export function createSqliteStats({ db }: StoreContext): StatsRepository {
  const byPlatform = db.prepare<[number, number], { d: number; key: string; count: number }>(
    `SELECT m.created_at / 86400000 AS d, p.name AS key, COUNT(*) AS count
       FROM match_events m JOIN platforms p ON p.id = m.platform_id
      WHERE m.created_at >= ? AND m.created_at < ? GROUP BY d, p.id ORDER BY d, key`,
  );
  const byFeedback = db.prepare<[number, number], { d: number; key: string; count: number }>(
    `SELECT created_at / 86400000 AS d, COALESCE(feedback, 'none') AS key, COUNT(*) AS count
       FROM match_events WHERE created_at >= ? AND created_at < ? GROUP BY d, key ORDER BY d, key`,
  );
  const one = (sql: string) => {
    const statement = db.prepare<[number, number], { n: number }>(sql);
    return (from: number, to: number) => statement.get(from, to)!.n;
  };
  const casesCreated = one('SELECT COUNT(*) AS n FROM cases WHERE created_at >= ? AND created_at < ?');
  const itemsCreated = one('SELECT COUNT(*) AS n FROM items WHERE created_at >= ? AND created_at < ?');
  const casesWithdrawn = one('SELECT COUNT(*) AS n FROM cases WHERE withdrawn_at >= ? AND withdrawn_at < ?');
  const itemsWithdrawn = one('SELECT COUNT(*) AS n FROM items WHERE withdrawn_at >= ? AND withdrawn_at < ?');
  const disputes = one("SELECT COUNT(*) AS n FROM match_events WHERE feedback = 'not_ncii' AND created_at >= ? AND created_at < ?");
  const openDisputes = one(
    "SELECT COUNT(*) AS n FROM match_events WHERE feedback = 'not_ncii' AND (review IS NULL OR review = 'needs_review') AND created_at >= ? AND created_at < ?",
  );
  const disabledInRange = one("SELECT COUNT(DISTINCT target) AS n FROM audit_log WHERE action = 'item.disable' AND at >= ? AND at < ?");
  const disabled = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM items WHERE disabled_at IS NOT NULL AND withdrawn_at IS NULL');
  const days = (rows: { d: number; key: string; count: number }[]): DayCount[] => rows.map((r) => ({ day: day(r.d), key: r.key, count: r.count }));

  return {
    bank(from, to): BankStats {
      return {
        matchesByPlatform: days(byPlatform.all(from, to)),
        matchesByFeedback: days(byFeedback.all(from, to)),
        submissions: { cases: casesCreated(from, to), items: itemsCreated(from, to) },
        withdrawals: { cases: casesWithdrawn(from, to), items: itemsWithdrawn(from, to) },
        disputes: { total: disputes(from, to), open: openDisputes(from, to) },
        disabledItems: disabled.get()!.n,
        disabledInRange: disabledInRange(from, to),
      };
    },
  };
}
