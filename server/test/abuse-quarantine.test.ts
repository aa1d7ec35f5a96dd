/**
 * Bank poisoning, with synthetic traffic over HTTP: an item platforms dispute is quarantined — it
 * stops matching and leaves the feed — until a reviewer restores it (it matches again, `add` in
 * the feed) or confirms the disable; each step audited and visible in the alerts API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, startTestServer, type TestServer } from './helpers.js';
import { createOperator, json, login, type Operator } from './operator-helpers.js';
import { addPlatform, match, randomItem, storeItems } from './platform-helpers.js';

type Platform = Awaited<ReturnType<typeof addPlatform>>;
const SCOPES = ['match', 'feed', 'feedback'] as const;

let server: TestServer;
let a: Platform, b: Platform, c: Platform;
let reviewer: Operator;

beforeAll(async () => {
  server = await startTestServer({ config: { quarantine: { platforms: 2, matches: 5, hours: 24 }, victimLimits: { requestsPerMinute: 10_000 } } });
  [a, b, c] = await Promise.all(['alpha', 'beta', 'gamma'].map((name) => addPlatform(server, name, [...SCOPES])));
  await createOperator(server, 'rita', 'reviewer');
  reviewer = await login(server, 'rita');
});
afterAll(async () => server.close());

/** The match ids one platform gets for a picture (empty: no match). */
async function matchIds(platform: Platform, item: ReturnType<typeof randomItem>): Promise<number[]> {
  const { status, body } = await match(server, platform.auth, [{ type: 'image', pdq: item.pdq, quality: 90, sha256: item.sha256 }]);
  expect(status).toBe(200);
  return body.results[0].matches.map((m: { matchId: number }) => m.matchId);
}

async function feedback(platform: Platform, matchId: number, decision: string) {
  const response = await server.request(`/v1/matches/${matchId}/feedback`, { method: 'POST', headers: platform.auth, json: { decision } });
  expect(response.status, await response.clone().text()).toBe(200);
}

async function openAlerts() {
  return json(await reviewer.request('/v1/admin/alerts'), 200);
}

async function feedOf(itemId: number) {
  const page = await json(await server.request('/v1/feed?after=0&limit=1000', { headers: a.auth }), 200);
  return (page.records as { op: string; itemId: number; signal: string; value?: string }[]).filter((r) => r.itemId === itemId);
}

describe('quarantine when K platforms dispute an item', () => {
  const meme = randomItem();
  let itemId: number;
  let alertId: number;

  it('is not triggered by one platform’s dispute', async () => {
    itemId = (await storeItems(server, [meme])).itemIds[0]!;
    const [first] = await matchIds(a, meme);
    await feedback(a, first!, 'not_ncii');
    expect((await openAlerts()).alerts).toEqual([]);
    expect(await matchIds(c, meme)).toHaveLength(1);
  });

  it('quarantines the item at the second platform’s dispute: no more matches, `remove` in the feed, an alert', async () => {
    const [second] = await matchIds(b, meme);
    await feedback(b, second!, 'not_ncii');

    const { alerts, open, rules } = await openAlerts();
    expect(rules).toEqual({ platforms: 2, matches: 5, hours: 24 });
    expect(open).toBe(1);
    expect(alerts).toMatchObject([{ itemId, reason: 'disputed', disputingPlatforms: 2, itemStatus: 'disabled', decision: null, decidedBy: null }]);
    alertId = alerts[0].id;

    expect(await matchIds(c, meme)).toEqual([]); // neither by PDQ nor by its exact SHA-256
    expect(server.app.bank.search('pdq', [meme.pdq], 0)).toEqual([]);
    const feed = await feedOf(itemId);
    const adds = feed.filter((r) => r.op === 'add');
    expect(feed.slice(-adds.length).map((r) => `${r.op} ${r.signal}`).sort()).toEqual(adds.map((r) => `remove ${r.signal}`).sort());

    const audit = server.app.store.audit.list({ action: 'item.quarantine', limit: 10, offset: 0 }).entries;
    expect(audit).toMatchObject([{ actor: 'system', target: `item:${itemId}`, detail: { alert: alertId, reason: 'disputed', disputingPlatforms: 2 } }]);
  });

  it('restores it on a reviewer’s decision: it matches again and the feed says `add`, audited', async () => {
    const decided = await json(await reviewer.request(`/v1/admin/alerts/${alertId}/decision`, { method: 'POST', json: { decision: 'restore', note: 'a real victim’s photo' } }), 200);
    expect(decided).toMatchObject({ id: alertId, decision: 'restore', decidedBy: 'rita', note: 'a real victim’s photo', itemStatus: 'active' });
    expect(await matchIds(c, meme)).toHaveLength(1);
    const feed = await feedOf(itemId);
    expect(feed.at(-1)).toMatchObject({ op: 'add' });
    expect(feed.filter((r) => r.op === 'add' && r.signal === 'pdq').at(-1)?.value).toBe(meme.pdq);
    expect(server.app.store.audit.list({ action: 'quarantine.restore', limit: 10, offset: 0 }).entries).toMatchObject([{ target: `item:${itemId}` }]);
    expect((await openAlerts()).open).toBe(0);
    const all = await json(await reviewer.request('/v1/admin/alerts?status=decided'), 200);
    expect(all.alerts.map((x: { id: number }) => x.id)).toEqual([alertId]);

    // Decided once: a second decision is refused.
    await json(await reviewer.request(`/v1/admin/alerts/${alertId}/decision`, { method: 'POST', json: { decision: 'disable' } }), 409);
  });

  it('after a restore, only new disputes count', async () => {
    expect(await matchIds(a, meme)).toHaveLength(1); // the old disputes alone do not quarantine it again
    expect((await openAlerts()).alerts).toEqual([]);
    const [fromA] = await matchIds(a, meme);
    const [fromB] = await matchIds(b, meme);
    await feedback(a, fromA!, 'not_ncii');
    expect((await openAlerts()).alerts).toEqual([]);
    await feedback(b, fromB!, 'not_ncii');
    expect((await openAlerts()).alerts).toMatchObject([{ itemId, reason: 'disputed' }]);
  });
});

