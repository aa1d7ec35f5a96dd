/**
 * Retention (RETENTION_DAYS > 0): a case not updated — created, added to, or partly withdrawn —
 * for that many days is withdrawn exactly as its owner would: hashes deleted, feed redacted with
 * `remove` records, indexes updated. Runs at start and then every hour. Viewing a case does not
 * extend it; the page shows the date (`keptUntil`). RETENTION_DAYS=0 (the default) keeps cases
 * until they are withdrawn.
 */
import type { FastifyInstance } from 'fastify';

const HOUR_MS = 60 * 60 * 1000;

/** Withdraws expired cases; returns how many items lost their hashes. */
export function applyRetention(app: FastifyInstance, now = Date.now()): number {
  if (app.config.retentionDays <= 0) return 0;
  const withdrawn = app.store.cases.purgeExpiredCases(now, app.config.retentionDays);
  for (const item of withdrawn) app.bank.remove(item.itemId);
  if (withdrawn.length > 0) app.log.info({ items: withdrawn.length, retentionDays: app.config.retentionDays }, 'retention: expired cases withdrawn');
  return withdrawn.length;
}

export function scheduleRetention(app: FastifyInstance): void {
  if (app.config.retentionDays <= 0) return;
  applyRetention(app);
  const timer = setInterval(() => {
    try {
      applyRetention(app);
    } catch (error) {
      app.log.error({ err: error }, 'retention: purge failed; will retry in an hour');
    }
  }, HOUR_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
