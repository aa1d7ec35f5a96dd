/**
 * The transparency report (DSA art. 15/22 style): how many cases, items, matches, platform
 * decisions, disputes, withdrawals and disabled items over a period. Counts only, nothing per
 * case or person; every count under 5 is given as "<5" (zero included), like the NGOs' figures,
 * so a published report cannot point at one person.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { SMALL_COUNT } from '../ngo/index.js';
import { iso, reportRange, TimeQuery, Timestamp } from './schemas.js';


/** The rows of the report, in the order it is read (and the CSV is written). */
export const TRANSPARENCY_ROWS = [
  'cases',
  'items',
  'matches',
  'decisionsBlocked',
  'decisionsNotNcii',
  'decisionsPending',
  'disputes',
  'withdrawnCases',
  'withdrawnItems',
  'disabledItems',
] as const;
type Row = (typeof TRANSPARENCY_ROWS)[number];

const Shown = (description: string) => Type.Union([Type.Integer({ minimum: SMALL_COUNT }), Type.Literal('<5')], { description });
const show = (count: number) => (count < SMALL_COUNT ? ('<5' as const) : count);

const DESCRIPTIONS: Record<Row, string> = {
  cases: 'cases opened in the period',
  items: 'fingerprints submitted in the period',
  matches: 'matches reported to platforms in the period',
  decisionsBlocked: 'of those matches, the platform blocked the content',
  decisionsNotNcii: 'of those matches, the platform said it was not NCII',
  decisionsPending: 'of those matches, still under review at the platform or not answered yet',
  disputes: 'matches disputed by a platform (not_ncii) and sent to review',
  withdrawnCases: 'cases withdrawn by their victim in the period',
  withdrawnItems: 'fingerprints withdrawn in the period',
  disabledItems: 'fingerprints an operator disabled (stopped matching) during the period, re-enabled since or not',
};

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/transparency',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['review'],
        summary: 'Transparency report: counts over a period, each under 5 given as "<5"',
        querystring: Type.Object({ from: Type.Optional(TimeQuery), to: Type.Optional(TimeQuery) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            from: Timestamp,
            to: Timestamp,
            counts: Type.Object(Object.fromEntries(TRANSPARENCY_ROWS.map((row) => [row, Shown(DESCRIPTIONS[row])])) as unknown as Record<Row, ReturnType<typeof Shown>>),
          }),
        },
      },
    },
    async (request) => {
      const { from, to } = reportRange(request.query.from, request.query.to);
      const bank = app.store.stats.bank(from, to);
      const feedback = (...keys: string[]) => bank.matchesByFeedback.filter((d) => keys.includes(d.key)).reduce((sum, d) => sum + d.count, 0);
      const exact: Record<Row, number> = {
        cases: bank.submissions.cases,
        items: bank.submissions.items,
        matches: bank.matchesByPlatform.reduce((sum, d) => sum + d.count, 0),
        decisionsBlocked: feedback('blocked'),
        decisionsNotNcii: feedback('not_ncii'),
        decisionsPending: feedback('pending', 'none'),
        disputes: bank.disputes.total,
        withdrawnCases: bank.withdrawals.cases,
        withdrawnItems: bank.withdrawals.items,
        disabledItems: bank.disabledInRange,
      };
      const counts = Object.fromEntries(TRANSPARENCY_ROWS.map((row) => [row, show(exact[row])])) as Record<Row, number | '<5'>;
      return { from: iso(from), to: iso(to), counts };
    },
  );
};

export default routes;
