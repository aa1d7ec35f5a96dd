import type { ServerKeys } from '../../secrets/server-keys.js';
import type { Store } from '../store.js';
import { createSqliteAudits } from './audit.js';
import { createSqliteCases } from './cases.js';
import type { StoreContext } from './context.js';
import { durabilitySettings, openDatabase, type Db } from './database.js';
import { createSqliteFeeds } from './feed.js';
import { createSqliteIdempotency } from './idempotency.js';
import { createSqliteMatchEvents } from './match-events.js';
import { createSqliteModeration } from './moderation.js';
import { createSqliteNgos } from './ngos.js';
import { createSqliteOperators } from './operators.js';
import { createSqlitePlatforms } from './platforms.js';
import { createSqlitePrivacy } from './privacy.js';
import { createSqliteQuarantine } from './quarantine.js';
import { createSqliteSessions } from './sessions.js';
import { createSqliteStats } from './stats.js';

export function createSqliteStore(db: Db, keys: ServerKeys, now: () => number = Date.now): Store {
  const context: StoreContext = { db, keys, now };
  return {
    cases: createSqliteCases(context),
    feed: createSqliteFeeds(context),
    platforms: createSqlitePlatforms(context),
    matchEvents: createSqliteMatchEvents(context),
    operators: createSqliteOperators(context),
    ngos: createSqliteNgos(context),
    sessions: createSqliteSessions(context),
    audit: createSqliteAudits(context),
    moderation: createSqliteModeration(context),
    stats: createSqliteStats(context),
    idempotency: createSqliteIdempotency(context),
    quarantine: createSqliteQuarantine(context),
    privacy: createSqlitePrivacy(context),
    transaction: (fn) => db.transaction(fn)(),
    backup: async (file) => {
      await db.backup(file);
    },
    health: () => {
      const d = durabilitySettings(db);
      return { ok: true, journalMode: d.journalMode, synchronous: d.synchronous };
    },
    close: () => db.close(),
  };
}

export function openSqliteStore(dataDir: string, keys: ServerKeys): Store {
  return createSqliteStore(openDatabase(dataDir), keys);
}
