import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from './case-helpers.js';
import { startTestServer, type TestServer } from './helpers.js';
import { createOperator, json, login, operatorClient, PASSWORD, sessionCookie } from './operator-helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await createOperator(server, 'alice', 'admin');
  await createOperator(server, 'rita', 'reviewer');
});
afterAll(async () => server.close());

describe('operator sign-in', () => {
  it('signs in with the right password: an HttpOnly, SameSite=Strict cookie and a CSRF token', async () => {
    const response = await server.request('/v1/admin/login', { method: 'POST', json: { username: 'Alice', password: PASSWORD } });
    const body = await json(response, 200);
    expect(body).toMatchObject({ totpRequired: false, operator: { username: 'alice', role: 'admin', active: true, totpEnabled: false, ngo: null } });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const cookie = sessionCookie(response)!;
    expect(cookie.line).toMatch(/; HttpOnly/i);
    expect(cookie.line).toMatch(/; SameSite=Strict/i);
    expect(cookie.line).toMatch(/; Path=\//i);
    expect(cookie.line).not.toMatch(/; Secure/i); // this test server runs with secureCookies: false
    expect(cookie.line).not.toMatch(/Max-Age|Expires/i); // gone when the browser closes
    const token = cookie.pair.split('=')[1]!;
    expect(token.length).toBeGreaterThanOrEqual(32);

    const me = await json(await operatorClient(server, cookie.pair, body.csrfToken).request('/v1/admin/me'), 200);
    expect(me).toMatchObject({ operator: { username: 'alice' }, csrfToken: body.csrfToken });
  });

  it('stores only a digest of the session token', async () => {
    const client = await login(server, 'alice');
    const token = client.cookie.split('=')[1]!;
    const { openDb } = await import('./case-helpers.js');
    const db = openDb(server);
    try {
      const rows = db.prepare('SELECT token_digest, csrf_token FROM sessions').all() as { token_digest: Buffer }[];
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.token_digest.toString('utf8')).not.toContain(token);
      expect(JSON.stringify(rows.map((r) => r.token_digest.toString('hex')))).not.toContain(Buffer.from(token).toString('hex'));
    } finally {
      db.close();
    }
  });

  it('answers the same 401 for an unknown username and a wrong password', async () => {
    const wrong = await expectProblem(await server.request('/v1/admin/login', { method: 'POST', json: { username: 'alice', password: 'not the password' } }), 401);
    const unknown = await expectProblem(await server.request('/v1/admin/login', { method: 'POST', json: { username: 'nobody', password: 'not the password' } }), 401);
    expect(wrong.detail).toBe(unknown.detail);
    expect(wrong.detail).toBe('wrong username or password');
  });

  it('rejects a login body with unknown or missing fields, naming them', async () => {
    await expectProblem(await server.request('/v1/admin/login', { method: 'POST', json: { username: 'alice', password: PASSWORD, remember: true } }), 400, 'remember');
    await expectProblem(await server.request('/v1/admin/login', { method: 'POST', json: { username: 'alice' } }), 400, 'password');
  });

  it('requires the CSRF token on state-changing requests, not on reads', async () => {
    const client = await login(server, 'alice');
    await expectProblem(await client.request('/v1/admin/ngos', { method: 'POST', json: { name: 'Asso', code: 'ASSO-1' }, csrf: false }), 403);
    await expectProblem(await client.request('/v1/admin/ngos', { method: 'POST', json: { name: 'Asso', code: 'ASSO-1' }, headers: { 'x-csrf-token': 'forged' }, csrf: false }), 403);
    // Another session's token does not fit this session.
    const other = await login(server, 'alice');
    await expectProblem(await client.request('/v1/admin/ngos', { method: 'POST', json: { name: 'Asso', code: 'ASSO-1' }, headers: { 'x-csrf-token': other.csrf }, csrf: false }), 403);
    expect(server.app.store.ngos.byCode('ASSO-1')).toBeUndefined();
    await json(await client.request('/v1/admin/ngos', { csrf: false }), 200);
    await json(await client.request('/v1/admin/ngos', { method: 'POST', json: { name: 'Asso', code: 'ASSO-1' } }), 201);
  });

  it('answers 401 without a session, and with a made-up cookie', async () => {
    await expectProblem(await server.request('/v1/admin/me'), 401);
    await expectProblem(await server.request('/v1/admin/me', { headers: { cookie: 'disrupt_session=made-up' } }), 401);
    // Anonymous requests are refused before their body is even read.
    await expectProblem(await server.request('/v1/admin/ngos', { method: 'POST', json: { nonsense: true } }), 401);
  });

  it('logs out: the cookie is cleared and the session no longer works', async () => {
    const client = await login(server, 'rita');
    await expectProblem(await client.request('/v1/admin/logout', { method: 'POST', csrf: false }), 403);
    const response = await client.request('/v1/admin/logout', { method: 'POST' });
    expect(response.status).toBe(204);
    expect(sessionCookie(response)!.line).toMatch(/disrupt_session=;|Expires=Thu, 01 Jan 1970/);
    await expectProblem(await client.request('/v1/admin/me'), 401);
  });

  it('lets an operator change their own password; the old one stops working, other sessions end', async () => {
    await createOperator(server, 'paul', 'reviewer');
    const first = await login(server, 'paul');
    const second = await login(server, 'paul');
    await expectProblem(await second.request('/v1/admin/me/password', { method: 'POST', json: { currentPassword: 'wrong', newPassword: 'a much longer new password' } }), 400, 'currentPassword');
    await expectProblem(await second.request('/v1/admin/me/password', { method: 'POST', json: { currentPassword: PASSWORD, newPassword: 'short' } }), 400, 'newPassword');
    const changed = await second.request('/v1/admin/me/password', { method: 'POST', json: { currentPassword: PASSWORD, newPassword: 'a much longer new password' } });
    const body = await json(changed, 200);
    await expectProblem(await first.request('/v1/admin/me'), 401);
    await json(await operatorClient(server, sessionCookie(changed)!.pair, body.csrfToken).request('/v1/admin/me'), 200);
    await expectProblem(await server.request('/v1/admin/login', { method: 'POST', json: { username: 'paul', password: PASSWORD } }), 401);
    await login(server, 'paul', 'a much longer new password');
  });
});

