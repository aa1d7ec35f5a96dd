import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

describe('system endpoints', () => {
  it('answers /healthz and /readyz', async () => {
    const health = await server.request('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await server.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', indexes: { pdq: 0, blockhash: 0 } });
  });

  it('answers unknown routes with problem+json', async () => {
    const response = await server.request('/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ status: 404, title: 'Not found', detail: 'GET /v1/nothing-here was not found' });
  });
});

describe('validation messages', () => {
  it('explain a malformed fingerprint in plain words, naming the field', async () => {
    const { randomItem } = await import('./platform-helpers.js');
    const item = { ...randomItem(), pdq: randomItem().pdq.slice(1) };
    const response = await server.request('/v1/cases', { method: 'POST', json: { items: [randomItem(), item] } });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ field: 'items[1].pdq', detail: 'items[1].pdq: expected 64 hex characters, got 63' });
    const bad = await server.request('/v1/cases', { method: 'POST', json: { items: [{ ...randomItem(), md5: 'z'.repeat(32) }] } });
    expect(await bad.json()).toMatchObject({ field: 'items[0].md5', detail: 'items[0].md5: expected only hex characters 0-9 a-f, found "z"' });
  });
});