describe('quarantine on an abnormal match rate with a dispute', () => {
  it('leaves a much-matched item alone while no platform disputes it', async () => {
    const popular = randomItem();
    await storeItems(server, [popular]);
    for (let i = 0; i < 4; i++) {
      expect(await matchIds(a, popular)).toHaveLength(1);
      expect(await matchIds(b, popular)).toHaveLength(1);
    }
    expect(await matchIds(c, popular)).toHaveLength(1);
  });

  it('quarantines at the Nth match across K platforms once one disputed, and a `disable` decision keeps it out', async () => {
    const flood = randomItem();
    const itemId = (await storeItems(server, [flood])).itemIds[0]!;
    const [first] = await matchIds(a, flood);
    await feedback(a, first!, 'not_ncii'); // one platform: not enough on its own
    for (let i = 0; i < 3; i++) expect(await matchIds(a, flood)).toHaveLength(1); // 4 matches, one platform
    expect((await openAlerts()).alerts.filter((x: { itemId: number }) => x.itemId === itemId)).toEqual([]);
    expect(await matchIds(b, flood)).toHaveLength(1); // the 5th, on a 2nd platform: reported, then quarantined
    expect(await matchIds(b, flood)).toEqual([]);

    const alert = (await openAlerts()).alerts.find((x: { itemId: number }) => x.itemId === itemId);
    expect(alert).toMatchObject({ reason: 'abnormal_rate', disputingPlatforms: 1, windowMatches: 5, matchingPlatforms: 2, itemStatus: 'disabled' });
    const feedBefore = (await feedOf(itemId)).length;

    const decided = await json(await reviewer.request(`/v1/admin/alerts/${alert.id}/decision`, { method: 'POST', json: { decision: 'disable', note: 'a meme' } }), 200);
    expect(decided).toMatchObject({ decision: 'disable', itemStatus: 'disabled' });
    expect(await matchIds(c, flood)).toEqual([]);
    expect((await feedOf(itemId)).length).toBe(feedBefore);
    const item = await json(await reviewer.request(`/v1/admin/items/${itemId}`), 200);
    expect(item.item).toMatchObject({ status: 'disabled', disabledReason: 'a meme', disabledBy: expect.any(Number) });
    expect(server.app.store.audit.list({ action: 'quarantine.disable', limit: 10, offset: 0 }).entries).toMatchObject([{ target: `item:${itemId}`, detail: { alert: alert.id, note: 'a meme' } }]);
  });

  it('refuses an unknown decision or alert with a problem naming the field', async () => {
    const bad = await reviewer.request('/v1/admin/alerts/1/decision', { method: 'POST', json: { decision: 'delete' } });
    expect(bad.status).toBe(400);
    expect((await bodyOf(bad)).field).toBe('decision');
    await json(await reviewer.request('/v1/admin/alerts/999999/decision', { method: 'POST', json: { decision: 'restore' } }), 404);
  });
});
