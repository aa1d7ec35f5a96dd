import type { PlatformMatchSummary, PrivacyRepository } from '../privacy-repository.js';
import type { StoreContext } from './context.js';

export function createSqlitePrivacy({ db }: StoreContext): PrivacyRepository {
  const purge = db.prepare<[number]>('DELETE FROM match_events WHERE created_at < ?');
  const summary = db.prepare<[string], PlatformMatchSummary>(
    `SELECT m.item_id AS itemId, p.name AS platform, COUNT(*) AS matches, min(m.created_at) AS firstAt, max(m.created_at) AS lastAt,
            SUM(m.feedback = 'blocked') AS blocked, SUM(m.feedback = 'not_ncii') AS disputed
       FROM match_events m JOIN platforms p ON p.id = m.platform_id
      WHERE m.case_id = ? GROUP BY m.item_id, p.name ORDER BY m.item_id, p.name`,
  );

  const checkpoint = () => {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    return result === undefined || result.busy === 0;
  };

  return {
    purgeMatchEventsBefore(cutoff) {
      const { changes } = purge.run(cutoff);
      if (changes > 0) checkpoint();
      return changes;
    },
    caseMatchSummary: (caseId) => summary.all(caseId),
    checkpoint,
  };
}
