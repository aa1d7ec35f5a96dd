/**
 * Access to the project's read-only reference data in `../shared` (beside the repository). A clone
 * elsewhere has no such folder: tests that need it skip with a visible reason instead of failing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const sharedDir = resolve(repoRoot, '../shared');
export const hasShared = existsSync(join(sharedDir, 'reference'));

export function sharedPath(...parts: string[]): string {
  return join(sharedDir, ...parts);
}

/**
 * `describe` that runs only when ../shared exists, and says so when it does not. Without it the
 * body is not even collected (it may read reference files while declaring its tests): one skipped
 * test carries the reason instead.
 */
export function describeWithShared(name: string, body: () => void): void {
  if (hasShared) describe(name, body);
  else describe(name, () => it.skip(`skipped: ../shared reference data not found at ${sharedDir}`, () => {}));
}

/** Parses a TSV by its header line (column order differs between reference files). */
export function readTsv(path: string): Record<string, string>[] {
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const header = lines[0]!.split('\t');
  return lines.slice(1).map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}
