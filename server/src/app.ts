/**
 * Builds the Fastify application (never listens: tests use it with inject or on port 0, and
 * server.ts listens). Shared services first, then cross-cutting plugins, then one encapsulated
 * plugin per route area.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config.js';
import { clientErrors, frameworkErrors, registerErrorHandling } from './errors.js';
import { followFeed } from './match/follow-feed.js';
import { loadBank } from './match/load-bank.js';
import { MatchBank } from './match/match-bank.js';
import abuse from './plugins/abuse.js';
import metrics from './plugins/metrics.js';
import openapi from './plugins/openapi.js';
import securityHeaders from './plugins/security-headers.js';
import services from './plugins/services.js';
import web from './plugins/web.js';
import adminRoutes from './routes/admin/index.js';
import caseRoutes from './routes/cases/index.js';
import ngoRoutes from './routes/ngo/index.js';
import platformRoutes from './routes/platform-api/index.js';
import systemRoutes from './routes/system/index.js';
import { scheduleMatchRetention } from './privacy/match-retention.js';
import { ServerKeys } from './secrets/server-keys.js';
import { openSqliteStore } from './store/sqlite/sqlite-store.js';
import type { Store } from './store/store.js';

/** JSON bodies: 1 MB by default; routes that carry video frames raise it to 8 MB. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export interface BuildOptions {
  config: Config;
  /** Pino options, or false for silence (tests). */
  logger?: boolean | Record<string, unknown>;
  store?: Store;
  keys?: ServerKeys;
}

export async function buildApp(options: BuildOptions): Promise<FastifyInstance> {
  const { config } = options;
  const keys = options.keys ?? ServerKeys.loadOrCreate(config.dataDir);
  const store = options.store ?? openSqliteStore(config.dataDir, keys);
  const bank = new MatchBank();
  const loadedUpTo = store.feed.latestSeq(); // read first: nothing written after it is missed
  loadBank(bank, store);
  const follower = followFeed(bank, store, loadedUpTo);

  const app = Fastify({
    logger: options.logger === undefined ? { level: config.logLevel, serializers: { req: requestSummary } } : options.logger,
    trustProxy: config.trustProxy,
    bodyLimit: DEFAULT_BODY_LIMIT,
    frameworkErrors,
    clientErrorHandler: clientErrors,
    // Unknown fields are rejected, not silently dropped: a client sending `file` has a bug to see.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onClose', async () => follower.stop());
  // JSON only, everywhere: a text/plain body (what a cross-site form can send) gets a 415 naming
  // the type instead of reaching validation as a string ("body: must be object").
  app.removeContentTypeParser('text/plain');
  registerErrorHandling(app);
  await app.register(services, { config, store, keys, bank });
  await app.register(abuse);
  scheduleMatchRetention(app);
  await app.register(securityHeaders);
  await app.register(metrics);
  await app.register(openapi);
  await app.register(systemRoutes);
  await app.register(caseRoutes, { prefix: '/v1' });
  await app.register(platformRoutes, { prefix: '/v1' });
  await app.register(adminRoutes, { prefix: '/v1/admin' });
  await app.register(ngoRoutes, { prefix: '/v1/ngo' });
  await app.register(web);
  return app;
}

/** What a request log line may say: method and route, never the client address or headers. */
function requestSummary(request: { method: string; routeOptions?: { url?: string } }) {
  // The route template (/v1/cases/:caseId), never the URL itself: ids and typos stay out of logs.
  return { method: request.method, route: request.routeOptions?.url ?? '(no route)' };
}
