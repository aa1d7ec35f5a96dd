/** The audit log (admins only): who did what, when, to what; newest first. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { iso, Nullable, parseRange, TimeQuery, Timestamp } from './schemas.js';

const AuditQuery = Type.Object(
  {
    actor: Type.Optional(Type.String({ maxLength: 64, description: 'operator:<id>, cli, anonymous…' })),
    action: Type.Optional(Type.String({ maxLength: 64, description: 'e.g. item.disable' })),
    from: Type.Optional(TimeQuery),
    to: Type.Optional(TimeQuery),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
  },
  { additionalProperties: false },
);

const EntrySchema = Type.Object({
  id: Type.Integer(),
  at: Timestamp,
  actor: Type.String(),
  actorName: Nullable(Type.String()),
  action: Type.String(),
  target: Nullable(Type.String()),
  detail: Nullable(Type.Record(Type.String(), Type.Unknown())),
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['admin'],
        summary: 'The audit log, filtered and paginated',
        querystring: AuditQuery,
        response: { 200: Type.Object({ entries: Type.Array(EntrySchema), total: Type.Integer() }) },
      },
    },
    async (request) => {
      const { actor, action, from, to, limit = 50, offset = 0 } = request.query;
      const { entries, total } = app.store.audit.list({ actor, action, ...parseRange(from, to), limit, offset });
      return { entries: entries.map((entry) => ({ ...entry, at: iso(entry.at) })), total };
    },
  );
};

export default routes;
