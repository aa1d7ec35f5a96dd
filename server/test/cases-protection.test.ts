import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyRetention } from '../src/routes/cases/retention.js';
import { VICTIM_BODY_LIMIT } from '../src/routes/cases/schemas.js';
import { caseAuthFailures } from '../src/routes/cases/secret-throttle.js';
import { DATABASE_FILE } from '../src/store/sqlite/database.js';
import { caseAuth, createCase, expectProblem, samples, type Samples } from './case-helpers.js';
import { bodyOf, startTestServer, type TestServer } from './helpers.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Top-level: the garbage bodies below are built when the tests are collected.
const s: Samples = await samples();

describe('brute force on case secrets', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ config: { victimLimits: { requestsPerMinute: 10_000, backoffFreeAttempts: 2, backoffBaseMs: 600, backoffMaxMs: 600 } } });
  });
  afterAll(async () => server.close());

  it('backs off a client that keeps failing, counts the failures, and never locks the case', async () => {
    const created = await createCase(server, [s.bilevel]);
    const url = `/v1/cases/${created.caseId}`;
    const failuresBefore = caseAuthFailures.total;
    await expectProblem(await server.request(url, { headers: caseAuth('wrong-1') }), 401);
    await expectProblem(await server.request('/v1/cases/DSR-ZZZZ-ZZZZ', { headers: caseAuth('wrong-2') }), 401);
    await expectProblem(await server.request(url, { headers: caseAuth('wrong-3') }), 401); // the back-off starts here
    expect(caseAuthFailures.total - failuresBefore).toBe(3);

    // While backing off, this client is refused even with the right secret (and nothing is checked).
    const throttled = await server.request(url, { headers: caseAuth(created.secret) });
    const problem = await expectProblem(throttled, 429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(problem.detail).toMatch(/wrong case numbers or secrets/);
    await expectProblem(await server.request(`${url}/items/1`, { method: 'DELETE', headers: caseAuth(created.secret) }), 429);
    expect(caseAuthFailures.total - failuresBefore).toBe(3);
    // Creating a case needs no secret: not throttled.
    await createCase(server, [s.palette]);

    // The case itself was never locked: once the wait is over, its secret works.
    await sleep(650);
    const ok = await server.request(url, { headers: caseAuth(created.secret) });
    expect(ok.status).toBe(200);
    expect((await bodyOf(ok)).caseId).toBe(created.caseId);
  });

  it('does not count a missing credential as a guess', async () => {
    await sleep(650);
    const before = caseAuthFailures.total;
    for (let i = 0; i < 4; i++) await expectProblem(await server.request('/v1/cases/DSR-ZZZZ-ZZZZ'), 401);
    expect(caseAuthFailures.total).toBe(before);
  });
});

