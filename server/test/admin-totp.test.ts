import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from './case-helpers.js';
import { startTestServer, type TestServer } from './helpers.js';
import { createOperator, json, login, operatorClient, PASSWORD, sessionCookie } from './operator-helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await createOperator(server, 'alice', 'admin');
  await createOperator(server, 'tom', 'reviewer');
});
afterAll(async () => server.close());

/** The code an authenticator app would show, `offsetSteps` periods from now. */
function code(uri: string, offsetSteps = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(new URL(uri).searchParams.get('secret')!), algorithm: 'SHA1', digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() + offsetSteps * 30_000 });
}

async function passwordStep(username: string) {
  const response = await server.request('/v1/admin/login', { method: 'POST', json: { username, password: PASSWORD } });
  expect(await json(response, 200)).toEqual({ totpRequired: true });
  return sessionCookie(response)!.pair;
}

describe('two-step sign-in (TOTP)', () => {
  /** The code tom signed in with (the test after it replays it). */
  let usedCode = '';
  let uri = '';

  it('enrols: an otpauth URI and a QR code drawn by the server, enabled only by a valid code', async () => {
    const tom = await login(server, 'tom');
    const enrolment = await json(await tom.request('/v1/admin/me/totp', { method: 'POST' }), 200);
    uri = enrolment.uri;
    expect(uri).toMatch(/^otpauth:\/\/totp\/disrupt-hash:tom\?/);
    expect(new URL(uri).searchParams.get('secret')).toBe(enrolment.secret);
    expect(enrolment.qrSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(enrolment.qrSvg).not.toMatch(/https?:\/\/(?!www\.w3\.org)/); // nothing fetched from elsewhere
    // Not on until confirmed.
    expect(server.app.store.operators.byUsername('tom')!.totpEnabled).toBe(false);
    const wrong = code(uri) === '000000' ? '111111' : '000000';
    await expectProblem(await tom.request('/v1/admin/me/totp/confirm', { method: 'POST', json: { code: wrong } }), 400, 'code');
    await expectProblem(await tom.request('/v1/admin/me/totp/confirm', { method: 'POST', json: { code: '12345' } }), 400, 'code');
    expect(await json(await tom.request('/v1/admin/me/totp/confirm', { method: 'POST', json: { code: code(uri) } }), 200)).toEqual({ totpEnabled: true });
    expect(server.app.store.operators.byUsername('tom')!.totpEnabled).toBe(true);
    await expectProblem(await tom.request('/v1/admin/me/totp', { method: 'POST' }), 409);
  });

  it('then asks for the code after the password; the pending session opens nothing else', async () => {
    const pending = await passwordStep('tom');
    await expectProblem(await server.request('/v1/admin/me', { headers: { cookie: pending } }), 401);
    await expectProblem(await server.request('/v1/admin/matches', { headers: { cookie: pending } }), 401);
    await expectProblem(await server.request('/v1/admin/login/totp', { method: 'POST', headers: { cookie: pending }, json: { code: '000000' === code(uri) ? '111111' : '000000' } }), 401);
    // The next period's code is within the accepted window (a phone clock a little ahead).
    usedCode = code(uri, 1);
    const response = await server.request('/v1/admin/login/totp', { method: 'POST', headers: { cookie: pending }, json: { code: usedCode } });
    const body = await json(response, 200);
    expect(body.operator).toMatchObject({ username: 'tom', totpEnabled: true });
    const full = sessionCookie(response)!.pair;
    expect(full).not.toBe(pending); // a new token, not the pending one promoted
    await json(await operatorClient(server, full, body.csrfToken).request('/v1/admin/me'), 200);
    await expectProblem(await server.request('/v1/admin/me', { headers: { cookie: pending } }), 401);
  });

  it('accepts each code once', async () => {
    const pending = await passwordStep('tom');
    // The very code used above, not recomputed: across a 30 s boundary that would be a new one.
    await expectProblem(await server.request('/v1/admin/login/totp', { method: 'POST', headers: { cookie: pending }, json: { code: usedCode } }), 401);
  });

  it('refuses the code step without the password step', async () => {
    await expectProblem(await server.request('/v1/admin/login/totp', { method: 'POST', json: { code: code(uri) } }), 401);
    const alice = await login(server, 'alice');
    await expectProblem(await server.request('/v1/admin/login/totp', { method: 'POST', headers: { cookie: alice.cookie }, json: { code: code(uri) } }), 401);
  });

  it('lets an admin switch it off for someone who lost their phone', async () => {
    const alice = await login(server, 'alice');
    const tom = server.app.store.operators.byUsername('tom')!;
    const reviewerTry = await passwordStep('tom');
    expect(reviewerTry).toBeTruthy();
    expect(await json(await alice.request(`/v1/admin/operators/${tom.id}/totp`, { method: 'DELETE' }), 200)).toMatchObject({ username: 'tom', totpEnabled: false });
    await login(server, 'tom');
    const audit = await json(await alice.request('/v1/admin/audit?action=operator.totp_reset'), 200);
    expect(audit.entries[0]).toMatchObject({ actorName: 'alice', target: `operator:${tom.id}` });
    const logins = await json(await alice.request(`/v1/admin/audit?actor=operator:${tom.id}&action=session.login`), 200);
    expect(logins.entries.map((e: { detail: unknown }) => e.detail)).toEqual([{ secondFactor: false }, { secondFactor: true }, { secondFactor: false }]);
    const failures = await json(await alice.request('/v1/admin/audit?action=session.totp_failed'), 200);
    expect(failures.entries.length).toBeGreaterThanOrEqual(2);
    expect(failures.entries[0]).toMatchObject({ actor: 'anonymous', target: `operator:${tom.id}` });
  });
});
