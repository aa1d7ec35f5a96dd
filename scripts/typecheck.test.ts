/**
 * Every package's TypeScript, tests included, checks with `pnpm typecheck`: the builds check the
 * sources they ship, not the tests, nor the page's code against its own globals. hash-core's
 * tests (hash-core/tsconfig.test.json), the server's (server/tsconfig.test.json), the scripts and
 * the fixtures (tsconfig.scripts.json) too.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('typechecks every package, tests included', () => {
  // Not `pnpm -s`: in a recursive run it silences the scripts' own output, the errors with it.
  const result = spawnSync('pnpm', ['typecheck'], { cwd: join(__dirname, '..'), encoding: 'utf8' });
  expect(`${result.stdout}${result.stderr}`.split('\n').filter((line) => /error TS\d+/.test(line))).toEqual([]);
  expect(result.status).toBe(0);
}, 180_000);
