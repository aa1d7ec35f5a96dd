import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';

/** Liveness and readiness for orchestrators and monitoring. */
const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/healthz', { schema: { hide: true, response: { 200: Type.Object({ status: Type.Literal('ok') }) } } }, async () => ({ status: 'ok' as const }));
  app.get(
    '/readyz',
    {
      schema: {
        hide: true,
        response: {
          200: Type.Object({
            status: Type.Literal('ready'),
            indexes: Type.Record(Type.String(), Type.Integer()),
            // The running connection's settings (synchronous is per connection, not in the file):
            // what the crash test asserts, so a weaker setting cannot hide behind the OS cache.
            durability: Type.Object({ journalMode: Type.String(), synchronous: Type.Integer() }),
          }),
        },
      },
    },
    async () => {
      const health = app.store.health();
      if (!health.ok) throw new Error('store not healthy');
      return { status: 'ready' as const, indexes: app.bank.sizes(), durability: { journalMode: health.journalMode, synchronous: health.synchronous } };
    },
  );
};
export default routes;
