/**
 * Rotating the server key (`disrupt keys rotate`) while the server runs: old case secrets and API
 * keys keep working, new ones are made with the new key, and the running server picks it up.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { repoRoot } from '../../hash-core/src/test-support/shared.js';
import { startTestServer } from './helpers.js';
import { addPlatform, match, randomItem, storeItems } from './platform-helpers.js';

const CLI = join(repoRoot, 'server/dist/cli/main.js');

it('rotates without locking anyone out', async () => {
  const server = await startTestServer();
  try {
    const before = await storeItems(server, [randomItem()]);
    const platform = await addPlatform(server, 'BeforeRotation', ['match']);
    const oldKeyId = server.app.keys.currentKeyId;

    const run = spawnSync(process.execPath, [CLI, 'keys', 'rotate'], { env: { ...process.env, DATA_DIR: server.dataDir }, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const newKeyId = /new server key (\S+) is current/.exec(run.stdout)![1]!;
    expect(newKeyId).not.toBe(oldKeyId);
    await new Promise((r) => setTimeout(r, 1100)); // the server re-reads the key file at most once a second

    expect((await server.request(`/v1/cases/${before.caseId}`, { headers: { authorization: `Case ${before.secret}` } })).status).toBe(200);
    expect((await match(server, platform.auth, [{ type: 'image', md5: randomItem().md5 }])).status).toBe(200);

    const after = await storeItems(server, [randomItem()]);
    const db = new Database(join(server.dataDir, 'disrupt.sqlite'), { readonly: true });
    const keyIdOf = (id: string) => (db.prepare('SELECT secret_key_id AS k FROM cases WHERE id = ?').get(id) as { k: string }).k;
    expect(keyIdOf(before.caseId)).toBe(oldKeyId);
    expect(keyIdOf(after.caseId)).toBe(newKeyId);
    db.close();
    expect((await server.request(`/v1/cases/${after.caseId}`, { headers: { authorization: `Case ${after.secret}` } })).status).toBe(200);

    const created = spawnSync(process.execPath, [CLI, 'platform', 'add', '--name', 'AfterRotation', '--scopes', 'match', '--json'], { env: { ...process.env, DATA_DIR: server.dataDir }, encoding: 'utf8' });
    expect(created.status).toBe(0);
    const { apiKey } = JSON.parse(created.stdout) as { apiKey: string };
    expect((await match(server, { authorization: `Bearer ${apiKey}` }, [{ type: 'image', md5: randomItem().md5 }])).status).toBe(200);
  } finally {
    await server.close();
  }
});
