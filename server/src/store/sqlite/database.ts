/**
 * Opens the SQLite database with the settings durability depends on: WAL with synchronous=FULL
 * (a 201 is sent only after the commit reached the disk, so it survives kill -9 and power loss),
 * foreign keys, secure_delete (withdrawn hashes are overwritten, not left in free pages).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

export const DATABASE_FILE = 'disrupt.sqlite';

export function openDatabase(dataDir: string, file = DATABASE_FILE): Db {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new Database(file === ':memory:' ? ':memory:' : join(dataDir, file));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

export function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`the database is at schema version ${current}, newer than this program (${MIGRATIONS.length}): upgrade disrupt-hash`);
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

/** The settings a crash test asserts, so a weaker configuration cannot hide behind the OS cache. */
export function durabilitySettings(db: Db): { journalMode: string; synchronous: number; foreignKeys: number; secureDelete: number } {
  return {
    journalMode: db.pragma('journal_mode', { simple: true }) as string,
    synchronous: db.pragma('synchronous', { simple: true }) as number,
    foreignKeys: db.pragma('foreign_keys', { simple: true }) as number,
    secureDelete: db.pragma('secure_delete', { simple: true }) as number,
  };
}
