/**
 * Changes written by another process (here `disrupt import` while the server runs) reach the
 * running server's in-memory indexes through the change feed, without a restart.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../../hash-core/src/test-support/shared.js';
import { startTestServer } from './helpers.js';
import { addPlatform, flipBits, match, randomItem } from './platform-helpers.js';

const CLI = join(repoRoot, 'server/dist/cli/main.js');

it('a PDQ imported by the CLI matches on the running server within seconds', async () => {
  const server = await startTestServer();
  try {
    const platform = await addPlatform(server, 'Follower', ['match']);
    const item = randomItem();
    const query = [{ type: 'image', pdq: flipBits(item.pdq, [3, 40, 100]), quality: 90 }];
    expect((await match(server, platform.auth, query)).body.results[0].matches).toEqual([]);

    const csv = join(server.dataDir, 'incoming.csv');
    writeFileSync(csv, `collab,signal_type,signal_str,category,tags\r\nother-bank,pdq,${item.pdq},POSITIVE_CLASS,quality_90\r\n`);
    const run = spawnSync(process.execPath, [CLI, 'import', csv], { env: { ...process.env, DATA_DIR: server.dataDir }, encoding: 'utf8' });
    expect(run.status).toBe(0);

    let matches: { signal: string; distance: number }[] = [];
    for (let i = 0; i < 40 && matches.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      matches = (await match(server, platform.auth, query)).body.results[0].matches;
    }
    expect(matches).toMatchObject([{ signal: 'pdq', distance: 3 }]);
  } finally {
    await server.close();
  }
});
