import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { considerQuarantine } from '../../abuse/quarantine.js';
import { problems } from '../../errors.js';
import { requireScope } from '../../plugins/platform-auth.js';
import { feedbackSchema } from './schemas.js';

/**
 * POST /v1/matches/:matchId/feedback: what the platform did with a match. Idempotent, the latest
 * decision wins; `not_ncii` puts the match in the operators' dispute queue. Only the platform
 * that received the match may answer: to any other, the match does not exist (404). Enough
 * disputes quarantine the item (abuse/quarantine-rules.ts).
 */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/matches/:matchId/feedback', { schema: feedbackSchema, preHandler: requireScope('feedback') }, async (request) => {
    const { matchId } = request.params;
    const { decision, note } = request.body;
    const event = app.store.matchEvents.setFeedback(matchId, request.platform!.id, decision, note ?? null);
    if (!event) throw problems.notFound(`match ${matchId}`);
    if (decision === 'not_ncii' && event.itemId !== null) considerQuarantine(app, [event.itemId]);
    return { matchId, decision, note: event.feedbackNote, at: event.feedbackAt! };
  });
};
export default routes;
