/**
 * Temporary folders for tests, removed when the tests are done (each CI run had left several in
 * /tmp, some of 21 MB).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, onTestFinished } from 'vitest';

const remove = (dir: string) => () => rmSync(dir, { recursive: true, force: true });

/** A temporary folder removed when the current test ends: call it inside a test. */
export function testScratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(remove(dir));
  return dir;
}

/** A temporary folder removed after the tests of the file or describe block it is made in. */
export function suiteScratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(remove(dir));
  return dir;
}
