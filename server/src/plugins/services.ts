/**
 * Shared services, decorated on the root instance (fastify-plugin: not encapsulated) so every
 * route area can reach them: the store, the server keys, the in-memory match bank, the config.
 */
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import type { MatchBank } from '../match/match-bank.js';
import type { ServerKeys } from '../secrets/server-keys.js';
import type { Store } from '../store/store.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    store: Store;
    keys: ServerKeys;
    bank: MatchBank;
  }
}

export interface Services {
  config: Config;
  store: Store;
  keys: ServerKeys;
  bank: MatchBank;
}

export default fp<Services>(
  async (app, services) => {
    app.decorate('config', services.config);
    app.decorate('store', services.store);
    app.decorate('keys', services.keys);
    app.decorate('bank', services.bank);
    app.addHook('onClose', async () => services.store.close());
  },
  { name: 'services' },
);