describe('rate limit per client', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ config: { victimLimits: { requestsPerMinute: 3 } } });
  });
  afterAll(async () => server.close());

  it('sends RateLimit headers and a 429 with Retry-After past the limit', async () => {
    const first = await server.request('/v1/cases', { method: 'POST', json: { items: [s.bilevel] } });
    expect(first.status).toBe(201);
    expect(first.headers.get('ratelimit-limit')).toBe('3');
    expect(first.headers.get('ratelimit-remaining')).toBe('2');
    expect(Number(first.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    await server.request('/v1/cases', { method: 'POST', json: { items: [s.bilevel] } });
    await server.request('/v1/cases/DSR-ZZZZ-ZZZZ');
    const limited = await server.request('/v1/cases', { method: 'POST', json: { items: [s.bilevel] } });
    const problem = await expectProblem(limited, 429);
    expect(problem.detail).toMatch(/too many requests from your connection/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    // Other areas are not limited by the victims' policy.
    expect((await server.request('/healthz')).status).toBe(200);
  });
});

describe('malformed bodies', () => {
  let server: TestServer;
  let created: { caseId: string; secret: string };
  beforeAll(async () => {
    server = await startTestServer({ config: { victimLimits: { requestsPerMinute: 10_000 } } });
    created = await createCase(server, [s.bilevel]);
  });
  afterAll(async () => server.close());

  const garbage: { name: string; body: string; type?: string; status: number }[] = [
    { name: 'an array', body: JSON.stringify([s.bilevel]), status: 400 },
    { name: 'a string', body: '"items"', status: 400 },
    { name: 'null', body: 'null', status: 400 },
    { name: 'nested junk', body: JSON.stringify({ items: [{ type: 'image', sha256: { $gt: '' }, md5: [[[]]], pdq: null, quality: {}, blockhash: true }] }), status: 400 },
    { name: 'items as an object', body: JSON.stringify({ items: { 0: s.bilevel } }), status: 400 },
    { name: 'a huge quality', body: `{"items":[${JSON.stringify(s.bilevel).replace(/"quality":\d+/, '"quality":1e400')}]}`, status: 400 },
    { name: 'a long integer', body: `{"items":[${JSON.stringify(s.bilevel).replace(/"quality":\d+/, '"quality":123456789012345678901234567890')}]}`, status: 400 },
    { name: 'a negative quality', body: JSON.stringify({ items: [{ ...s.bilevel, quality: -1 }] }), status: 400 },
    { name: 'a fractional quality', body: JSON.stringify({ items: [{ ...s.bilevel, quality: 50.5 }] }), status: 400 },
    { name: 'a prototype-poisoning key', body: `{"items":[${JSON.stringify(s.bilevel)}],"__proto__":{"admin":true}}`, status: 400 },
    { name: 'invalid JSON', body: '{"items": [', status: 400 },
    { name: 'an empty body', body: '', status: 400 },
    { name: 'plain text', body: 'pdq=abc', type: 'text/plain', status: 415 },
    { name: 'a form', body: 'items=1', type: 'application/x-www-form-urlencoded', status: 415 },
    { name: 'multipart', body: '--x\r\n\r\n--x--', type: 'multipart/form-data; boundary=x', status: 415 },
    { name: 'over 2 MB', body: JSON.stringify({ items: [s.bilevel], referral: 'x'.repeat(VICTIM_BODY_LIMIT) }), status: 413 },
  ];

  for (const path of ['/v1/cases', 'items']) {
    for (const { name, body, type, status } of garbage) {
      it(`${path === 'items' ? 'adding items' : 'creating a case'} with ${name} gets a ${status}, never a 5xx`, async () => {
        const url = path === 'items' ? `/v1/cases/${created.caseId}/items` : path;
        const headers: Record<string, string> = { 'content-type': type ?? 'application/json' };
        if (path === 'items') Object.assign(headers, caseAuth(created.secret));
        await expectProblem(await server.request(url, { method: 'POST', headers, body }), status);
      });
    }
  }

  it('still has only the first item after all that', async () => {
    const view = await bodyOf(server.request(`/v1/cases/${created.caseId}`, { headers: caseAuth(created.secret) }));
    expect(view.items).toHaveLength(1);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('rejects oversized path parameters and credentials without a 5xx', async () => {
    await expectProblem(await server.request(`/v1/cases/${'A'.repeat(40)}`, { headers: caseAuth(created.secret) }), 401);
    // Rejected by the router before any route: still problem+json, and the path is not echoed.
    const long = await expectProblem(await server.request(`/v1/cases/${'A'.repeat(500)}`, { headers: caseAuth(created.secret) }), 414);
    expect(long.detail).not.toContain('AAAA');
    await expectProblem(await server.request('/v1/cases/DSR-%E0%A4%A', { headers: caseAuth(created.secret) }), 400, 'url');
    await expectProblem(await server.request(`/v1/cases/${created.caseId}`, { headers: caseAuth('s'.repeat(5000)) }), 401);
    await expectProblem(await server.request(`/v1/cases/${created.caseId}/items/${'9'.repeat(40)}`, { method: 'DELETE', headers: caseAuth(created.secret) }), 400, 'itemId');
  });
});

describe('retention', () => {
  it('withdraws cases not updated for RETENTION_DAYS, at start and when the timer runs', async () => {
    const server = await startTestServer({ config: { retentionDays: 30, victimLimits: { requestsPerMinute: 10_000 } } });
    let restarted: TestServer | undefined;
    try {
      const created = await createCase(server, [s.palette]);
      const itemId = created.items[0]!.itemId;
      const view = await bodyOf(server.request(`/v1/cases/${created.caseId}`, { headers: caseAuth(created.secret) }));
      expect(Date.parse(view.keptUntil) - Date.parse(view.createdAt)).toBe(30 * DAY_MS);

      expect(applyRetention(server.app, Date.now() + 29 * DAY_MS)).toBe(0);
      expect(server.app.bank.search('pdq', [s.palette.pdq], 0).map((m) => m.id)).toEqual([itemId]);
      expect(applyRetention(server.app, Date.now() + 31 * DAY_MS)).toBe(1);
      expect(server.app.bank.search('pdq', [s.palette.pdq], 0)).toEqual([]);
      expect(server.app.store.cases.findExact('sha256', s.palette.sha256)).toEqual([]);
      const purged = await (await server.request(`/v1/cases/${created.caseId}`, { headers: caseAuth(created.secret) })).json();
      expect(purged).toMatchObject({ status: 'withdrawn', keptUntil: null, items: [{ itemId, status: 'withdrawn' }] });
      const feed = server.app.store.feed.list(0, 100).records.filter((r) => r.itemId === itemId);
      expect(feed.filter((r) => r.op === 'add').length).toBeGreaterThanOrEqual(4);
      expect(feed.filter((r) => r.op === 'remove')).toHaveLength(feed.filter((r) => r.op === 'add').length);
      expect(feed.filter((r) => r.value !== undefined)).toEqual([]);

      // A case last touched 40 days ago is withdrawn as soon as the server starts.
      const old = await createCase(server, [s.bilevel]);
      await server.close(true);
      const db = new Database(join(server.dataDir, DATABASE_FILE));
      db.prepare('UPDATE cases SET updated_at = ? WHERE id = ?').run(Date.now() - 40 * DAY_MS, old.caseId);
      db.close();
      restarted = await startTestServer({ dataDir: server.dataDir, config: { retentionDays: 30 } });
      expect(Object.values(restarted.app.bank.sizes()).every((n) => n === 0)).toBe(true);
      const oldView = await bodyOf(restarted.request(`/v1/cases/${old.caseId}`, { headers: caseAuth(old.secret) }));
      expect(oldView.status).toBe('withdrawn');
    } finally {
      await (restarted ?? server).close();
    }
  });
});
