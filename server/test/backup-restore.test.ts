/**
 * `disrupt backup` while the server runs, then `disrupt restore` into another DATA_DIR: the
 * restored server knows the case (its secret still verifies: the server keys travelled with the
 * backup), matches its hashes, and keeps the platform key working.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testScratchDir } from '../../hash-core/src/test-support/scratch.js';
import { repoRoot } from '../../hash-core/src/test-support/shared.js';
import { startTestServer } from './helpers.js';
import { addPlatform, match, randomItem, storeItems } from './platform-helpers.js';

const CLI = join(repoRoot, 'server/dist/cli/main.js');
const disrupt = (dataDir: string, ...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' });

describe('backup and restore', () => {
  it('round-trips the bank, the case secrets and the platform keys', async () => {
    const server = await startTestServer();
    const platform = await addPlatform(server, 'RoundTrip', ['match']);
    const item = randomItem();
    const stored = await storeItems(server, [item]);
    const file = join(testScratchDir('disrupt-backup-'), 'bank.sqlite');

    const backup = disrupt(server.dataDir, 'backup', file); // online: the server is still running
    expect(backup.stderr).toBe('');
    expect(backup.status).toBe(0);
    expect(backup.stdout).toContain(`backup written to ${file}`);
    expect(disrupt(server.dataDir, 'backup', file).status).toBe(2); // never overwrites
    await server.close();

    const freshDir = testScratchDir('disrupt-restored-');
    const restore = disrupt(freshDir, 'restore', file);
    expect(restore.stderr).toBe('');
    expect(restore.status).toBe(0);
    expect(readdirSync(freshDir)).toEqual(expect.arrayContaining(['disrupt.sqlite', 'server-keys.json']));

    const restored = await startTestServer({ dataDir: freshDir });
    try {
      const view = await restored.request(`/v1/cases/${stored.caseId}`, { headers: { authorization: `Case ${stored.secret}` } });
      expect(view.status).toBe(200);
      const result = await match(restored, platform.auth, [{ type: 'image', sha256: item.sha256 }]);
      expect(result.status).toBe(200);
      expect(result.body.results[0].matches).toMatchObject([{ itemId: stored.itemIds[0], signal: 'sha256', distance: 0 }]);
      const nearDuplicate = await match(restored, platform.auth, [{ type: 'image', pdq: item.pdq, quality: 100 }]);
      expect(nearDuplicate.body.results[0].matches[0]).toMatchObject({ signal: 'pdq', distance: 0 });
    } finally {
      await restored.close();
    }
  });

  it('refuses what is not a disrupt backup, and changes nothing', async () => {
    const dir = testScratchDir('disrupt-bad-restore-');
    const junk = join(dir, 'junk.sqlite');
    writeFileSync(junk, 'this is not a database');
    const result = disrupt(dir, 'restore', junk);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/is not a disrupt backup|is damaged/);
    expect(existsSync(join(dir, 'disrupt.sqlite'))).toBe(false);
    expect(disrupt(dir, 'restore', join(dir, 'missing.sqlite')).stderr).toContain('does not exist');
  });
});
