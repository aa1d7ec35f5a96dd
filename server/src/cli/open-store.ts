/** Commands that change the bank open the store directly (DATA_DIR), like the server does. */
import { loadConfig } from '../config.js';
import { ServerKeys } from '../secrets/server-keys.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import type { Store } from '../store/store.js';

export async function withStore<T>(fn: (store: Store) => T | Promise<T>): Promise<T> {
  const { dataDir } = loadConfig();
  const store = openSqliteStore(dataDir, ServerKeys.loadOrCreate(dataDir));
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}
