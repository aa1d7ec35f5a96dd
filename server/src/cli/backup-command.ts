/**
 * `disrupt backup <file>`: an online, consistent copy of the database (SQLite's backup API works
 * while the server runs), with the server keys inside it — without them no case secret, API key
 * or session could be checked after a restore. Keep backups as safe as the data: they hold hashes.
 *
 * `disrupt restore <file>`: checks the backup's integrity, keeps the current database aside
 * (`*.before-restore-<time>`), installs the backup and its keys. Stop the server first.
 */
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '../config.js';
import { parseKeyFile, SERVER_KEYS_FILE, ServerKeys } from '../secrets/server-keys.js';
import { DATABASE_FILE, migrate, openDatabase } from '../store/sqlite/database.js';
import { UsageError } from './usage-error.js';

export const BACKUP_USAGE = `disrupt backup <file>     online backup of DATA_DIR (database and server keys) into one file
disrupt restore <file>    replace DATA_DIR's database and keys with a backup (stop the server first)
`;

const KEYS_TABLE = 'backup_server_keys';

export async function runBackupCommand(argv: string[]): Promise<number> {
  const [file, ...rest] = argv;
  if (!file || rest.length > 0) throw new UsageError('backup needs exactly one file name');
  if (existsSync(file)) throw new UsageError(`${file} already exists; choose a new file name`);
  const { dataDir } = loadConfig();
  const keys = ServerKeys.loadOrCreate(dataDir);
  const db = openDatabase(dataDir);
  try {
    await db.backup(file);
  } finally {
    db.close();
  }
  const copy = new Database(file);
  try {
    copy.exec(`CREATE TABLE ${KEYS_TABLE} (json TEXT NOT NULL)`);
    copy.prepare(`INSERT INTO ${KEYS_TABLE} (json) VALUES (?)`).run(keys.toJSON());
    copy.pragma('journal_mode = DELETE'); // one self-contained file
  } finally {
    copy.close();
  }
  process.stdout.write(`backup written to ${file}\n`);
  return 0;
}

export async function runRestoreCommand(argv: string[]): Promise<number> {
  const [file, ...rest] = argv;
  if (!file || rest.length > 0) throw new UsageError('restore needs exactly one backup file');
  if (!existsSync(file)) throw new UsageError(`${file} does not exist`);
  let keysJson: string;
  const backup = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const check = backup.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new UsageError(`${file} is damaged (integrity check: ${String(check)}); nothing was changed`);
    const row = backup.prepare(`SELECT json FROM ${KEYS_TABLE}`).get() as { json: string } | undefined;
    if (!row) throw new UsageError(`${file} is not a disrupt backup (it has no server keys); nothing was changed`);
    keysJson = row.json;
    parseKeyFile(keysJson, file);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${file} is not a disrupt backup (${(error as Error).message}); nothing was changed`);
  } finally {
    backup.close();
  }
  const { dataDir } = loadConfig();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = join(dataDir, DATABASE_FILE);
  openDatabase(dataDir).close(); // makes sure DATA_DIR exists and checkpoints any WAL of the old database
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(target + suffix)) renameSync(target + suffix, `${target}${suffix}.before-restore-${stamp}`);
  }
  const keysPath = join(dataDir, SERVER_KEYS_FILE);
  if (existsSync(keysPath)) renameSync(keysPath, `${keysPath}.before-restore-${stamp}`);
  const restored = new Database(target);
  try {
    await new Database(file, { readonly: true }).backup(target);
  } finally {
    restored.close();
  }
  const db = new Database(target);
  db.exec(`DROP TABLE ${KEYS_TABLE}`);
  db.pragma('journal_mode = WAL');
  migrate(db);
  db.close();
  writeFileSync(keysPath, keysJson + '\n', { mode: 0o600 });
  process.stdout.write(`restored ${file} into ${dataDir} (the previous database is kept as *.before-restore-${stamp})\n`);
  return 0;
}
