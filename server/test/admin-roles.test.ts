/**
 * The role matrix: every operator and NGO endpoint, for each of admin, reviewer, ngo and an
 * anonymous caller. Allowed roles get the endpoint's own answer (targets that do not exist give
 * 404, so nothing is changed by accident); the others get 403 (signed in) or 401 (anonymous).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.js';
import { createOperator, login, type Operator } from './operator-helpers.js';

type Role = 'admin' | 'reviewer' | 'ngo' | 'anonymous';
const ALL: Role[] = ['admin', 'reviewer', 'ngo'];
const REVIEW: Role[] = ['admin', 'reviewer'];
const ADMIN: Role[] = ['admin'];
const NGO: Role[] = ['ngo'];

interface Row {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  body?: (role: Role) => unknown;
  allowed: Role[];
  /** The answer an allowed role gets. */
  status: number;
}

const MISSING = 999_999;
const ROWS: Row[] = [
  { method: 'GET', path: '/v1/admin/me', allowed: ALL, status: 200 },
  { method: 'POST', path: '/v1/admin/me/totp', allowed: ALL, status: 200 },
  // After the row above started an enrolment: a wrong code is a 400 naming the field.
  { method: 'POST', path: '/v1/admin/me/totp/confirm', body: () => ({ code: '000000' }), allowed: ALL, status: 400 },
  { method: 'POST', path: '/v1/admin/me/password', body: () => ({ currentPassword: 'not it', newPassword: 'long enough password' }), allowed: ALL, status: 400 },
  { method: 'GET', path: '/v1/admin/matches', allowed: REVIEW, status: 200 },
  { method: 'GET', path: '/v1/admin/matches/disputes', allowed: REVIEW, status: 200 },
  { method: 'GET', path: '/v1/admin/matches/platforms', allowed: REVIEW, status: 200 },
  { method: 'POST', path: `/v1/admin/matches/${MISSING}/review`, body: () => ({ review: 'confirmed' }), allowed: REVIEW, status: 404 },
  { method: 'GET', path: `/v1/admin/items/${MISSING}`, allowed: REVIEW, status: 404 },
  { method: 'POST', path: `/v1/admin/items/${MISSING}/disable`, body: () => ({ reason: 'test' }), allowed: REVIEW, status: 404 },
  { method: 'POST', path: `/v1/admin/items/${MISSING}/enable`, body: () => ({}), allowed: REVIEW, status: 404 },
  { method: 'GET', path: '/v1/admin/alerts', allowed: REVIEW, status: 200 },
  { method: 'POST', path: `/v1/admin/alerts/${MISSING}/decision`, body: () => ({ decision: 'restore' }), allowed: REVIEW, status: 404 },
  { method: 'GET', path: '/v1/admin/cases/DSR-0000-0000', allowed: REVIEW, status: 404 },
  { method: 'GET', path: '/v1/admin/stats', allowed: REVIEW, status: 200 },
  { method: 'GET', path: '/v1/admin/transparency', allowed: ADMIN, status: 200 },
  { method: 'GET', path: '/v1/admin/operators', allowed: ADMIN, status: 200 },
  { method: 'POST', path: '/v1/admin/operators', body: (role) => ({ username: `made-by-${role}`, role: 'reviewer' }), allowed: ADMIN, status: 201 },
  { method: 'POST', path: `/v1/admin/operators/${MISSING}/deactivate`, allowed: ADMIN, status: 404 },
  { method: 'POST', path: `/v1/admin/operators/${MISSING}/activate`, allowed: ADMIN, status: 404 },
  { method: 'POST', path: `/v1/admin/operators/${MISSING}/reset-password`, body: () => ({}), allowed: ADMIN, status: 404 },
  { method: 'POST', path: `/v1/admin/operators/${MISSING}/role`, body: () => ({ role: 'reviewer' }), allowed: ADMIN, status: 404 },
  { method: 'DELETE', path: `/v1/admin/operators/${MISSING}/totp`, allowed: ADMIN, status: 404 },
  { method: 'GET', path: '/v1/admin/platforms', allowed: ADMIN, status: 200 },
  { method: 'POST', path: '/v1/admin/platforms', body: (role) => ({ name: `Platform of ${role}`, scopes: ['match'] }), allowed: ADMIN, status: 201 },
  { method: 'POST', path: `/v1/admin/platforms/${MISSING}/rotate-key`, allowed: ADMIN, status: 404 },
  { method: 'POST', path: `/v1/admin/platforms/${MISSING}/revoke`, allowed: ADMIN, status: 404 },
  { method: 'PATCH', path: `/v1/admin/platforms/${MISSING}`, body: () => ({ listed: true }), allowed: ADMIN, status: 404 },
  { method: 'GET', path: '/v1/admin/ngos', allowed: ADMIN, status: 200 },
  { method: 'POST', path: '/v1/admin/ngos', body: (role) => ({ name: `NGO of ${role}`, code: `BY-${role.toUpperCase()}` }), allowed: ADMIN, status: 201 },
  { method: 'GET', path: '/v1/admin/audit', allowed: ADMIN, status: 200 },
  { method: 'GET', path: '/v1/ngo/stats', allowed: NGO, status: 200 },
  { method: 'GET', path: '/v1/ngo/referral-qr.svg', allowed: NGO, status: 200 },
  // Last: it ends the session.
  { method: 'POST', path: '/v1/admin/logout', allowed: ALL, status: 204 },
];

