/**
 * Case secrets a person can write down: 40 Crockford base-32 characters (200 bits), accepted
 * however a person copies them (lower case, spaces, dashes, O for 0, l or I for 1), and refused
 * when a real character differs. Cases made before keep their base64url secret, checked as typed.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readableCaseId } from '../src/secrets/tokens.js';
import type { NewItem } from '../src/store/cases-repository.js';
import { caseAuth, createCase, expectProblem } from './case-helpers.js';
import { startTestServer, type TestServer } from './helpers.js';
import { randomItem } from './platform-helpers.js';

const READABLE = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ config: { victimLimits: { requestsPerMinute: 10_000, backoffFreeAttempts: 1_000, submissionsPerHour: 10_000 } } });
});
afterAll(async () => server.close());

const view = (caseId: string, secret: string) => server.request(`/v1/cases/${caseId}`, { headers: caseAuth(secret) });

/** A case whose secret holds at least one 0 and one 1, to type them the ambiguous way. */
async function caseWithZeroAndOne() {
  for (let attempt = 0; attempt < 50; attempt++) {
    const created = await createCase(server, [randomItem()]);
    if (created.secret.includes('0') && created.secret.includes('1')) return created;
  }
  throw new Error('no secret with both a 0 and a 1 in 50 cases');
}

describe('case secrets', () => {
  it('are 40 readable characters (200 bits), different every time', async () => {
    const secrets = await Promise.all(Array.from({ length: 20 }, async () => (await createCase(server, [randomItem()])).secret));
    for (const secret of secrets) expect(secret).toMatch(/^[0-9A-HJKMNP-TV-Z]{40}$/);
    expect(new Set(secrets).size).toBe(secrets.length);
  });

  it('open the case however a person copies them: lower case, groups, dashes, O for 0, l and I for 1', async () => {
    const { caseId, secret } = await caseWithZeroAndOne();
    const groups = secret.match(/.{4}/g)!;
    const typed = [
      secret.toLowerCase(),
      groups.join(' '),
      groups.join('-'),
      ` ${groups.join(' - ').toLowerCase()} `,
      secret.replace(/0/g, 'O').replace(/1/g, 'l'),
      secret.replace(/0/g, 'o').replace(/1/g, 'I').toLowerCase(),
      groups.join(' ').replace(/0/g, 'O').replace(/1/g, 'L').toLowerCase(),
    ];
    for (const attempt of typed) expect((await view(caseId, attempt)).status, attempt).toBe(200);
  });

  it('do not open the case when one real character differs, wherever it is', async () => {
    const { caseId, secret } = await createCase(server, [randomItem()]);
    for (const position of [0, 17, 39]) {
      const other = READABLE[(READABLE.indexOf(secret[position]!) + 1) % READABLE.length]!;
      const wrong = secret.slice(0, position) + other + secret.slice(position + 1);
      await expectProblem(await view(caseId, wrong.toLowerCase()), 401);
    }
    // Neither shorter nor longer.
    await expectProblem(await view(caseId, secret.slice(0, -1)), 401);
    await expectProblem(await view(caseId, `${secret}0`), 401);
    expect((await view(caseId, secret)).status).toBe(200);
  });

  it('a case created before, with a base64url secret, still opens with it exactly as given, and only so', async () => {
    // As the older code did: 24 random bytes in base64url, stored as an HMAC digest.
    let old = '';
    while (!/-/.test(old) || !/_/.test(old) || !/[a-z]/.test(old)) old = randomBytes(24).toString('base64url');
    const item: NewItem = { type: 'image', quality: 90, reliable: true, signals: [{ signal: 'sha256', value: randomBytes(32).toString('hex') }] };
    const { caseId } = server.app.store.cases.create({ secret: server.app.keys.digest(old), items: [item] }, readableCaseId);

    expect((await view(caseId, old)).status).toBe(200);
    expect((await view(caseId, old.match(/.{1,4}/g)!.join(' '))).status).toBe(200); // as the page shows it
    const added = await server.request(`/v1/cases/${caseId}/items`, { method: 'POST', headers: caseAuth(old), json: { items: [randomItem()] } });
    expect(added.status).toBe(201);
    // Its letters are case-sensitive and its dashes part of it: no readable reading of it is accepted.
    await expectProblem(await view(caseId, old.toUpperCase()), 401);
    await expectProblem(await view(caseId, old.replace(/-/g, '')), 401);
  });
});
