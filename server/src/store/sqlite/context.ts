import type { ServerKeys } from '../../secrets/server-keys.js';
import type { Db } from './database.js';

/** What every SQLite repository is built from: the open database, the server keys, a clock. */
export interface StoreContext {
  db: Db;
  keys: ServerKeys;
  now: () => number;
}
