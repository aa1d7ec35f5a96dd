/**
 * Items, as operators see them (fingerprints, quality, history, matches), and disabling: a
 * disabled item stops matching at once (out of the in-memory indexes; the exact-hash lookup skips
 * it) and leaves the feed with `remove` records; enabling puts it back with `add` records. The
 * hashes stay in the store either way: only the victim can delete them (withdrawal).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { problems } from '../../errors.js';
import { feedAddsFor, feedSignalsFor } from '../../store/feed-records.js';
import { ItemSchema, itemView } from './item-view.js';
import { MatchSchema, matchViewer } from './match-view.js';
import { IdParams, NoteSchema } from './schemas.js';

/** Matches shown with an item: the most recent ones (all of them: /matches?itemId=). */
const ITEM_MATCHES = 200;

const ItemReply = Type.Object({
  item: ItemSchema,
  matches: Type.Array(MatchSchema, { description: `the ${ITEM_MATCHES} most recent` }),
  matchCount: Type.Integer({ description: 'all matches of the item' }),
});

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const reviewers = app.requireRole('admin', 'reviewer');
  const found = (id: number) => {
    const item = app.store.moderation.item(id);
    if (!item) throw problems.notFound(`item ${id}`);
    return item;
  };

  app.get(
    '/items/:id',
    { onRequest: reviewers, schema: { tags: ['review'], summary: 'An item: fingerprints, quality, referral and matches (never an image)', params: IdParams, response: { 200: ItemReply } } },
    async (request) => {
      const item = found(request.params.id);
      app.operatorAuth.audit(request, 'item.view', `item:${item.itemId}`);
      const { events } = app.store.matchEvents.list({ itemId: item.itemId }, { limit: ITEM_MATCHES });
      return { item: itemView(item), matches: events.map(matchViewer(app)), matchCount: app.store.matchEvents.count({ itemId: item.itemId }) };
    },
  );

  app.post(
    '/items/:id/disable',
    {
      onRequest: reviewers,
      schema: {
        tags: ['review'],
        summary: 'Stop an item from matching (reversible; the feed says `remove`)',
        params: IdParams,
        body: Type.Object({ reason: NoteSchema }, { additionalProperties: false }),
        response: { 200: ItemReply.properties.item },
      },
    },
    async (request) => {
      const { id } = request.params;
      const reason = request.body.reason.trim();
      const item = app.store.transaction(() => {
        const before = found(id);
        if (before.status !== 'active') throw problems.conflict(`item ${id} is ${before.status}`);
        app.store.moderation.disable(id, request.signedIn!.operator.id, reason);
        app.store.feed.appendRemoves(id, feedSignalsFor(before));
        app.operatorAuth.audit(request, 'item.disable', `item:${id}`, { reason });
        return app.store.moderation.item(id)!;
      });
      app.bank.remove(id); // after the commit: a failed write leaves the item matching, as stored
      return itemView(item);
    },
  );

  app.post(
    '/items/:id/enable',
    {
      onRequest: reviewers,
      schema: {
        tags: ['review'],
        summary: 'Let a disabled item match again (the feed says `add`)',
        params: IdParams,
        body: Type.Object({ reason: Type.Optional(NoteSchema) }, { additionalProperties: false }),
        response: { 200: ItemReply.properties.item },
      },
    },
    async (request) => {
      const { id } = request.params;
      const reason = request.body?.reason?.trim();
      const item = app.store.transaction(() => {
        const before = found(id);
        if (before.status !== 'disabled') throw problems.conflict(`item ${id} is ${before.status}, not disabled`);
        const enabled = app.store.moderation.enable(id)!;
        app.store.feed.appendAdds(id, feedAddsFor(enabled));
        app.operatorAuth.audit(request, 'item.enable', `item:${id}`, { reason });
        return enabled;
      });
      for (const { signal, value } of item.signals) app.bank.add({ itemId: id, signal, value, quality: item.quality });
      app.bank.frames.add(id, item.frames);
      return itemView(item);
    },
  );
};

export default routes;
