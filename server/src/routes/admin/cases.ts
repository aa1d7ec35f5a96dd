/** A case as operators see it: its items (summaries) and every match, with the referral NGO. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { problems } from '../../errors.js';
import { normalizeCaseId } from '../../secrets/tokens.js';
import { ItemSummarySchema, itemSummaryView } from './item-view.js';
import { MatchSchema, matchViewer } from './match-view.js';
import { iso, isoOrNull, NgoRefSchema, Nullable, Timestamp } from './schemas.js';

/** Matches shown with a case: the most recent ones. */
const CASE_MATCHES = 500;

const CaseReply = Type.Object({
  caseId: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('withdrawn')]),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  withdrawnAt: Nullable(Timestamp),
  ngo: Nullable(NgoRefSchema),
  items: Type.Array(ItemSummarySchema),
  matches: Type.Array(MatchSchema, { description: `the ${CASE_MATCHES} most recent` }),
  matchCount: Type.Integer({ description: 'all matches of the case' }),
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/cases/:caseId',
    {
      onRequest: app.requireRole('admin', 'reviewer'),
      schema: {
        tags: ['review'],
        summary: 'A case: its items and matches',
        params: Type.Object({ caseId: Type.String({ minLength: 8, maxLength: 20 }) }, { additionalProperties: false }),
        response: { 200: CaseReply },
      },
    },
    async (request) => {
      const found = app.store.moderation.caseDetail(normalizeCaseId(request.params.caseId));
      if (!found) throw problems.notFound(`case ${request.params.caseId}`);
      app.operatorAuth.audit(request, 'case.view', `case:${found.caseId}`);
      const { events } = app.store.matchEvents.list({ caseId: found.caseId }, { limit: CASE_MATCHES });
      return {
        caseId: found.caseId,
        status: found.status,
        createdAt: iso(found.createdAt),
        updatedAt: iso(found.updatedAt),
        withdrawnAt: isoOrNull(found.withdrawnAt),
        ngo: found.ngo,
        items: found.items.map(itemSummaryView),
        matches: events.map(matchViewer(app)),
        matchCount: app.store.matchEvents.count({ caseId: found.caseId }),
      };
    },
  );
};

export default routes;
