/**
 * GET /v1/cases/:caseId/export: everything the bank holds about a case, for its owner (the right
 * of access): the case, each item's fingerprints as stored (none once withdrawn), statuses and
 * dates, and per platform how many times the item matched, when first and last, and what the
 * platform reported. Nothing of any other case; never an operator's note or a platform's ref.
 */
import { VideoFrameSchema } from '@disrupt/hash-core';
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import type { CaseRecord } from '../../store/cases-repository.js';

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));
const Time = Type.String({ format: 'date-time' });
const TimeOrNull = Type.Union([Time, Type.Null()]);

const PlatformMatches = Type.Object({
  platform: Type.String(),
  matches: Type.Integer({ description: 'Times an upload on this platform matched the item' }),
  firstAt: Time,
  lastAt: Time,
  blocked: Type.Integer({ description: 'Matches the platform reported it blocked' }),
  disputed: Type.Integer({ description: 'Matches the platform said were not intimate images' }),
});


export const CaseExport = Type.Object({
  format: Type.Literal('disrupt-case-export/1'),
  exportedAt: Time,
  case: Type.Object({
    caseId: Type.String(),
    status: Type.Union([Type.Literal('active'), Type.Literal('withdrawn')]),
    createdAt: Time,
    updatedAt: Time,
    withdrawnAt: TimeOrNull,
    keptUntil: TimeOrNull,
    referredBy: Type.Union([Type.String(), Type.Null()], { description: 'The partner organisation whose referral code created the case' }),
  }),
  items: Type.Array(
    Type.Object({
      itemId: Type.Integer(),
      type: Type.Union([Type.Literal('image'), Type.Literal('video')]),
      addedAt: Time,
      status: Type.Union([Type.Literal('active'), Type.Literal('disabled'), Type.Literal('withdrawn')]),
      withdrawnAt: TimeOrNull,
      quality: Type.Union([Type.Integer(), Type.Null()]),
      reliable: Type.Boolean(),
      durationMs: Type.Union([Type.Integer(), Type.Null()]),
      fingerprints: Type.Record(Type.String(), Type.String(), { description: 'Signal name → value, as stored; empty once withdrawn' }),
      frames: Type.Array(VideoFrameSchema, { description: 'Videos: the sampled frames; empty once withdrawn' }),
      matches: Type.Array(PlatformMatches),
    }),
  ),
});

export function caseExport(app: FastifyInstance, record: CaseRecord, now = Date.now()): Static<typeof CaseExport> {
  const detail = app.store.moderation.caseDetail(record.id)!;
  const matches = app.store.privacy.caseMatchSummary(record.id);
  const retentionDays = app.config.retentionDays;
  return {
    format: 'disrupt-case-export/1',
    exportedAt: iso(now),
    case: {
      caseId: detail.caseId,
      status: detail.status,
      createdAt: iso(detail.createdAt),
      updatedAt: iso(detail.updatedAt),
      withdrawnAt: isoOrNull(detail.withdrawnAt),
      keptUntil: detail.status === 'active' && retentionDays > 0 ? iso(detail.updatedAt + retentionDays * DAY_MS) : null,
      referredBy: detail.ngo?.name ?? null,
    },
    items: detail.items.map((item) => ({
      itemId: item.itemId,
      type: item.type,
      addedAt: iso(item.createdAt),
      status: item.status,
      withdrawnAt: isoOrNull(item.withdrawnAt),
      quality: item.quality,
      reliable: item.reliable,
      durationMs: item.durationMs,
      fingerprints: Object.fromEntries(item.signals.map((s) => [s.signal, s.value])),
      frames: item.frames,
      matches: matches
        .filter((m) => m.itemId === item.itemId)
        .map((m) => ({ platform: m.platform, matches: m.matches, firstAt: iso(m.firstAt), lastAt: iso(m.lastAt), blocked: m.blocked, disputed: m.disputed })),
    })),
  };
}
