/**
 * Match events are kept MATCH_RETENTION_DAYS (default 365): the scheduled job deletes older ones
 * (the platform's ref with them, from every file), at start and hourly; 0 keeps them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { applyMatchRetention } from '../src/privacy/match-retention.js';
import { openDb } from './case-helpers.js';
import { startTestServer, type TestServer } from './helpers.js';
import { createOperator, json, login } from './operator-helpers.js';
import { addPlatform, match, randomItem, storeItems } from './platform-helpers.js';

const DAY_MS = 86_400_000;
const inFiles = (dir: string, needle: string) => readdirSync(dir).filter((name) => readFileSync(join(dir, name)).includes(Buffer.from(needle)));

it('defaults to 12 months, 0 keeping matches, and a typo fails at start', () => {
  expect(loadConfig({}).matchRetentionDays).toBe(365);
  expect(loadConfig({ MATCH_RETENTION_DAYS: '0' }).matchRetentionDays).toBe(0);
  expect(() => loadConfig({ MATCH_RETENTION_DAYS: '-1' })).toThrow(/MATCH_RETENTION_DAYS/);
});

it('deletes match events older than the retention, when the job runs and at start', async () => {
  const server = await startTestServer({ config: { matchRetentionDays: 30 } });
  let restarted: TestServer | undefined;
  try {
    const item = randomItem();
    const stored = await storeItems(server, [item]);
    const platform = await addPlatform(server, 'alpha', ['match']);
    await createOperator(server, 'rita', 'reviewer');
    const reviewer = await login(server, 'rita');
    for (const ref of ['ref-old-upload-4417', 'ref-old-upload-4418']) {
      expect((await match(server, platform.auth, [{ type: 'image', pdq: item.pdq, quality: 90, ref }])).body.results[0].matches).toHaveLength(1);
    }
    const matchCount = async () => (await json(await reviewer.request(`/v1/admin/matches?itemId=${stored.itemIds[0]}`), 200)).total;
    expect(await matchCount()).toBe(2);
    expect(inFiles(server.dataDir, 'ref-old-upload-4417').length).toBeGreaterThan(0); // the check can see it

    expect(applyMatchRetention(server.app, Date.now() + 29 * DAY_MS)).toBe(0);
    expect(await matchCount()).toBe(2);
    expect(applyMatchRetention(server.app, Date.now() + 31 * DAY_MS)).toBe(2);
    expect(await matchCount()).toBe(0);
    expect(inFiles(server.dataDir, 'ref-old-upload-4417')).toEqual([]);
    // The item itself is not touched: it still matches.
    expect((await match(server, platform.auth, [{ type: 'image', pdq: item.pdq, quality: 90, ref: 'ref-new-upload-1' }])).body.results[0].matches).toHaveLength(1);

    // An event 40 days old is deleted as soon as the server starts; a recent one stays.
    await match(server, platform.auth, [{ type: 'image', pdq: item.pdq, quality: 90, ref: 'ref-aged-upload-2' }]);
    await server.close(true);
    const db = openDb(server);
    db.prepare("UPDATE match_events SET created_at = ? WHERE ref = 'ref-aged-upload-2'").run(Date.now() - 40 * DAY_MS);
    db.close();
    restarted = await startTestServer({ dataDir: server.dataDir, config: { matchRetentionDays: 30 } });
    const refs = restarted.app.store.matchEvents.list({}, { limit: 10 }).events.map((e) => e.ref);
    expect(refs).toEqual(['ref-new-upload-1']);
  } finally {
    await (restarted ?? server).close();
  }
});

it('keeps every match with MATCH_RETENTION_DAYS=0', async () => {
  const server = await startTestServer({ config: { matchRetentionDays: 0 } });
  try {
    const item = randomItem();
    await storeItems(server, [item]);
    const platform = await addPlatform(server, 'alpha', ['match']);
    await match(server, platform.auth, [{ type: 'image', pdq: item.pdq, quality: 90 }]);
    expect(applyMatchRetention(server.app, Date.now() + 10_000 * DAY_MS)).toBe(0);
    expect(server.app.store.matchEvents.count()).toBe(1);
  } finally {
    await server.close();
  }
});
