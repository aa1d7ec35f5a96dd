import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { platformsSchema } from './schemas.js';

/** GET /v1/platforms: the names of the platforms that agreed to be shown on the victims' page. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/platforms', { schema: platformsSchema }, async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=300'); // public names only; the page may keep them a while
    return { platforms: app.store.platforms.listListed().map((name) => ({ name })) };
  });
};
export default routes;
