/** Dashboard counts over a time range (default: the last 30 days); days are UTC. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { iso, reportRange, TimeQuery, Timestamp } from './schemas.js';


const Count = Type.Integer({ minimum: 0 });
const StatsReply = Type.Object({
  from: Timestamp,
  to: Timestamp,
  matchesPerDay: Type.Object({
    byPlatform: Type.Array(Type.Object({ day: Type.String(), platform: Type.String(), count: Count })),
    byFeedback: Type.Array(Type.Object({ day: Type.String(), feedback: Type.String({ description: 'blocked, not_ncii, pending or none' }), count: Count })),
  }),
  submissions: Type.Object({ cases: Count, items: Count }),
  withdrawals: Type.Object({ cases: Count, items: Count }),
  disputes: Type.Object({ total: Count, open: Type.Integer({ description: 'not reviewed yet, or marked needs_review' }) }),
  disabledItems: Type.Integer({ description: 'now, not over the range' }),
  referrals: Type.Array(Type.Object({ ngoId: Type.Integer(), code: Type.String(), name: Type.String(), count: Count })),
  indexSizes: Type.Record(Type.String(), Type.Integer(), { description: 'hashes in each in-memory index now' }),
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/stats',
    {
      onRequest: app.requireRole('admin', 'reviewer'),
      schema: {
        tags: ['review'],
        summary: 'Counts: matches per day by platform and feedback, submissions, withdrawals, disputes, referrals, index sizes',
        querystring: Type.Object({ from: Type.Optional(TimeQuery), to: Type.Optional(TimeQuery) }, { additionalProperties: false }),
        response: { 200: StatsReply },
      },
    },
    async (request) => {
      const { from, to } = reportRange(request.query.from, request.query.to);
      const bank = app.store.stats.bank(from, to);
      return {
        from: iso(from),
        to: iso(to),
        matchesPerDay: {
          byPlatform: bank.matchesByPlatform.map(({ day, key, count }) => ({ day, platform: key, count })),
          byFeedback: bank.matchesByFeedback.map(({ day, key, count }) => ({ day, feedback: key, count })),
        },
        submissions: bank.submissions,
        withdrawals: bank.withdrawals,
        disputes: bank.disputes,
        disabledItems: bank.disabledItems,
        referrals: app.store.ngos.referralCounts(from, to),
        indexSizes: app.bank.sizes(),
      };
    },
  );
};

export default routes;
