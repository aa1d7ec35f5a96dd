/** Administration through HTTP: operator accounts, partner platforms and NGOs (admins only). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from './case-helpers.js';
import { startTestServer, type TestServer } from './helpers.js';
import { createOperator, json, login, PASSWORD, type Operator } from './operator-helpers.js';
import { match, randomItem } from './platform-helpers.js';

let server: TestServer;
let admin: Operator;
beforeAll(async () => {
  server = await startTestServer();
  await createOperator(server, 'alice', 'admin');
  admin = await login(server, 'alice');
  await json(await admin.request('/v1/admin/ngos', { method: 'POST', json: { name: 'Association Une', code: 'ASSO-1' } }), 201);
});
afterAll(async () => server.close());

const post = (path: string, body: unknown = {}) => admin.request(path, { method: 'POST', json: body });

describe('operators', () => {
  it('creates an operator with a temporary password shown once, or with the password given', async () => {
    const created = await json(await post('/v1/admin/operators', { username: 'Rita', role: 'reviewer' }), 201);
    expect(created.operator).toMatchObject({ username: 'rita', role: 'reviewer', active: true, ngo: null, lastLoginAt: null });
    expect(created.temporaryPassword).toMatch(/^[A-Za-z0-9_-]{27}$/);
    await login(server, 'rita', created.temporaryPassword);

    const given = await json(await post('/v1/admin/operators', { username: 'nadia', role: 'ngo', ngoCode: 'asso-1', password: 'a long enough password' }), 201);
    expect(given.operator).toMatchObject({ role: 'ngo', ngo: { code: 'ASSO-1', name: 'Association Une' } });
    expect(given).not.toHaveProperty('temporaryPassword');
    await login(server, 'nadia', 'a long enough password');

    const list = await json(await admin.request('/v1/admin/operators'), 200);
    expect(list.operators.map((o: { username: string }) => o.username)).toEqual(['alice', 'nadia', 'rita']);
    expect(JSON.stringify(list)).not.toMatch(/scrypt|password_hash|passwordHash|totpSecret/);
  });

  it('refuses bad operator data with a 400 naming the field, and a taken username with a 409', async () => {
    await expectProblem(await post('/v1/admin/operators', { username: 'rita', role: 'reviewer' }), 409);
    await expectProblem(await post('/v1/admin/operators', { username: 'x', role: 'reviewer' }), 400, 'username');
    await expectProblem(await post('/v1/admin/operators', { username: 'bob', role: 'boss' }), 400, 'role');
    await expectProblem(await post('/v1/admin/operators', { username: 'bob', role: 'reviewer', password: 'short' }), 400, 'password');
    await expectProblem(await post('/v1/admin/operators', { username: 'bob', role: 'ngo' }), 400, 'ngoCode');
    await expectProblem(await post('/v1/admin/operators', { username: 'bob', role: 'ngo', ngoCode: 'NOPE' }), 400, 'ngoCode');
    await expectProblem(await post('/v1/admin/operators', { username: 'bob', role: 'reviewer', ngoCode: 'ASSO-1' }), 400, 'ngoCode');
    await expectProblem(await post('/v1/admin/operators', { username: 'bob', role: 'reviewer', email: 'bob@example.org' }), 400, 'email');
    expect(server.app.store.operators.byUsername('bob')).toBeUndefined();
  });

  it('deactivates an operator (signed out at once, no more sign-in) and reactivates them', async () => {
    const dan = await createOperator(server, 'dan', 'reviewer');
    const session = await login(server, 'dan');
    expect(await json(await post(`/v1/admin/operators/${dan.id}/deactivate`), 200)).toMatchObject({ active: false });
    await expectProblem(await session.request('/v1/admin/me'), 401);
    const refused = await expectProblem(await server.request('/v1/admin/login', { method: 'POST', json: { username: 'dan', password: PASSWORD } }), 401);
    expect(refused.detail).toBe('wrong username or password');
    expect(await json(await post(`/v1/admin/operators/${dan.id}/activate`), 200)).toMatchObject({ active: true });
    await login(server, 'dan');
  });

  it('resets a password (the old one stops working, sessions end) and changes a role', async () => {
    const eve = await createOperator(server, 'eve', 'reviewer');
    const session = await login(server, 'eve');
    const reset = await json(await post(`/v1/admin/operators/${eve.id}/reset-password`), 200);
    expect(reset.temporaryPassword).toEqual(expect.any(String));
    await expectProblem(await session.request('/v1/admin/me'), 401);
    await expectProblem(await server.request('/v1/admin/login', { method: 'POST', json: { username: 'eve', password: PASSWORD } }), 401);
    await login(server, 'eve', reset.temporaryPassword);
    await json(await post(`/v1/admin/operators/${eve.id}/reset-password`, { password: 'chosen by the admin' }), 200);
    const again = await login(server, 'eve', 'chosen by the admin');

    await expectProblem(await again.request('/v1/admin/operators'), 403);
    expect(await json(await post(`/v1/admin/operators/${eve.id}/role`, { role: 'admin' }), 200)).toMatchObject({ role: 'admin' });
    await json(await again.request('/v1/admin/operators'), 200); // the same session, the new role
    expect(await json(await post(`/v1/admin/operators/${eve.id}/role`, { role: 'ngo', ngoCode: 'ASSO-1' }), 200)).toMatchObject({ role: 'ngo', ngo: { code: 'ASSO-1' } });
    await expectProblem(await post(`/v1/admin/operators/${eve.id}/role`, { role: 'ngo' }), 400, 'ngoCode');
  });

  it('keeps at least one active admin, and no admin can deactivate themselves', async () => {
    const alice = server.app.store.operators.byUsername('alice')!;
    await expectProblem(await post(`/v1/admin/operators/${alice.id}/deactivate`), 409);
    await expectProblem(await post(`/v1/admin/operators/${alice.id}/role`, { role: 'reviewer' }), 409);
    expect(server.app.store.operators.get(alice.id)).toMatchObject({ role: 'admin', active: true });
    await expectProblem(await post('/v1/admin/operators/99999/deactivate'), 404);
  });
});

describe('platforms', () => {
  it('creates a platform whose key is shown once and works; rotates, changes and revokes it', async () => {
    const created = await json(await post('/v1/admin/platforms', { name: 'PicShare', scopes: ['match'], thresholds: { pdq: 20 }, listed: true }), 201);
    expect(created.platform).toMatchObject({ name: 'PicShare', status: 'active', scopes: ['match'], thresholds: { pdq: 20 }, listed: true, revokedAt: null });
    expect(created.platform.keyHint).toBe(created.apiKey.slice(0, created.platform.keyHint.length));
    const id = created.platform.id;
    const key = { authorization: `Bearer ${created.apiKey}` };
    expect((await match(server, key, [randomItem()])).status).toBe(200);
    const listed = await json(await server.request('/v1/platforms'), 200);
    expect(JSON.stringify(listed)).toContain('PicShare');

    const list = await json(await admin.request('/v1/admin/platforms'), 200);
    expect(JSON.stringify(list)).not.toContain(created.apiKey);

    const rotated = await json(await post(`/v1/admin/platforms/${id}/rotate-key`), 200);
    expect(rotated.apiKey).not.toBe(created.apiKey);
    expect((await match(server, key, [randomItem()])).status).toBe(401);
    const newKey = { authorization: `Bearer ${rotated.apiKey}` };
    expect((await match(server, newKey, [randomItem()])).status).toBe(200);

    const patched = await json(await admin.request(`/v1/admin/platforms/${id}`, { method: 'PATCH', json: { scopes: ['feed'], listed: false, thresholds: { pdq: 10, blockhash: 12 } } }), 200);
    expect(patched).toMatchObject({ scopes: ['feed'], listed: false, thresholds: { pdq: 10, blockhash: 12 } });
    expect((await match(server, newKey, [randomItem()])).status).toBe(403);

    expect(await json(await post(`/v1/admin/platforms/${id}/revoke`), 200)).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
    expect((await server.request('/v1/feed', { headers: newKey })).status).toBe(401);

    const audit = await json(await admin.request('/v1/admin/audit?limit=500'), 200);
    const actions = audit.entries.filter((e: { target: string }) => e.target === `platform:${id}`).map((e: { action: string }) => e.action);
    expect(actions).toEqual(['platform.revoke', 'platform.update', 'platform.rotate_key', 'platform.create']);
    const text = JSON.stringify(audit);
    expect(text).not.toContain(created.apiKey);
    expect(text).not.toContain(rotated.apiKey);
  });

  it('refuses bad platform data naming the field, and a taken name with a 409', async () => {
    await expectProblem(await post('/v1/admin/platforms', { name: 'PicShare', scopes: ['match'] }), 409);
    await expectProblem(await post('/v1/admin/platforms', { name: 'Other', scopes: ['everything'] }), 400, 'scopes[0]');
    await expectProblem(await post('/v1/admin/platforms', { name: 'Other', scopes: [] }), 400, 'scopes');
    await expectProblem(await post('/v1/admin/platforms', { name: 'Other', scopes: ['match'], thresholds: { md5: 3 } }), 400, 'thresholds.md5');
    await expectProblem(await post('/v1/admin/platforms', { name: 'Other', scopes: ['match'], thresholds: { pdq: 999 } }), 400, 'thresholds.pdq');
    await expectProblem(await post('/v1/admin/platforms', { name: 'Other', scopes: ['match'], apiKey: 'mine' }), 400, 'apiKey');
    await expectProblem(await admin.request('/v1/admin/platforms/1', { method: 'PATCH', json: {} }), 400);
    expect(server.app.store.platforms.getByName('Other')).toBeUndefined();
  });
});

describe('NGOs', () => {
  it('creates NGOs with a referral code (case-insensitive, unique) and lists their accounts', async () => {
    const created = await json(await post('/v1/admin/ngos', { name: 'Deux', code: 'deux-2' }), 201);
    expect(created).toMatchObject({ name: 'Deux', code: 'DEUX-2', active: true });
    await expectProblem(await post('/v1/admin/ngos', { name: 'Copy', code: 'Deux-2' }), 409);
    await expectProblem(await post('/v1/admin/ngos', { name: 'Bad', code: 'no spaces' }), 400, 'code');
    await expectProblem(await post('/v1/admin/ngos', { code: 'NONAME' }), 400, 'name');
    await createOperator(server, 'ngo-deux', 'ngo', { ngoCode: 'DEUX-2' });
    const list = await json(await admin.request('/v1/admin/ngos'), 200);
    expect(list.ngos.find((n: { code: string }) => n.code === 'DEUX-2').accounts).toEqual([{ id: expect.any(Number), username: 'ngo-deux', active: true }]);
  });
});
