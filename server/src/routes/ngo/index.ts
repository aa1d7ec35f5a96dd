/**
 * What a partner NGO sees: how many people its referral code brought, per ISO week — and nothing
 * per case. Counts under 5 are shown as "<5" (zero included), so a small count cannot point at
 * the one person the NGO knows it referred that week. Only completed weeks: watching the current
 * week's count grow would date each referral. No total either: a total minus the exact weeks
 * would give the small ones back.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { problems } from '../../errors.js';
import operatorAuth from '../../plugins/operator-auth.js';
import { qrSvg } from '../../secrets/qr-code.js';
import { isoWeek, isoWeekStart } from '../../store/iso-week.js';

const WEEK_MS = 7 * 86_400_000;
/** The smallest count shown as a number. */
export const SMALL_COUNT = 5;

const Shown = Type.Union([Type.Integer({ minimum: SMALL_COUNT }), Type.Literal('<5')]);
const show = (count: number) => (count < SMALL_COUNT ? ('<5' as const) : count);

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.addHook('onRoute', (route) => {
    route.schema = { ...route.schema, security: [{ operatorSession: [] }] };
  });
  await app.register(operatorAuth);

  app.get(
    '/stats',
    {
      onRequest: app.requireRole('ngo'),
      schema: {
        tags: ['ngo'],
        summary: "Your NGO's referrals per completed ISO week (counts under 5 shown as \"<5\")",
        querystring: Type.Object({ weeks: Type.Optional(Type.Integer({ minimum: 1, maximum: 104, default: 12 })) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            ngo: Type.Object({ name: Type.String(), code: Type.String() }),
            weeks: Type.Array(Type.Object({ week: Type.String({ description: 'ISO 8601 week, e.g. 2025-W07' }), referrals: Shown })),
          }),
        },
      },
    },
    async (request) => {
      const { operator } = request.signedIn!;
      const ngo = operator.ngoId === null ? undefined : app.store.ngos.get(operator.ngoId);
      if (!ngo) throw problems.forbidden('this account is not linked to an NGO; ask an admin');
      const weeks = request.query.weeks ?? 12;
      const since = isoWeekStart(Date.now()) - weeks * WEEK_MS;
      const counts = new Map(app.store.ngos.referralsByWeek(ngo.id, since).map(({ week, count }) => [week, count]));
      // Every week of the range, empty ones too (which weeks are missing would tell as much as a count).
      const rows = Array.from({ length: weeks }, (_, i) => isoWeek(since + i * WEEK_MS)).map((week) => ({ week, referrals: show(counts.get(week) ?? 0) }));
      return { ngo: { name: ngo.name, code: ngo.code }, weeks: rows };
    },
  );

  app.get(
    '/referral-qr.svg',
    {
      onRequest: app.requireRole('ngo'),
      schema: {
        tags: ['ngo'],
        summary: 'Your referral link `<origin>/?ref=CODE` as a QR code (SVG), drawn by this server',
        response: { 200: { description: 'an SVG document', content: { 'image/svg+xml': { schema: Type.String() } } } },
      },
    },
    async (request, reply) => {
      const { operator } = request.signedIn!;
      const ngo = operator.ngoId === null ? undefined : app.store.ngos.get(operator.ngoId);
      if (!ngo) throw problems.forbidden('this account is not linked to an NGO; ask an admin');
      // The origin the NGO reached us at (behind a proxy: the forwarded one when TRUST_PROXY says so).
      const link = `${request.protocol}://${request.host}/?ref=${encodeURIComponent(ngo.code)}`;
      reply.header('content-type', 'image/svg+xml; charset=utf-8').header('x-referral-link', link);
      return qrSvg(link);
    },
  );
};

export default routes;
