/**
 * The platform API: matching (/v1/match, /v1/match/file), feedback on matches, the change feed,
 * and the public list of participating platforms. Every route here is rate limited per API key
 * (per client address, in memory only, for requests without a valid key), with RateLimit headers
 * on every response.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DEFAULT_MATCH_QUOTAS } from '../../abuse/match-quota.js';
import type { PlatformLimits } from '../../config.js';
import { problems } from '../../errors.js';
import { authenticatePlatform } from '../../plugins/platform-auth.js';
import feedRoutes from './feed.js';
import feedbackRoutes from './feedback.js';
import matchFileRoutes from './match-file.js';
import matchRoutes from './match.js';
import publicRoutes from './public.js';

export const DEFAULT_PLATFORM_LIMITS: PlatformLimits = {
  // Generous: a platform checking every upload one by one at 100 per second stays under it.
  requestsPerMinute: 6000,
  // Requests without a valid key (the public list, mistakes, key guessing), per client address.
  anonymousRequestsPerMinute: 120,
  // Matching has its own quotas on top (abuse/match-quota.ts).
  ...DEFAULT_MATCH_QUOTAS,
};

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const limits = { ...DEFAULT_PLATFORM_LIMITS, ...app.config.platformLimits };
  app.decorateRequest('platform', null);
  await app.register(rateLimit, {
    global: true,
    hook: 'onRequest',
    enableDraftSpec: true,
    timeWindow: 60_000,
    keyGenerator: (request) => {
      const platform = authenticatePlatform(request);
      return platform ? `platform:${platform.id}` : `client:${request.ip}`;
    },
    max: (_request, key) => (key.startsWith('platform:') ? limits.requestsPerMinute : limits.anonymousRequestsPerMinute),
    errorResponseBuilder: (_request, context) => problems.tooMany(Math.max(1, Math.ceil(context.ttl / 1000)), `over the limit of ${context.max} requests per minute`),
  });
  // Answers carry match results and hashes: never kept by a browser or a shared cache.
  app.addHook('onSend', async (_request, reply) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  await app.register(publicRoutes);
  await app.register(matchRoutes);
  await app.register(matchFileRoutes);
  await app.register(feedbackRoutes);
  await app.register(feedRoutes);
};
export default routes;
