/**
 * The transparency report (GET /v1/admin/transparency) and the NGOs' referral QR code
 * (GET /v1/ngo/referral-qr.svg), through HTTP: counts over a period, each under 5 as "<5", admins
 * only; the QR code drawn by this server for the NGO's own link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from './case-helpers.js';
import { startTestServer, type TestServer } from './helpers.js';
import { createOperator, json, login } from './operator-helpers.js';
import { addPlatform, match, randomItem, storeItems, withdrawItem } from './platform-helpers.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ config: { victimLimits: { requestsPerMinute: 10_000 } } });
  server.app.store.ngos.create({ name: 'Association Une', code: 'ASSO-1' });
  await createOperator(server, 'alice', 'admin');
  await createOperator(server, 'rita', 'reviewer');
  await createOperator(server, 'une', 'ngo', { ngoCode: 'ASSO-1' });
});
afterAll(async () => server.close());

async function feedback(matchId: number, auth: Record<string, string>, decision: string) {
  const response = await server.request(`/v1/matches/${matchId}/feedback`, { method: 'POST', headers: auth, json: { decision } });
  expect(response.status, await response.text()).toBe(200);
}

describe('GET /v1/admin/transparency', () => {
  it('counts the period, each count under 5 as "<5", for admins only', async () => {
    const admin = await login(server, 'alice');
    const empty = await json(await admin.request('/v1/admin/transparency'), 200);
    expect(Object.keys(empty.counts)).toEqual(['cases', 'items', 'matches', 'decisionsBlocked', 'decisionsNotNcii', 'decisionsPending', 'disputes', 'withdrawnCases', 'withdrawnItems', 'disabledItems']);
    expect(Object.values(empty.counts).every((c) => c === '<5')).toBe(true);

    // 7 cases, 9 items (one withdrawn); 7 matches: 5 blocked, 1 not_ncii, 1 unanswered.
    const platform = await addPlatform(server, 'Exemple', ['match', 'feedback']);
    const items = Array.from({ length: 6 }, () => randomItem());
    for (const item of items) await storeItems(server, [item]);
    const extra = await storeItems(server, [randomItem(), randomItem(), randomItem()]);
    await withdrawItem(server, extra, extra.itemIds[0]!);
    const matchIds: number[] = [];
    for (const item of items.concat(items[0]!).slice(0, 7)) {
      const { body } = await match(server, platform.auth, [{ type: 'image', md5: item.md5 }]);
      matchIds.push(body.results[0].matches[0].matchId);
    }
    for (const id of matchIds.slice(0, 5)) await feedback(id, platform.auth, 'blocked');
    await feedback(matchIds[5]!, platform.auth, 'not_ncii');

    const report = await json(await admin.request('/v1/admin/transparency'), 200);
    expect(report.counts).toEqual({
      cases: 7,
      items: 9,
      matches: 7,
      decisionsBlocked: 5,
      decisionsNotNcii: '<5',
      decisionsPending: '<5',
      disputes: '<5',
      withdrawnCases: '<5',
      withdrawnItems: '<5',
      disabledItems: '<5',
    });
    // Disabled during the period: counted once each, even when re-enabled since.
    for (const itemId of extra.itemIds.slice(1)) {
      expect((await admin.request(`/v1/admin/items/${itemId}/disable`, { method: 'POST', json: { reason: 'test' } })).status).toBe(200);
    }
    const firstDisabled = extra.itemIds[1]!;
    expect((await admin.request(`/v1/admin/items/${firstDisabled}/enable`, { method: 'POST', json: {} })).status).toBe(200);
    expect((await admin.request(`/v1/admin/items/${firstDisabled}/disable`, { method: 'POST', json: { reason: 'again' } })).status).toBe(200);
    const [one, two, three, four, five] = [randomItem(), randomItem(), randomItem(), randomItem(), randomItem()];
    const more = await storeItems(server, [one, two, three, four, five]);
    for (const itemId of more.itemIds) await admin.request(`/v1/admin/items/${itemId}/disable`, { method: 'POST', json: { reason: 'test' } });
    expect((await json(await admin.request('/v1/admin/transparency'), 200)).counts.disabledItems).toBe(7);

    // A period before any of it: nothing.
    const before = await json(await admin.request('/v1/admin/transparency?from=2020-01-01&to=2020-02-01'), 200);
    expect(before).toMatchObject({ from: '2020-01-01T00:00:00.000Z', to: '2020-02-01T00:00:00.000Z' });
    expect(Object.values(before.counts).every((c) => c === '<5')).toBe(true);

    await expectProblem(await admin.request('/v1/admin/transparency?from=2025-02-01&to=2025-01-01'), 400, 'from');
    await expectProblem(await admin.request('/v1/admin/transparency?from=2020-01-01&to=2025-01-01'), 400, 'from');
    await expectProblem(await admin.request('/v1/admin/transparency?caseId=DSR-1'), 400);
    await expectProblem(await (await login(server, 'rita')).request('/v1/admin/transparency'), 403);
    await expectProblem(await (await login(server, 'une')).request('/v1/admin/transparency'), 403);
    await expectProblem(await server.request('/v1/admin/transparency'), 401);
  });
});

describe('GET /v1/ngo/referral-qr.svg', () => {
  it('draws the NGO’s own link as an SVG with nothing from elsewhere, for NGO accounts only', async () => {
    const ngo = await login(server, 'une');
    const response = await ngo.request('/v1/ngo/referral-qr.svg');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(response.headers.get('x-referral-link')).toBe(`${server.url}/?ref=ASSO-1`);
    const svg = await response.text();
    expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    expect(svg).not.toMatch(/<script|href=/i);
    await expectProblem(await (await login(server, 'rita')).request('/v1/ngo/referral-qr.svg'), 403);
    await expectProblem(await server.request('/v1/ngo/referral-qr.svg'), 401);
  });
});
