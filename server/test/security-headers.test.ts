/**
 * The security headers on everything the server answers: the pages (/, /admin, /docs), a sample of
 * every API family, and their errors (401, 404, 413, 415, 429…). The CSP names our own origin only
 * (no CDN, no `https:` wildcard), nothing may frame us, no referrer leaves, no device feature is
 * granted, and API answers are never cached — except the few public, identical-for-everyone
 * answers (the service's retention, the listed platforms, the signal list, swagger-ui's files),
 * which a cache may keep and which carry nothing about anyone.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_DIST } from '../src/plugins/web.js';
import { startTestServer, type TestServer } from './helpers.js';
import { createOperator, login } from './operator-helpers.js';
import { addPlatform, randomItem, storeItems } from './platform-helpers.js';

let server: TestServer;
let platformAuth: Record<string, string>;
let stored: { caseId: string; secret: string };
beforeAll(async () => {
  server = await startTestServer();
  platformAuth = (await addPlatform(server, 'headers', ['match', 'feed', 'feedback'])).auth;
  stored = await storeItems(server, [randomItem()]);
  await createOperator(server, 'alice', 'admin');
});
afterAll(async () => server.close());

/** Every header a response of ours must carry, whatever its status. */
function expectSecurityHeaders(response: Response, what: string): void {
  const csp = response.headers.get('content-security-policy');
  expect(csp, what).toBeTruthy();
  const directives = new Map(csp!.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...sources]) => [name!, sources]));
  expect(directives.get('default-src'), what).toEqual(["'self'"]);
  expect(directives.get('frame-ancestors'), what).toEqual(["'none'"]);
  expect(directives.get('object-src'), what).toEqual(["'none'"]);
  for (const [name, sources] of directives) {
    for (const source of sources) {
      // Only keywords and local schemes: no host, no scheme wildcard, no inline script.
      expect(["'self'", "'none'", "'wasm-unsafe-eval'", 'data:', 'blob:'], `${what}: ${name} ${source}`).toContain(source);
    }
  }
  expect(response.headers.get('strict-transport-security'), what).toMatch(/^max-age=(\d+); includeSubDomains$/);
  expect(Number(/max-age=(\d+)/.exec(response.headers.get('strict-transport-security')!)![1])).toBeGreaterThanOrEqual(31_536_000);
  expect(response.headers.get('x-frame-options'), what).toBe('DENY');
  expect(response.headers.get('referrer-policy'), what).toBe('no-referrer');
  expect(response.headers.get('x-content-type-options'), what).toBe('nosniff');
  const permissions = response.headers.get('permissions-policy') ?? '';
  for (const feature of ['camera', 'microphone', 'geolocation']) expect(permissions, what).toContain(`${feature}=()`);
  expect(response.headers.get('cross-origin-opener-policy'), what).toBe('same-origin');
  expect(response.headers.get('access-control-allow-origin'), what).toBeNull();
}

async function check(path: string, init: RequestInit & { json?: unknown } = {}, status?: number): Promise<Response> {
  const response = await server.request(path, init);
  await response.arrayBuffer();
  const what = `${init.method ?? 'GET'} ${path} → ${response.status}`;
  if (status !== undefined) expect(response.status, what).toBe(status);
  expectSecurityHeaders(response, what);
  return response;
}

/** What a public answer may say instead of no-store. */
const PUBLIC_CACHE = /^public, max-age=\d+$/;
const PUBLIC_PATHS = new Set(['/v1/service', '/v1/platforms', '/v1/signals', '/docs/static/swagger-ui.css']);

