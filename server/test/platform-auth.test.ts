/**
 * Platform API keys and scopes through HTTP: each key can do exactly what its scopes allow;
 * missing, unknown, revoked and replaced keys get 401; RateLimit headers on every response.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, startTestServer, type TestServer } from './helpers.js';
import { addPlatform, randomItem } from './platform-helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const ENDPOINTS = {
  match: { path: '/v1/match', method: 'POST', json: { items: [randomItem()] } },
  feed: { path: '/v1/feed', method: 'GET' },
  // 404 (no such match) proves the scope check passed; 403 proves it did not.
  feedback: { path: '/v1/matches/999999/feedback', method: 'POST', json: { decision: 'blocked' } },
} as const;

async function call(endpoint: keyof typeof ENDPOINTS, headers: Record<string, string> = {}) {
  const { path, method, ...rest } = ENDPOINTS[endpoint];
  return server.request(path, { method, headers, json: 'json' in rest ? rest.json : undefined });
}

describe('platform keys and scopes', () => {
  it('lets each key do exactly what its scopes allow', async () => {
    const keys = {
      match: await addPlatform(server, 'only-match', ['match']),
      feed: await addPlatform(server, 'only-feed', ['feed']),
      feedback: await addPlatform(server, 'only-feedback', ['feedback']),
    };
    const allowed = { match: 200, feed: 200, feedback: 404 };
    for (const [scope, key] of Object.entries(keys)) {
      for (const endpoint of Object.keys(ENDPOINTS) as (keyof typeof ENDPOINTS)[]) {
        const response = await call(endpoint, key.auth);
        const expected = endpoint === scope ? allowed[endpoint] : 403;
        expect(response.status, `${scope} key on ${endpoint}`).toBe(expected);
        if (expected === 403) {
          expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          expect((await bodyOf(response)).detail).toBe(`this API key does not have the "${endpoint}" scope`);
        }
      }
    }
  });

  it('answers 401 problem+json without a key, with a malformed header or an unknown key', async () => {
    for (const headers of <Record<string, string>[]>[{}, { authorization: 'Basic abc' }, { authorization: 'Bearer dh_not-a-real-key-at-all' }, { authorization: `Bearer ${'x'.repeat(5000)}` }]) {
      for (const endpoint of Object.keys(ENDPOINTS) as (keyof typeof ENDPOINTS)[]) {
        const response = await call(endpoint, headers);
        expect(response.status).toBe(401);
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(response.headers.get('www-authenticate')).toBe('Bearer');
        expect(await response.json()).toMatchObject({ status: 401, title: 'Authentication required' });
      }
    }
  });

  it('stops a revoked key at once', async () => {
    const key = await addPlatform(server, 'revoked', ['match', 'feed', 'feedback']);
    expect((await call('feed', key.auth)).status).toBe(200);
    expect(server.app.store.platforms.revoke(key.id)).toBe(true);
    const response = await call('feed', key.auth);
    expect(response.status).toBe(401);
    expect((await bodyOf(response)).detail).toBe('this API key is not valid (unknown, revoked or replaced)');
  });

  it('after a rotation, the old key stops working and the new one works', async () => {
    const key = await addPlatform(server, 'rotated', ['feed']);
    const rotated = server.app.store.platforms.rotateKey(key.id)!;
    expect(rotated.apiKey).not.toBe(key.apiKey);
    expect(rotated.apiKey).toMatch(/^dh_[A-Za-z0-9_-]{32}$/); // 192 random bits
    expect((await call('feed', key.auth)).status).toBe(401);
    expect((await call('feed', { authorization: `Bearer ${rotated.apiKey}` })).status).toBe(200);
  });

  it('stores only a digest and a short hint of the key', async () => {
    const key = await addPlatform(server, 'digest-only', ['feed']);
    const platform = server.app.store.platforms.get(key.id)!;
    expect(platform.keyHint).toBe(key.apiKey.slice(0, 6));
    expect(JSON.stringify(server.app.store.platforms.list())).not.toContain(key.apiKey);
  });

  it('sends RateLimit headers on every response, counted per key', async () => {
    const key = await addPlatform(server, 'counted', ['feed']);
    const first = await call('feed', key.auth);
    const second = await call('feed', key.auth);
    expect(first.headers.get('ratelimit-limit')).toBe('6000');
    expect(first.headers.get('cache-control')).toBe('no-store'); // feed records carry hashes
    expect(Number(second.headers.get('ratelimit-remaining'))).toBe(Number(first.headers.get('ratelimit-remaining')) - 1);
    expect(Number(first.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    // Errors carry them too, and requests without a valid key are counted per client instead.
    const denied = await call('match', key.auth);
    expect(denied.status).toBe(403);
    expect(denied.headers.get('ratelimit-remaining')).not.toBeNull();
    const anonymous = await call('feed');
    expect(anonymous.headers.get('ratelimit-limit')).toBe('120');
  });
});

describe('GET /v1/platforms', () => {
  it('lists the names of active platforms marked as listed, and nothing else', async () => {
    const store = server.app.store.platforms;
    store.create({ name: 'Listed Social', scopes: ['match'], listed: true });
    store.create({ name: 'Quiet Partner', scopes: ['match'] });
    const gone = store.create({ name: 'Gone Listed', scopes: ['match'], listed: true });
    store.revoke(gone.platform.id);
    const response = await server.request('/v1/platforms');
    expect(response.status).toBe(200);
    expect(response.headers.get('ratelimit-limit')).not.toBeNull();
    expect(await response.json()).toEqual({ platforms: [{ name: 'Listed Social' }] });
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
  });
});

describe('GET /v1/service', () => {
  it('tells the page how long a case is kept: null without retention, the configured days otherwise', async () => {
    expect(await (await server.request('/v1/service')).json()).toEqual({ retentionDays: null });
    const kept = await startTestServer({ config: { retentionDays: 180 } });
    try {
      const response = await kept.request('/v1/service');
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ retentionDays: 180 });
    } finally {
      await kept.close();
    }
  });
});

describe('per-key quotas', () => {
  it('answers 429 problem+json with Retry-After once a key used its quota, without touching other keys', async () => {
    const limited = await startTestServer({ config: { platformLimits: { requestsPerMinute: 3, anonymousRequestsPerMinute: 2 } } });
    try {
      const busy = await addPlatform(limited, 'busy', ['feed']);
      const calm = await addPlatform(limited, 'calm', ['feed']);
      for (let i = 0; i < 3; i++) expect((await limited.request('/v1/feed', { headers: busy.auth })).status).toBe(200);
      const refused = await limited.request('/v1/feed', { headers: busy.auth });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await refused.json()).toMatchObject({ status: 429, detail: expect.stringMatching(/^over the limit of 3 requests per minute; retry in \d+ s$/) });
      expect((await limited.request('/v1/feed', { headers: calm.auth })).status).toBe(200);
      // Guessing keys is limited per client.
      const guesses = [];
      for (let i = 0; i < 3; i++) guesses.push((await limited.request('/v1/feed', { headers: { authorization: `Bearer dh_guess${i}` } })).status);
      expect(guesses).toEqual([401, 401, 429]);
    } finally {
      await limited.close();
    }
  });
});
