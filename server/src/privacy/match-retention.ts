/**
 * Retention of match events (MATCH_RETENTION_DAYS, default 365; 0 keeps them): a match older than
 * that is deleted — its platform, ref, distance and feedback — at start and then every hour. Match
 * counts in reports and in a case's export only cover what is kept. The same hourly run
 * checkpoints the write-ahead log, so rows deleted since (withdrawals included, whose own
 * checkpoint a busy reader may have held back) are in no file: secure_delete overwrote them in
 * the database itself.
 */
import type { FastifyInstance } from 'fastify';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Deletes the expired match events; returns how many. */
export function applyMatchRetention(app: FastifyInstance, now = Date.now()): number {
  const days = app.config.matchRetentionDays;
  const deleted = days > 0 ? app.store.privacy.purgeMatchEventsBefore(now - days * DAY_MS) : 0;
  if (deleted > 0) app.log.info({ matchEvents: deleted, matchRetentionDays: days }, 'retention: expired match events deleted');
  if (!app.store.privacy.checkpoint()) app.log.warn('retention: the write-ahead log could not be truncated (a reader was busy); will retry in an hour');
  return deleted;
}

export function scheduleMatchRetention(app: FastifyInstance): void {
  const run = () => {
    try {
      applyMatchRetention(app);
    } catch (error) {
      app.log.error({ err: error }, 'retention: match events purge failed; will retry in an hour');
    }
  };
  run();
  const timer = setInterval(run, HOUR_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
