import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireScope } from '../../plugins/platform-auth.js';
import { FEED_LIMIT_DEFAULT, feedSchema } from './schemas.js';

/**
 * GET /v1/feed?after=<cursor>&limit=<n>: the bank's change feed, oldest first, for platforms that
 * mirror it. `next` is always returned: poll with it; it stays the same while nothing is new.
 */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/feed', { schema: feedSchema, preHandler: requireScope('feed') }, async (request) => {
    const { after = '0', limit = FEED_LIMIT_DEFAULT } = request.query;
    const page = app.store.feed.list(Number(after), limit);
    return { records: page.records, next: String(page.next) };
  });
};
export default routes;
