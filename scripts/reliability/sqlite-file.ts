/**
 * The database file opened read-only with the server's own better-sqlite3 (a dependency of the
 * server package, not of the scripts), to check it while or after the server runs.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO_ROOT } from './server-process.js';

export interface ReadOnlyDb {
  pragma(source: string, options?: { simple?: boolean }): unknown;
  prepare(source: string): { all(): unknown[]; raw(): { iterate(): Iterable<unknown[]> } };
  close(): void;
}

type DatabaseConstructor = new (file: string, options: { readonly: boolean; fileMustExist: boolean }) => ReadOnlyDb;

export function openReadOnly(file: string): ReadOnlyDb {
  const Database = createRequire(join(REPO_ROOT, 'server/package.json'))('better-sqlite3') as DatabaseConstructor;
  return new Database(file, { readonly: true, fileMustExist: true });
}
