/**
 * Abuse resistance shared by the route areas: the per-platform match quotas (one counter for
 * /v1/match and /v1/match/file). Decorated on the root instance like the other services.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { MatchQuota } from '../abuse/match-quota.js';
import { DEFAULT_PLATFORM_LIMITS } from '../routes/platform-api/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    matchQuota: MatchQuota;
  }
}

export default fp(
  async (app: FastifyInstance) => {
    const limits = { ...DEFAULT_PLATFORM_LIMITS, ...app.config.platformLimits };
    app.decorate(
      'matchQuota',
      new MatchQuota({
        matchRequestsPerMinute: limits.requestsPerMinute,
        matchItemsPerMinute: limits.matchItemsPerMinute,
        matchRequestsPerDay: limits.matchRequestsPerDay,
        matchItemsPerDay: limits.matchItemsPerDay,
      }),
    );
  },
  { name: 'abuse', dependencies: ['services'] },
);
