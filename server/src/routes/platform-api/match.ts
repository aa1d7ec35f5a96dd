import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireScope } from '../../plugins/platform-auth.js';
import { matchQueries, parseQueryItems } from './match-query.js';
import { matchSchema } from './schemas.js';

/** A full batch of 1,000 items with their 8 dihedral hashes is about 0.9 MB: leave room for it. */
export const MATCH_BODY_LIMIT = 4 * 1024 * 1024;

/** POST /v1/match: a batch of fingerprints in, the matches of each out. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/match', { schema: matchSchema, bodyLimit: MATCH_BODY_LIMIT, preHandler: requireScope('match') }, async (request) =>
    matchQueries(app, request.platform!, parseQueryItems(request.body.items)),
  );
};
export default routes;
