/**
 * `disrupt import` of a video's vPDQ text (what Meta's vpdq tools and `disrupt hash --format vpdq`
 * write): the frames join the bank as a video, a re-encoded copy matches it on the running
 * server, and a malformed line is named and nothing gets in.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toVpdqText } from '@disrupt/hash-core';
import { expect, it } from 'vitest';
import { repoRoot } from '../../hash-core/src/test-support/shared.js';
import { startTestServer } from './helpers.js';
import { addPlatform, match } from './platform-helpers.js';
import { randomFrames, reencoded, videoItem } from './video-helpers.js';

const CLI = join(repoRoot, 'server/dist/cli/main.js');

it('imports a vPDQ file as a video that a re-encoded copy matches', async () => {
  const server = await startTestServer();
  try {
    const platform = await addPlatform(server, 'VideoSite', ['match']);
    const frames = randomFrames(12);
    const query = [{ ...videoItem(reencoded(frames)) }];
    expect((await match(server, platform.auth, query)).body.results[0].matches).toEqual([]);

    const file = join(server.dataDir, 'clip.vpdq.txt');
    writeFileSync(file, toVpdqText({ frames }));
    const run = spawnSync(process.execPath, [CLI, 'import', file, '--json'], { env: { ...process.env, DATA_DIR: server.dataDir }, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ items: 1, skipped: [] });

    let matches: { rule?: string }[] = [];
    for (let i = 0; i < 40 && matches.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      matches = (await match(server, platform.auth, query)).body.results[0].matches;
    }
    expect(matches).toHaveLength(1);
    expect(JSON.stringify(matches[0])).toContain('"set"');
  } finally {
    await server.close();
  }
});

it('names the malformed line of a vPDQ file and imports nothing', async () => {
  const server = await startTestServer();
  try {
    const text = toVpdqText({ frames: randomFrames(3) }).replace(/^(1),\d+,/m, '$1,140,');
    const file = join(server.dataDir, 'bad.vpdq.txt');
    writeFileSync(file, text);
    const run = spawnSync(process.execPath, [CLI, 'import', file], { env: { ...process.env, DATA_DIR: server.dataDir }, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('Nothing imported (vpdq)');
    expect(run.stderr).toContain('skipped line 2: quality: expected an integer from 0 to 100, got "140"');
  } finally {
    await server.close();
  }
});
