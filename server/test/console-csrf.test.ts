/**
 * Cross-site request forgery against the console. Its session cookie is SameSite=Strict, so a
 * browser does not send it from another site; the tests here assume a browser that does anyway
 * (old, or misconfigured) and send the cookie with what a hostile page can make a browser send:
 * an HTML form (urlencoded, multipart or text/plain body) or a cross-origin fetch. Each is refused
 * and changes nothing: state-changing requests need the X-CSRF-Token given at sign-in (which a
 * foreign page cannot read: no CORS header is ever sent), and only JSON bodies are parsed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from './case-helpers.js';
import { startTestServer, type TestServer } from './helpers.js';
import { createOperator, json, login, PASSWORD, sessionCookie, type Operator } from './operator-helpers.js';

const HOSTILE = { origin: 'https://evil.example', referer: 'https://evil.example/page', 'sec-fetch-site': 'cross-site' };

let server: TestServer;
let admin: Operator;
beforeAll(async () => {
  server = await startTestServer();
  await createOperator(server, 'alice', 'admin');
  admin = await login(server, 'alice');
});
afterAll(async () => server.close());

/** A form submission from another site, with the session cookie attached. */
function forgedForm(path: string, contentType: string, body: string): Promise<Response> {
  return server.request(path, { method: 'POST', headers: { ...HOSTILE, cookie: admin.cookie, 'content-type': contentType }, body });
}

const ngoCount = async () => ((await json<{ ngos: unknown[] }>(await admin.request('/v1/admin/ngos'), 200)).ngos ?? []).length;

describe('console CSRF', () => {
  it('refuses a cross-site form POST carrying the session cookie, whatever its encoding', async () => {
    const before = await ngoCount();
    const forms: [string, string][] = [
      ['application/x-www-form-urlencoded', 'name=Forged&code=FORGED-1'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nForged\r\n--x--\r\n'],
      // The JSON-in-text/plain trick: <form enctype="text/plain"> with a name of '{"name":"Forged","code":"FORGED-1","x":"' and a value of '"}'.
      ['text/plain', '{"name":"Forged","code":"FORGED-1","x":"="}'],
    ];
    for (const [type, body] of forms) {
      const problem = await expectProblem(await forgedForm('/v1/admin/ngos', type, body), 403);
      expect(problem.detail, type).toContain('x-csrf-token');
    }
    expect(await ngoCount()).toBe(before);
  });

  it('refuses the same with a JSON body and a forged or foreign token', async () => {
    const before = await ngoCount();
    const other = await login(server, 'alice'); // a second session: its token is not this one's
    for (const token of [undefined, '', 'forged', other.csrf, admin.csrf.toUpperCase()]) {
      const headers: Record<string, string> = { ...HOSTILE, cookie: admin.cookie, 'content-type': 'application/json' };
      if (token !== undefined) headers['x-csrf-token'] = token;
      await expectProblem(await server.request('/v1/admin/ngos', { method: 'POST', headers, body: JSON.stringify({ name: 'Forged', code: 'FORGED-2' }) }), 403);
    }
    expect(await ngoCount()).toBe(before);
    // The console itself, with its token, does it: the count above would have moved.
    await json(await admin.request('/v1/admin/ngos', { method: 'POST', json: { name: 'Real', code: 'REAL-1' } }), 201);
    expect(await ngoCount()).toBe(before + 1);
  });

  it('cannot sign a victim of the attack out (logout needs the token too)', async () => {
    await expectProblem(await forgedForm('/v1/admin/logout', 'application/x-www-form-urlencoded', ''), 403);
    await json(await admin.request('/v1/admin/me'), 200);
  });

  it('refuses a cross-site login form (login CSRF): no session is opened', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
      const response = await server.request('/v1/admin/login', {
        method: 'POST',
        headers: { ...HOSTILE, 'content-type': type },
        body: type.startsWith('multipart') ? '--x--\r\n' : `username=alice&password=${encodeURIComponent(PASSWORD)}`,
      });
      await expectProblem(response, 415);
      expect(sessionCookie(response), type).toBeUndefined();
    }
  });

  it('never lets another origin read an answer: no CORS headers, preflights unanswered', async () => {
    const me = await admin.request('/v1/admin/me', { headers: HOSTILE });
    await json(me, 200);
    expect(me.headers.get('access-control-allow-origin')).toBeNull();
    expect(me.headers.get('access-control-allow-credentials')).toBeNull();
    const preflight = await server.request('/v1/admin/ngos', {
      method: 'OPTIONS',
      headers: { ...HOSTILE, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-csrf-token, content-type' },
    });
    await preflight.arrayBuffer();
    expect(preflight.status).toBeGreaterThanOrEqual(400);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-headers')).toBeNull();
  });

  it('clears the cookie at sign-out with the flags it was set with', async () => {
    const session = await login(server, 'alice');
    const response = await session.request('/v1/admin/logout', { method: 'POST' });
    expect(response.status).toBe(204);
    const cleared = sessionCookie(response)!.line;
    expect(cleared).toMatch(/^disrupt_session=;/);
    for (const flag of [/; Path=\//i, /; HttpOnly/i, /; SameSite=Strict/i, /Expires=Thu, 01 Jan 1970/i]) expect(cleared).toMatch(flag);
  });
});
