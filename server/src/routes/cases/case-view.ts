/**
 * What a victim sees of their case: its status, each item's type, date and reliability, and the
 * number of confirmed matches — never raw match counts, platform names or content references.
 */
import type { Static } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { CaseRecord } from '../../store/cases-repository.js';
import type { CaseView } from './schemas.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

export function caseView(app: FastifyInstance, record: CaseRecord): Static<typeof CaseView> {
  const retentionDays = app.config.retentionDays;
  const view: Static<typeof CaseView> = {
    caseId: record.id,
    status: record.status,
    createdAt: iso(record.createdAt),
    keptUntil: record.status === 'active' && retentionDays > 0 ? iso(record.updatedAt + retentionDays * DAY_MS) : null,
    confirmedMatches: app.store.cases.confirmedMatchCount(record.id),
    items: app.store.cases.items(record.id).map((item) => ({
      itemId: item.itemId,
      type: item.type,
      addedAt: iso(item.createdAt),
      reliable: item.reliable,
      ...(item.durationMs !== null ? { durationMs: item.durationMs } : {}),
      status: item.status,
      ...(item.withdrawnAt !== null ? { withdrawnAt: iso(item.withdrawnAt) } : {}),
    })),
  };
  if (record.withdrawnAt !== null) view.withdrawnAt = iso(record.withdrawnAt);
  return view;
}
