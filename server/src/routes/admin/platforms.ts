/**
 * Partner platforms (admins only): create one (its API key is shown once), rotate the key (shown
 * once; the old one stops working at once), revoke it, change scopes, thresholds and whether it
 * is listed on the victims' page. Keys and their digests never reach the audit log.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { problems } from '../../errors.js';
import { PlatformNameTakenError, thresholdsProblem, type Platform } from '../../store/platforms-repository.js';
import { IdParams, iso, isoOrNull, Nullable, Timestamp } from './schemas.js';

const ScopeSchema = Type.Union([Type.Literal('match'), Type.Literal('feed'), Type.Literal('feedback')]);
const Scopes = Type.Array(ScopeSchema, { minItems: 1, maxItems: 3, uniqueItems: true });
const Thresholds = Type.Record(Type.String({ pattern: '^[a-z0-9_-]{1,32}$' }), Type.Integer({ minimum: 0, maximum: 1024 }), {
  description: 'distance in bits per perceptual signal, e.g. {"pdq": 31}; a signal left out uses the default',
});

const PlatformSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('revoked')]),
  scopes: Type.Array(ScopeSchema),
  thresholds: Type.Record(Type.String(), Type.Integer()),
  listed: Type.Boolean({ description: 'shown on the victims’ page as a participating platform' }),
  keyHint: Nullable(Type.String({ description: 'the first characters of the current key, to recognise it' })),
  createdAt: Timestamp,
  revokedAt: Nullable(Timestamp),
  lastSeenAt: Nullable(Timestamp),
});
const WithKey = Type.Object({ platform: PlatformSchema, apiKey: Type.String({ description: 'shown once: it cannot be shown again, only replaced' }) });

const platformView = (p: Platform) => ({
  id: p.id,
  name: p.name,
  status: p.revokedAt === null ? ('active' as const) : ('revoked' as const),
  scopes: p.scopes,
  thresholds: { ...p.thresholds },
  listed: p.listed,
  keyHint: p.keyHint,
  createdAt: iso(p.createdAt),
  revokedAt: isoOrNull(p.revokedAt),
  lastSeenAt: isoOrNull(p.lastSeenAt),
});

function checkThresholds(thresholds: Record<string, number> | undefined): void {
  const problem = thresholds === undefined ? null : thresholdsProblem(thresholds);
  if (problem !== null) throw problems.invalid(`thresholds.${problem.split(':')[0]}`, problem.slice(problem.indexOf(':') + 1).trim());
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const admins = app.requireRole('admin');
  const auth = app.operatorAuth;
  const found = (id: number) => {
    const platform = app.store.platforms.get(id);
    if (!platform) throw problems.notFound(`platform ${id}`);
    return platform;
  };

  app.get('/platforms', { onRequest: admins, schema: { tags: ['admin'], summary: 'Partner platforms, revoked ones included', response: { 200: Type.Object({ platforms: Type.Array(PlatformSchema) }) } } }, async () => ({
    platforms: app.store.platforms.list().map(platformView),
  }));

  app.post(
    '/platforms',
    {
      onRequest: admins,
      schema: {
        tags: ['admin'],
        summary: 'Add a partner platform; its API key is in the answer, once',
        body: Type.Object(
          { name: Type.String({ minLength: 1, maxLength: 100 }), scopes: Scopes, thresholds: Type.Optional(Thresholds), listed: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 201: WithKey },
      },
    },
    async (request, reply) => {
      const { name, scopes, thresholds, listed } = request.body;
      checkThresholds(thresholds);
      try {
        const created = app.store.transaction(() => {
          const result = app.store.platforms.create({ name: name.trim(), scopes, thresholds, listed });
          auth.audit(request, 'platform.create', `platform:${result.platform.id}`, { name: result.platform.name, scopes, thresholds, listed });
          return result;
        });
        return reply.code(201).send({ platform: platformView(created.platform), apiKey: created.apiKey });
      } catch (error) {
        if (error instanceof PlatformNameTakenError) throw problems.conflict(error.message);
        throw error;
      }
    },
  );

  app.post(
    '/platforms/:id/rotate-key',
    {
      onRequest: admins,
      schema: { tags: ['admin'], summary: 'Replace the API key (the old one stops working now; a revoked platform is re-admitted)', params: IdParams, response: { 200: WithKey } },
    },
    async (request) => {
      const { id } = request.params;
      found(id);
      const rotated = app.store.transaction(() => {
        const result = app.store.platforms.rotateKey(id)!;
        auth.audit(request, 'platform.rotate_key', `platform:${id}`);
        return result;
      });
      return { platform: platformView(rotated.platform), apiKey: rotated.apiKey };
    },
  );

  app.post(
    '/platforms/:id/revoke',
    { onRequest: admins, schema: { tags: ['admin'], summary: 'Revoke the API key (history stays)', params: IdParams, response: { 200: PlatformSchema } } },
    async (request) => {
      const { id } = request.params;
      found(id);
      app.store.transaction(() => {
        app.store.platforms.revoke(id);
        auth.audit(request, 'platform.revoke', `platform:${id}`);
      });
      return platformView(found(id));
    },
  );

  app.patch(
    '/platforms/:id',
    {
      onRequest: admins,
      schema: {
        tags: ['admin'],
        summary: 'Change scopes, thresholds or listing',
        params: IdParams,
        body: Type.Object(
          { scopes: Type.Optional(Scopes), thresholds: Type.Optional(Thresholds), listed: Type.Optional(Type.Boolean()) },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: PlatformSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      found(id);
      checkThresholds(request.body.thresholds);
      const updated = app.store.transaction(() => {
        const result = app.store.platforms.update(id, request.body)!;
        auth.audit(request, 'platform.update', `platform:${id}`, { ...request.body });
        return result;
      });
      return platformView(updated);
    },
  );
};

export default routes;