const describePages = existsSync(`${WEB_DIST}/index.html`) ? describe : describe.skip;
describePages(`pages (skipped when ${WEB_DIST} is not built)`, () => {
  it('carry the headers on /, /admin and the page assets, HTML revalidated on each visit', async () => {
    for (const path of ['/', '/admin']) {
      const response = await check(path, {}, 200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toMatch(/no-cache|no-store/);
    }
    await check('/favicon.svg', {}, 200);
  });
});

describe('API documentation', () => {
  it('serves /docs under our own policy, not swagger-ui’s (which allows https: hosts and framing)', async () => {
    for (const path of ['/docs', '/docs/', '/docs/static/swagger-ui.css', '/openapi.json']) {
      const response = await check(path, {}, 200);
      expect(response.headers.get('cache-control'), path).toMatch(PUBLIC_PATHS.has(path) ? PUBLIC_CACHE : /^no-store$/);
    }
  });
});

describe('API responses, successes and errors', () => {
  const victim = () => ({ authorization: `Case ${stored.secret}` });
  const cases: [string, RequestInit & { json?: unknown }, number][] = [
    // system
    ['/healthz', {}, 200],
    ['/readyz', {}, 200],
    ['/metrics', {}, 200],
    // victims
    ['/v1/service', {}, 200],
    ['/v1/cases', { method: 'POST', json: { items: [randomItem()] } }, 201],
    ['/v1/cases/DSR-NOPE-NOPE', { headers: { authorization: 'Case wrong' } }, 401],
    ['/v1/cases', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"items":[]}' }, 415],
    ['/v1/cases', { method: 'POST', json: { items: [randomItem()], padding: 'x'.repeat(9 * 1024 * 1024) } }, 413],
    ['/v1/cases', { method: 'POST', json: { items: [{ type: 'image', pdq: 'zz' }] } }, 400],
    // platforms
    ['/v1/platforms', {}, 200],
    ['/v1/signals', {}, 200],
    ['/v1/match', { method: 'POST', headers: {}, json: { items: [{ type: 'image', pdq: randomItem().pdq }] } }, 401],
    ['/v1/feed', {}, 401],
    ['/v1/match/file', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }, 401],
    // operators and NGOs
    ['/v1/admin/me', {}, 401],
    ['/v1/admin/cases/DSR-NOPE-NOPE', {}, 401],
    ['/v1/admin/login', { method: 'POST', json: { username: 'alice', password: 'wrong password' } }, 401],
    ['/v1/ngo/stats', {}, 401],
    // refused by Node's HTTP parser before any route: headers over 16 KB
    ['/v1/signals', { headers: { 'x-oversized': 'h'.repeat(20_000) } }, 431],
    // no such route
    ['/v1/nothing-here', {}, 404],
    ['/nothing-here', {}, 404],
  ];

  for (const [path, init, status] of cases) {
    it(`${init.method ?? 'GET'} ${path} → ${status}: headers, and no-store`, async () => {
      const response = await check(path, init, status);
      expect(response.headers.get('cache-control')).toMatch(PUBLIC_PATHS.has(path) && status < 400 ? PUBLIC_CACHE : /^no-store$/);
      if (status >= 400) expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    });
  }

  it('as a signed-in victim, platform and operator too', async () => {
    const signedIn: [string, RequestInit & { json?: unknown }][] = [
      [`/v1/cases/${stored.caseId}`, { headers: victim() }],
      ['/v1/match', { method: 'POST', headers: platformAuth, json: { items: [{ type: 'image', pdq: randomItem().pdq }] } }],
      ['/v1/match', { method: 'POST', headers: { ...platformAuth, 'content-type': 'text/plain' }, body: 'x' }],
      ['/v1/match', { method: 'POST', headers: platformAuth, json: { items: [{ type: 'image', pdq: 'f'.repeat(64), ref: 'r'.repeat(9 * 1024 * 1024) }] } }],
      ['/v1/feed?after=0', { headers: platformAuth }],
      ['/v1/matches/999999/feedback', { method: 'POST', headers: platformAuth, json: { decision: 'blocked' } }],
    ];
    const statuses = [];
    for (const [path, init] of signedIn) {
      const response = await check(path, init);
      expect(response.headers.get('cache-control'), path).toBe('no-store');
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 415, 413, 200, 404]);
    const operator = await login(server, 'alice');
    for (const path of ['/v1/admin/me', '/v1/admin/stats', '/v1/admin/audit']) {
      const response = await operator.request(path);
      await response.arrayBuffer();
      expect(response.status, path).toBe(200);
      expectSecurityHeaders(response, path);
      expect(response.headers.get('cache-control'), path).toBe('no-store');
    }
  });
});