/** `METHOD /full/path` of every route, from Fastify's route tree (HEAD left out: it follows GET). */
function routeList(tree: string): string[] {
  const parents: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:│ {3}| {4})*)[├└]── (\S+) \(([^)]+)\)$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const path = (depth > 0 ? parents[depth - 1]! : '') + match[2]!;
    parents[depth] = path;
    for (const method of match[3]!.split(', ')) if (method !== 'HEAD') routes.push(`${method} ${path}`);
  }
  return routes;
}

let server: TestServer;
const clients = new Map<Role, Operator>();
beforeAll(async () => {
  server = await startTestServer();
  server.app.store.ngos.create({ name: 'Asso', code: 'ASSO' });
  await createOperator(server, 'the-admin', 'admin');
  await createOperator(server, 'the-reviewer', 'reviewer');
  await createOperator(server, 'the-ngo', 'ngo', { ngoCode: 'ASSO' });
  clients.set('admin', await login(server, 'the-admin'));
  clients.set('reviewer', await login(server, 'the-reviewer'));
  clients.set('ngo', await login(server, 'the-ngo'));
});
afterAll(async () => server.close());

describe('role matrix', () => {
  for (const role of [...ALL, 'anonymous'] as Role[]) {
    it(`${role}: each endpoint answers exactly as the role allows`, async () => {
      const answers: string[] = [];
      const expected: string[] = [];
      for (const row of ROWS) {
        const init = { method: row.method, json: row.body?.(role) };
        const client = clients.get(role);
        const response = client ? await client.request(row.path, init) : await server.request(row.path, init);
        await response.arrayBuffer();
        answers.push(`${row.method} ${row.path} → ${response.status}`);
        expected.push(`${row.method} ${row.path} → ${row.allowed.includes(role) ? row.status : role === 'anonymous' ? 401 : 403}`);
      }
      expect(answers).toEqual(expected);
    });
  }

  it('covers every operator and NGO route the server has', () => {
    const routes = routeList(server.app.printRoutes({ commonPrefix: false })).filter((route) => / \/v1\/(admin|ngo)\//.test(route));
    const covered = ROWS.map((r) => `${r.method} ${r.path.replace(new RegExp(`/${MISSING}(?=/|$)`), '/:id').replace('DSR-0000-0000', ':caseId')}`);
    covered.push('POST /v1/admin/login', 'POST /v1/admin/login/totp');
    expect(routes.sort()).toEqual(covered.sort());
  });
});
