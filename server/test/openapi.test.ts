/**
 * The OpenAPI description is generated from the route schemas: every documented operation must
 * declare its success response (the schema that also serialises it, so nothing leaks by accident)
 * and every operation that takes a body must declare it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.js';

interface Operation {
  requestBody?: unknown;
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

let server: TestServer;
let spec: { openapi: string; paths: Record<string, Record<string, Operation>> };

beforeAll(async () => {
  server = await startTestServer();
  spec = (await (await server.request('/openapi.json')).json()) as typeof spec;
});
afterAll(async () => server.close());

it('documents the public API areas', () => {
  expect(spec.openapi).toMatch(/^3\./);
  for (const path of ['/v1/cases', '/v1/cases/{caseId}', '/v1/match', '/v1/match/file', '/v1/feed', '/v1/platforms', '/v1/admin/login', '/v1/ngo/stats']) {
    expect(Object.keys(spec.paths)).toContain(path);
  }
});

it('declares a success response schema on every operation, and a body where one is read', () => {
  const missing: string[] = [];
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const success = Object.entries(op.responses ?? {}).filter(([code]) => /^2/.test(code));
      if (success.length === 0) missing.push(`${method.toUpperCase()} ${path}: no 2xx response`);
      for (const [code, response] of success) {
        if (code === '204') continue;
        // JSON, or an image the server draws (the NGOs' referral QR code).
        const schema = response.content?.['application/json']?.schema ?? response.content?.['image/svg+xml']?.schema;
        if (!schema) missing.push(`${method.toUpperCase()} ${path}: ${code} without a JSON schema`);
      }
      if (['post', 'put', 'patch'].includes(method) && !op.requestBody && !path.endsWith('/logout') && !path.endsWith('/match/file')) {
        const bodyless = /\/(disable|enable|activate|deactivate|rotate-key|revoke|totp)$/.test(path);
        if (!bodyless) missing.push(`${method.toUpperCase()} ${path}: no request body schema`);
      }
    }
  }
  expect(missing).toEqual([]);
});

it('documents the Idempotency-Key header of the victim POSTs', () => {
  for (const path of ['/v1/cases', '/v1/cases/{caseId}/items']) {
    const parameters = (spec.paths[path]!.post as { parameters?: { in: string; name: string; required: boolean; description?: string }[] }).parameters ?? [];
    expect(parameters.find((p) => p.in === 'header'), path).toMatchObject({ name: 'Idempotency-Key', required: false, description: expect.stringMatching(/same 201 answer|first 201/) });
  }
});
