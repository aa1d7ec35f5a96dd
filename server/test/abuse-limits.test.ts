/**
 * Abuse limits, with synthetic traffic over HTTP: per-platform match quotas against membership
 * probing (requests and items per minute and per day, set beside a platform's thresholds), the
 * per-client submission limit against bank poisoning in bulk, and case-secret guessing slowed per
 * client — clients told apart by X-Forwarded-For behind TRUST_PROXY.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { caseAuth, expectProblem, openDb } from './case-helpers.js';
import { bodyOf, startTestServer, type TestServer } from './helpers.js';
import { createOperator, json, login } from './operator-helpers.js';
import { addPlatform, blockImage, encodePng, randomItem } from './platform-helpers.js';

const query = () => ({ type: 'image', pdq: randomItem().pdq, quality: 90 });
const batch = (n: number) => Array.from({ length: n }, query);

describe('per-platform match quotas', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ config: { platformLimits: { matchItemsPerMinute: 50 } } });
    await createOperator(server, 'ada', 'admin');
  });
  afterAll(async () => server.close());

  const matchWith = (auth: Record<string, string>, items: unknown[]) => server.request('/v1/match', { method: 'POST', headers: auth, json: { items } });

  it('are set beside the thresholds, checked like them', async () => {
    const admin = await login(server, 'ada');
    const prober = await addPlatform(server, 'prober', ['match']);
    const bad = await expectProblem(await admin.request(`/v1/admin/platforms/${prober.id}`, { method: 'PATCH', json: { thresholds: { matchItemsPerMinute: 0 } } }), 400);
    expect(bad.field).toBe('thresholds.matchItemsPerMinute');
    const updated = await json(await admin.request(`/v1/admin/platforms/${prober.id}`, { method: 'PATCH', json: { thresholds: { pdq: 31, matchItemsPerMinute: 5 } } }), 200);
    expect(updated.thresholds).toEqual({ pdq: 31, matchItemsPerMinute: 5 });

    expect((await matchWith(prober.auth, batch(3))).status).toBe(200);
    const over = await matchWith(prober.auth, batch(3));
    const problem = await expectProblem(over, 429);
    expect(problem.detail).toMatch(/quota of 5 items per minute \(matchItemsPerMinute\)/);
    const retry = Number(over.headers.get('retry-after'));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect((await expectProblem(await matchWith(prober.auth, batch(6)), 429)).detail).toMatch(/this request has 6 items.*send smaller batches/);
    expect((await matchWith(prober.auth, batch(2))).status).toBe(200); // refused requests used nothing: 3 + 2 = 5
    await expectProblem(await matchWith(prober.auth, batch(1)), 429);

    // Another key is not affected, and has the server's default (50 here).
    const other = await addPlatform(server, 'other', ['match']);
    expect((await matchWith(other.auth, batch(50))).status).toBe(200);
    expect((await expectProblem(await matchWith(other.auth, batch(1)), 429)).detail).toMatch(/quota of 50 items per minute/);
  });

  it('count requests per UTC day, /v1/match/file included, refused before the file is read', async () => {
    const daily = await addPlatform(server, 'daily', ['match'], { matchRequestsPerDay: 2 });
    expect((await matchWith(daily.auth, batch(1))).status).toBe(200);
    const form = () => {
      const data = new FormData();
      data.append('file', new Blob([encodePng(blockImage(5))], { type: 'image/png' }), 'upload.png');
      return data;
    };
    expect((await server.request('/v1/match/file', { method: 'POST', headers: daily.auth, body: form() })).status).toBe(200);
    const refused = await server.request('/v1/match/file', { method: 'POST', headers: daily.auth, body: form() });
    expect((await expectProblem(refused, 429)).detail).toMatch(/quota of 2 requests per day \(UTC\) \(matchRequestsPerDay\)/);
    const untilMidnight = Math.ceil((86_400_000 - (Date.now() % 86_400_000)) / 1000);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(untilMidnight - 5);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(untilMidnight + 1);
    // A truncated upload would be a 400 once read: the quota answers first.
    const truncated = { ...daily.auth, 'content-type': 'multipart/form-data; boundary=x' };
    await expectProblem(await server.request('/v1/match/file', { method: 'POST', headers: truncated, body: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\n\x89PNG' }), 429);
  });

  it('take their server defaults from the environment, checked at start', () => {
    expect(loadConfig({ MATCH_ITEMS_PER_MINUTE: '1000', MATCH_ITEMS_PER_DAY: '20' }).platformLimits).toEqual({ matchItemsPerMinute: 1000, matchItemsPerDay: 20 });
    expect(() => loadConfig({ MATCH_REQUESTS_PER_DAY: 'lots' })).toThrow(/MATCH_REQUESTS_PER_DAY must be a whole number/);
  });
});

describe('per-client submission limit', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ config: { trustProxy: true, victimLimits: { requestsPerMinute: 10_000, submissionsPerHour: 3, submittedItemsPerDay: 5 } } });
  });
  afterAll(async () => server.close());

  const submit = (from: string, items: unknown[], headers: Record<string, string> = {}) =>
    server.request('/v1/cases', { method: 'POST', headers: { 'x-forwarded-for': from, ...headers }, json: { items } });
  const caseCount = () => {
    const db = openDb(server);
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM cases').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  it('refuses a client’s submissions past the hourly limit, stores nothing of them, and lets others submit', async () => {
    const retried = { 'idempotency-key': 'retry-key-0123456789' };
    const firstItems = [randomItem()];
    const first = await submit('203.0.113.7', firstItems, retried);
    expect(first.status).toBe(201);
    for (let i = 0; i < 2; i++) expect((await submit('203.0.113.7', [randomItem()])).status).toBe(201);
    const before = caseCount();
    const refused = await submit('203.0.113.7', [randomItem()]);
    expect((await expectProblem(refused, 429)).detail).toMatch(/too many submissions from your connection \(at most 3 an hour\)/);
    const retry = Number(refused.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(3500);
    expect(retry).toBeLessThanOrEqual(3600);
    expect(caseCount()).toBe(before);
    // A retry of a stored submission is answered from its key, not refused.
    const again = await submit('203.0.113.7', firstItems, retried);
    expect(again.status).toBe(201);
    expect((await bodyOf(again)).caseId).toBe((await bodyOf(first)).caseId);
    expect((await submit('198.51.100.9', [randomItem()])).status).toBe(201);
  });

  it('counts items per day, added ones included, and an IPv6 /64 as one client', async () => {
    const created = await submit('2001:db8:1:2::1', [randomItem(), randomItem(), randomItem(), randomItem()]);
    expect(created.status).toBe(201);
    const { caseId, secret } = await bodyOf(created);
    const add = (from: string, n: number) =>
      server.request(`/v1/cases/${caseId}/items`, { method: 'POST', headers: { 'x-forwarded-for': from, ...caseAuth(secret) }, json: { items: Array.from({ length: n }, () => randomItem()) } });
    const refused = await add('2001:db8:1:2::99', 2); // same /64
    expect((await expectProblem(refused, 429)).detail).toMatch(/at most 5 a day/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(86_000);
    expect((await add('2001:db8:1:2::99', 1)).status).toBe(201);
    expect((await add('2001:db8:1:3::1', 2)).status).toBe(201); // another /64
  });
});

describe('case-secret guessing, per client behind a proxy', () => {
  it('backs off the guessing client only', async () => {
    const server = await startTestServer({ config: { trustProxy: true, victimLimits: { requestsPerMinute: 10_000, backoffFreeAttempts: 3, backoffBaseMs: 60_000 } } });
    try {
      const created = await bodyOf(server.request('/v1/cases', { method: 'POST', headers: { 'x-forwarded-for': '192.0.2.50' }, json: { items: [randomItem()] } }));
      const view = (from: string, secret: string) => server.request(`/v1/cases/${created.caseId}`, { headers: { 'x-forwarded-for': from, ...caseAuth(secret) } });
      const guesses = [];
      for (let i = 0; i < 5; i++) guesses.push((await view('192.0.2.66', `WRONG${i}`)).status);
      expect(guesses).toEqual([401, 401, 401, 401, 429]);
      const refused = await view('192.0.2.66', created.secret);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(50);
      expect((await view('192.0.2.50', created.secret)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
