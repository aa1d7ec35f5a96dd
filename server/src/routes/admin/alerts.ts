/**
 * Alerts: items quarantined automatically because platforms disputed them (abuse/quarantine.ts).
 * Reviewers see why (the rule, the counts) and decide: `restore` (the item matches again, the
 * feed says `add`) or `disable` (it stays out, under their name). Every decision is audited.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { decideQuarantine } from '../../abuse/quarantine.js';
import { quarantineSettings } from '../../abuse/quarantine-rules.js';
import type { Quarantine } from '../../store/quarantine-repository.js';
import { IdParams, iso, isoOrNull, NoteSchema, Nullable, Timestamp } from './schemas.js';

const AlertSchema = Type.Object({
  id: Type.Integer(),
  itemId: Type.Integer(),
  caseId: Type.String(),
  itemType: Type.Union([Type.Literal('image'), Type.Literal('video')]),
  itemStatus: Type.Union([Type.Literal('active'), Type.Literal('disabled'), Type.Literal('withdrawn')], { description: 'The item now' }),
  createdAt: Timestamp,
  reason: Type.Union([Type.Literal('disputed'), Type.Literal('abnormal_rate')], {
    description: 'disputed: enough platforms answered not_ncii; abnormal_rate: many matches on several platforms, with a dispute',
  }),
  disputingPlatforms: Type.Integer({ description: 'Distinct platforms that answered not_ncii' }),
  windowMatches: Type.Integer({ description: 'Matches within the rate window when quarantined' }),
  matchingPlatforms: Type.Integer({ description: 'Distinct platforms among those matches' }),
  decision: Nullable(Type.Union([Type.Literal('restore'), Type.Literal('disable')])),
  decidedBy: Nullable(Type.String({ description: 'The operator who decided' })),
  decidedAt: Nullable(Timestamp),
  note: Nullable(Type.String()),
});

const alertView = (q: Quarantine) => ({
  id: q.id,
  itemId: q.itemId,
  caseId: q.caseId,
  itemType: q.itemType,
  itemStatus: q.itemStatus,
  createdAt: iso(q.createdAt),
  reason: q.reason,
  disputingPlatforms: q.disputingPlatforms,
  windowMatches: q.windowMatches,
  matchingPlatforms: q.matchingPlatforms,
  decision: q.decision,
  decidedBy: q.decidedByName,
  decidedAt: isoOrNull(q.decidedAt),
  note: q.note,
});

const AlertsQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('decided'), Type.Literal('all')], { default: 'open' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
  },
  { additionalProperties: false },
);

const Rules = Type.Object({
  platforms: Type.Integer({ description: 'K: platforms answering not_ncii that quarantine an item, and platforms an abnormal rate must span' }),
  matches: Type.Integer({ description: 'N: matches within `hours` that are an abnormal rate (with at least one not_ncii)' }),
  hours: Type.Integer({ description: 'T: the rate window' }),
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const reviewers = app.requireRole('admin', 'reviewer');
  const tags = ['review'];

  app.get(
    '/alerts',
    {
      onRequest: reviewers,
      schema: {
        tags,
        summary: 'Quarantined items (open ones by default), newest first, with the rule that fired and its counts',
        querystring: AlertsQuery,
        response: { 200: Type.Object({ alerts: Type.Array(AlertSchema), total: Type.Integer(), open: Type.Integer(), rules: Rules }) },
      },
    },
    async (request) => {
      const { status = 'open', limit = 50, offset = 0 } = request.query;
      const { alerts, total } = app.store.quarantine.list(status, limit, offset);
      return { alerts: alerts.map(alertView), total, open: app.store.quarantine.openCount(), rules: quarantineSettings(app.config.quarantine) };
    },
  );

  app.post(
    '/alerts/:id/decision',
    {
      onRequest: reviewers,
      schema: {
        tags,
        summary: 'Decide on a quarantined item: restore it (it matches again) or keep it disabled',
        params: IdParams,
        body: Type.Object({ decision: Type.Union([Type.Literal('restore'), Type.Literal('disable')]), note: Type.Optional(NoteSchema) }, { additionalProperties: false }),
        response: { 200: AlertSchema },
      },
    },
    async (request) => {
      const note = request.body.note?.trim() || null;
      const decided = decideQuarantine(app, request.params.id, request.body.decision, request.signedIn!.operator.id, note, (action, target, detail) =>
        app.operatorAuth.audit(request, action, target, detail),
      );
      return alertView(decided);
    },
  );
};

export default routes;