describe('session expiry', () => {
  let short: TestServer;
  beforeAll(async () => {
    short = await startTestServer({ config: { operatorAuth: { sessionIdleMs: 600, sessionAbsoluteMs: 1500 } } });
    await createOperator(short, 'alice', 'admin');
  });
  afterAll(async () => short.close());

  it('ends a session after the idle time', async () => {
    const client = await login(short, 'alice');
    await json(await client.request('/v1/admin/me'), 200);
    await new Promise((r) => setTimeout(r, 800));
    await expectProblem(await client.request('/v1/admin/me'), 401);
  });

  it('keeps an active session alive until the absolute limit, not after', async () => {
    const client = await login(short, 'alice');
    const started = Date.now();
    while (Date.now() - started < 1200) {
      await json(await client.request('/v1/admin/me'), 200); // each request pushes the idle expiry
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, 400));
    await expectProblem(await client.request('/v1/admin/me'), 401);
  });
});

describe('secure cookies', () => {
  it('marks the session cookie Secure (with the __Host- prefix) when secureCookies is on', async () => {
    const secure = await startTestServer({ config: { secureCookies: true } });
    try {
      await createOperator(secure, 'alice', 'admin');
      const response = await secure.request('/v1/admin/login', { method: 'POST', json: { username: 'alice', password: PASSWORD } });
      await json(response, 200);
      const cookie = sessionCookie(response)!;
      expect(cookie.line).toMatch(/^__Host-disrupt_session=/);
      expect(cookie.line).toMatch(/; Secure/i);
      expect(cookie.line).toMatch(/; HttpOnly/i);
      expect(cookie.line).toMatch(/; SameSite=Strict/i);
      expect(cookie.line).toMatch(/; Path=\//i);
      expect(cookie.line).not.toMatch(/Domain=/i);
    } finally {
      await secure.close();
    }
  });
});
