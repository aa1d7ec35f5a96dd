import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from './case-helpers.js';
import { startTestServer, type TestServer } from './helpers.js';
import { createOperator, json, PASSWORD } from './operator-helpers.js';

// Short back-off for the test: 2 free failures, then 400 ms, 800 ms, … at most 1.6 s.
const settings = { backoffFreeAttempts: 2, backoffBaseMs: 400, backoffMaxMs: 1600 };

let server: TestServer;
beforeAll(async () => {
  // Behind a (pretend) reverse proxy, so each test can speak from its own client address.
  server = await startTestServer({ config: { trustProxy: true, operatorAuth: settings } });
  await createOperator(server, 'alice', 'admin');
  await createOperator(server, 'bob', 'reviewer');
  await createOperator(server, 'carol', 'reviewer');
});
afterAll(async () => server.close());

const attempt = (username: string, password: string, from: string) =>
  server.request('/v1/admin/login', { method: 'POST', headers: { 'x-forwarded-for': from }, json: { username, password } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('login throttling', () => {
  it('answers 429 with Retry-After after repeated failures on a username, and lets the person in after the wait', async () => {
    await expectProblem(await attempt('alice', 'wrong-1', '203.0.113.1'), 401);
    await expectProblem(await attempt('alice', 'wrong-2', '203.0.113.2'), 401);
    await expectProblem(await attempt('alice', 'wrong-3', '203.0.113.3'), 401); // third failure: back-off starts
    // From any address, even with the right password: wait first.
    const limited = await attempt('alice', PASSWORD, '203.0.113.4');
    const problem = await expectProblem(limited, 429);
    expect(problem.detail).toMatch(/wait, then try again/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    await sleep(450);
    await json(await attempt('alice', PASSWORD, '203.0.113.4'), 200);
    // Success cleared the username's count: one typo is not a wait.
    await expectProblem(await attempt('alice', 'typo', '203.0.113.5'), 401);
    await json(await attempt('alice', PASSWORD, '203.0.113.5'), 200);
  });

  it('doubles the wait at each further failure, up to the maximum: never a lock', async () => {
    for (let i = 0; i < 3; i++) await attempt('bob', `wrong-${i}`, `198.51.100.${i}`);
    await expectProblem(await attempt('bob', PASSWORD, '198.51.100.9'), 429);
    await sleep(450);
    await expectProblem(await attempt('bob', 'wrong-again', '198.51.100.10'), 401); // 4th failure: 800 ms
    await sleep(250);
    await expectProblem(await attempt('bob', PASSWORD, '198.51.100.11'), 429); // still waiting
    await sleep(650);
    await json(await attempt('bob', PASSWORD, '198.51.100.11'), 200);
  });

  it('throttles one client address that tries many usernames', async () => {
    const from = '192.0.2.77';
    for (const name of ['nobody1', 'nobody2', 'nobody3']) await expectProblem(await attempt(name, 'guess', from), 401);
    // carol never failed, but this address did.
    const limited = await attempt('carol', PASSWORD, from);
    await expectProblem(limited, 429);
    expect(limited.headers.get('retry-after')).not.toBeNull();
    // Another address is not affected.
    await json(await attempt('carol', PASSWORD, '192.0.2.78'), 200);
    await sleep(450);
    await json(await attempt('carol', PASSWORD, from), 200);
  });
});
