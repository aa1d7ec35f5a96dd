/**
 * Match events for review: the filtered list, the dispute queue (matches a platform says are not
 * NCII, the ones nobody settled yet first), and the operator's review. A review records a human
 * decision; it never changes what the platform did.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { problems } from '../../errors.js';
import { InvalidCursorError, MATCH_EVENT_ORDERS, MATCH_EVENT_PAGE_DEFAULT, MATCH_EVENT_PAGE_MAX, type MatchEventFilter, type MatchEventPage } from '../../store/match-events-repository.js';
import { FeedbackSchema, MatchSchema, matchViewer, ReviewSchema } from './match-view.js';
import { IdParams, NoteSchema, parseRange, TimeQuery } from './schemas.js';

const PageQuery = {
  cursor: Type.Optional(Type.String({ maxLength: 64, description: "the previous page's `next`" })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MATCH_EVENT_PAGE_MAX, default: MATCH_EVENT_PAGE_DEFAULT })),
};

const ListQuery = Type.Object(
  {
    from: Type.Optional(TimeQuery),
    to: Type.Optional(TimeQuery),
    platformId: Type.Optional(Type.Integer({ minimum: 1 })),
    itemId: Type.Optional(Type.Integer({ minimum: 1 })),
    signal: Type.Optional(Type.String({ pattern: '^[a-z0-9_-]{1,32}$' })),
    minDistance: Type.Optional(Type.Integer({ minimum: 0, maximum: 1024 })),
    maxDistance: Type.Optional(Type.Integer({ minimum: 0, maximum: 1024 })),
    feedback: Type.Optional(Type.Union([FeedbackSchema, Type.Literal('none')])),
    review: Type.Optional(Type.Union([ReviewSchema, Type.Literal('none')])),
    order: Type.Optional(
      Type.Union(
        MATCH_EVENT_ORDERS.map((order) => Type.Literal(order)),
        { default: 'newest', description: 'newest / oldest first; closest / farthest: by distance, newest first among equals; disputes-first; open-first' },
      ),
    ),
    ...PageQuery,
  },
  { additionalProperties: false },
);

const ListReply = Type.Object({ matches: Type.Array(MatchSchema), next: Type.Union([Type.String(), Type.Null()]), total: Type.Integer() });

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const reviewers = app.requireRole('admin', 'reviewer');

  const list = (filter: MatchEventFilter, page: MatchEventPage) => {
    try {
      const { events, next } = app.store.matchEvents.list(filter, page);
      return { matches: events.map(matchViewer(app)), next, total: app.store.matchEvents.count(filter) };
    } catch (error) {
      if (error instanceof InvalidCursorError) throw problems.invalid('cursor', error.message);
      throw error;
    }
  };

  app.get(
    '/matches',
    { onRequest: reviewers, schema: { tags: ['review'], summary: 'Match events, filtered and paginated', querystring: ListQuery, response: { 200: ListReply } } },
    async (request) => {
      const { from, to, cursor, limit, order, ...rest } = request.query;
      if (rest.minDistance !== undefined && rest.maxDistance !== undefined && rest.minDistance > rest.maxDistance) {
        throw problems.invalid('minDistance', 'must not be more than `maxDistance`');
      }
      return list({ ...parseRange(from, to), ...rest }, { cursor, limit, order });
    },
  );

  app.get(
    '/matches/platforms',
    {
      onRequest: reviewers,
      schema: {
        tags: ['review'],
        summary: 'The platforms that have matches (names for the review filters; the platform list itself is for admins)',
        response: { 200: Type.Object({ platforms: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })) }) },
      },
    },
    async () => ({ platforms: app.store.matchEvents.platforms() }),
  );

  app.get(
    '/matches/disputes',
    {
      onRequest: reviewers,
      schema: {
        tags: ['review'],
        summary: 'The dispute queue: matches a platform reported as not NCII, unsettled ones first',
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: ListReply },
      },
    },
    async (request) => list({ feedback: 'not_ncii' }, { ...request.query, order: 'open-first' }),
  );

  app.post(
    '/matches/:id/review',
    {
      onRequest: reviewers,
      schema: {
        tags: ['review'],
        summary: "Record an operator's review of a match (the latest review wins)",
        params: IdParams,
        body: Type.Object({ review: ReviewSchema, note: Type.Optional(NoteSchema) }, { additionalProperties: false }),
        response: { 200: MatchSchema },
      },
    },
    async (request) => {
      const { id } = request.params;
      const { review, note } = request.body;
      const event = app.store.transaction(() => {
        const updated = app.store.matchEvents.review(id, request.signedIn!.operator.id, review, note?.trim() || null);
        if (updated) app.operatorAuth.audit(request, 'match.review', `match:${id}`, { review, note });
        return updated;
      });
      if (!event) throw problems.notFound(`match ${id}`);
      return matchViewer(app)(event);
    },
  );
};

export default routes;
