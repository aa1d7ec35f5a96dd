import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requireScope } from '../../plugins/platform-auth.js';
import { countBodyBytes, photoBodyLimit } from '../body-size.js';
import { searchVideoFrames } from './frame-search.js';
import { matchQueries, parseQueryItems } from './match-query.js';
import { matchSchema } from './schemas.js';

/** A full batch of 1,000 items with their 8 dihedral hashes is about 0.9 MB: leave room for it. */
export const MATCH_BODY_LIMIT = 4 * 1024 * 1024;
/** With video frames: an hour of frames with their variants is ~1.3 MB, so a few long videos fit. */
export const MATCH_VIDEO_BODY_LIMIT = 8 * 1024 * 1024;

/** POST /v1/match: a batch of fingerprints in, the matches of each out. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/match',
    {
      schema: matchSchema,
      bodyLimit: MATCH_VIDEO_BODY_LIMIT,
      preParsing: countBodyBytes,
      preValidation: photoBodyLimit(MATCH_BODY_LIMIT),
      preHandler: requireScope('match'),
    },
    async (request) => {
      app.matchQuota.take(request.platform!, request.body.items.length);
      const queries = parseQueryItems(request.body.items);
      await searchVideoFrames(app, request.platform!, queries); // long videos: in slices, other requests in between
      return matchQueries(app, request.platform!, queries);
    },
  );
};
export default routes;
