/**
 * `Idempotency-Key` on POST /v1/cases and POST /v1/cases/:caseId/items: a retry of a request whose
 * answer was lost gets the same 201 and creates nothing; the key with a different body is a 422;
 * a malformed key a 400; after 24 hours the key is forgotten. What is stored holds neither the key
 * nor the case secret in clear, and survives a restart.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { caseAuth, expectProblem, openDb } from './case-helpers.js';
import { startTestServer, type TestServer } from './helpers.js';
import { randomItem } from './platform-helpers.js';

const DAY_MS = 24 * 60 * 60 * 1000;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ config: { victimLimits: { requestsPerMinute: 10_000 } } });
});
afterAll(async () => server.close());

const newKey = () => randomBytes(24).toString('base64url');
const post = (path: string, json: unknown, headers: Record<string, string> = {}, on = server) => on.request(path, { method: 'POST', headers, json });
const createWith = (key: string, json: unknown, on = server) => post('/v1/cases', json, { 'idempotency-key': key }, on);

function count(sql: string, on = server): number {
  const db = openDb(on);
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}
const cases = (on = server) => count('SELECT COUNT(*) AS n FROM cases', on);
const items = (on = server) => count('SELECT COUNT(*) AS n FROM items', on);
const records = (on = server) => count('SELECT COUNT(*) AS n FROM idempotency_keys', on);

describe('Idempotency-Key on POST /v1/cases', () => {
  it('a retry with the same key and body gets the identical 201, and only one case exists', async () => {
    const key = newKey();
    const body = { items: [randomItem(), randomItem()] };
    const [casesBefore, itemsBefore] = [cases(), items()];
    const first = await createWith(key, body);
    expect(first.status).toBe(201);
    const answer = await first.text();
    for (const sent of [key, `"${key}"`]) {
      // Bare, and as the draft's structured-field string: the same key.
      const again = await createWith(sent, body);
      expect(again.status).toBe(201);
      expect(again.headers.get('cache-control')).toBe('no-store');
      expect(await again.text()).toBe(answer);
    }
    expect([cases(), items()]).toEqual([casesBefore + 1, itemsBefore + 2]);
    // Matchable once, from the first request only.
    for (const item of body.items) expect(server.app.bank.search('pdq', [item.pdq], 0)).toHaveLength(1);
    const { caseId, secret } = JSON.parse(answer) as { caseId: string; secret: string };
    expect((await server.request(`/v1/cases/${caseId}`, { headers: caseAuth(secret) })).status).toBe(200);
    // Same body whitespace aside: a retry all the same.
    const reformatted = await server.request('/v1/cases', { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body, null, 2) });
    expect(await reformatted.text()).toBe(answer);
  });

  it('without a key, the same body creates a new case each time (as before)', async () => {
    const body = { items: [randomItem()] };
    const before = cases();
    for (let i = 0; i < 2; i++) expect((await post('/v1/cases', body)).status).toBe(201);
    expect(cases()).toBe(before + 2);
  });

  it('the same key with a different body gets a 422 naming the header, and creates nothing', async () => {
    const key = newKey();
    expect((await createWith(key, { items: [randomItem()] })).status).toBe(201);
    const before = [cases(), items()];
    const problem = await expectProblem(await createWith(key, { items: [randomItem()] }), 422, 'Idempotency-Key');
    expect(problem.detail).toMatch(/^Idempotency-Key: this key was already used for a different request/);
    await expectProblem(await createWith(key, { items: [randomItem()], referral: 'X' }), 422, 'Idempotency-Key');
    expect([cases(), items()]).toEqual(before);
  });

  it('a malformed key gets a 400 naming the header, and creates nothing', async () => {
    const before = cases();
    for (const key of ['a'.repeat(15), 'a'.repeat(129), `${'a'.repeat(16)}!`, `${'a'.repeat(16)}=`, 'a b c d e f g h i j', `"${'a'.repeat(16)}`, `"${'a'.repeat(15)}"`, '""']) {
      const problem = await expectProblem(await createWith(key, { items: [randomItem()] }), 400, 'Idempotency-Key');
      expect(problem.detail, key).toMatch(/^Idempotency-Key: must be 16 to 128 characters/);
    }
    // Even with a body that would also be refused: the key is checked before the body is read.
    await expectProblem(await createWith('short', { items: [] }), 400, 'Idempotency-Key');
    expect(cases()).toBe(before);
    for (const key of ['a'.repeat(16), 'Z'.repeat(128), '-_09azAZ-_09azAZ']) expect((await createWith(key, { items: [randomItem()] })).status, key).toBe(201);
  });

  it('after 24 hours the key is forgotten: a replay creates a new case, and expired records are purged', async () => {
    const key = newKey();
    const body = { items: [randomItem()] };
    const first = (await (await createWith(key, body)).json()) as { caseId: string };
    expect(count('SELECT MIN(expires_at - created_at) AS n FROM idempotency_keys')).toBe(DAY_MS);
    // A day and a second pass for every record made so far.
    const db = openDb(server);
    db.prepare('UPDATE idempotency_keys SET created_at = created_at - ?, expires_at = expires_at - ?').run(DAY_MS + 1000, DAY_MS + 1000);
    db.close();
    const before = [cases(), records()];
    const later = await createWith(key, body);
    expect(later.status).toBe(201);
    const second = (await later.json()) as { caseId: string };
    expect(second.caseId).not.toBe(first.caseId);
    // The expired record was deleted on lookup and replaced by the new case's.
    expect([cases(), records()]).toEqual([before[0]! + 1, before[1]!]);
    // The hourly purge removes the other expired records, not the one just made.
    expect(server.app.store.idempotency.purgeExpired()).toBe(before[1]! - 1);
    expect(records()).toBe(1);
    // From now on the key replays the new case.
    expect(((await (await createWith(key, body)).json()) as { caseId: string }).caseId).toBe(second.caseId);
    expect(cases()).toBe(before[0]! + 1);
  });
});

describe('one transaction', () => {
  it('no case is left when its idempotency record cannot be written', async () => {
    const body = { items: [randomItem()] };
    const [casesBefore, itemsBefore] = [cases(), items()];
    const failing = vi.spyOn(server.app.store.idempotency, 'save').mockImplementationOnce(() => {
      throw new Error('disk full');
    });
    await expectProblem(await createWith(newKey(), body), 500);
    // Another process saved the same key between our lookup and our write: the draft's 409.
    failing.mockReturnValueOnce(false);
    await expectProblem(await createWith(newKey(), body), 409);
    failing.mockRestore();
    expect([cases(), items()]).toEqual([casesBefore, itemsBefore]);
    expect(server.app.bank.search('pdq', [body.items[0]!.pdq], 0)).toEqual([]);
  });
});

describe('Idempotency-Key on POST /v1/cases/:caseId/items', () => {
  it('a retry adds nothing and answers as the first time; a different body is a 422, a malformed key a 400', async () => {
    const created = (await (await post('/v1/cases', { items: [randomItem()] })).json()) as { caseId: string; secret: string };
    const headers = (key: string) => ({ ...caseAuth(created.secret), 'idempotency-key': key });
    const url = `/v1/cases/${created.caseId}/items`;
    const key = newKey();
    const body = { items: [randomItem(), randomItem()] };
    const first = await post(url, body, headers(key));
    expect(first.status).toBe(201);
    const answer = await first.text();
    const again = await post(url, body, headers(key));
    expect([again.status, await again.text()]).toEqual([201, answer]);
    // Not "already in the case": the retry gets the first answer, whose photos were new.
    expect((JSON.parse(answer) as { items: { alreadyInCase?: boolean }[] }).items.map((i) => i.alreadyInCase)).toEqual([undefined, undefined]);
    const view = (await (await server.request(`/v1/cases/${created.caseId}`, { headers: caseAuth(created.secret) })).json()) as { items: unknown[] };
    expect(view.items).toHaveLength(3);
    await expectProblem(await post(url, { items: [randomItem()] }, headers(key)), 422, 'Idempotency-Key');
    await expectProblem(await post(url, body, headers('tiny')), 400, 'Idempotency-Key');
    // Without the case secret the key gets nobody the stored answer.
    await expectProblem(await post(url, body, { 'idempotency-key': key }), 401);
  });
});

describe('what is stored', () => {
  it('holds neither the key nor the secret nor the fingerprints in clear, and survives a restart', async () => {
    const own = await startTestServer();
    let restarted: TestServer | undefined;
    try {
      const key = newKey();
      const item = randomItem();
      const response = await createWith(key, { items: [item] }, own);
      const answer = await response.text();
      const { caseId, secret } = JSON.parse(answer) as { caseId: string; secret: string };
      const files = () => readdirSync(own.dataDir).map((name) => readFileSync(join(own.dataDir, name)));
      const anywhere = (needle: string) => files().some((bytes) => bytes.includes(Buffer.from(needle, 'latin1')));
      expect(anywhere(caseId)).toBe(true); // the check can see what is there
      expect(anywhere(key)).toBe(false);
      expect(anywhere(secret)).toBe(false);

      const db = openDb(own);
      const row = db.prepare('SELECT * FROM idempotency_keys').get() as Record<string, unknown>;
      db.close();
      const bytes = Buffer.concat(Object.values(row).map((v) => (Buffer.isBuffer(v) ? v : Buffer.from(String(v)))));
      for (const clear of [key, secret, caseId, item.sha256, item.pdq, JSON.stringify({ items: [item] })]) {
        expect(bytes.includes(Buffer.from(clear)), clear.slice(0, 12)).toBe(false);
      }
      for (const hash of [item.sha256, item.pdq]) expect(bytes.includes(Buffer.from(hash, 'hex'))).toBe(false); // nor as bytes

      // The record was committed with the case: after a restart (and a key rotation), the same answer.
      await own.close(true);
      restarted = await startTestServer({ dataDir: own.dataDir });
      restarted.app.keys.rotate();
      const replay = await createWith(key, { items: [item] }, restarted);
      expect([replay.status, await replay.text()]).toEqual([201, answer]);
      expect(cases(restarted)).toBe(1);
    } finally {
      await (restarted ?? own).close();
    }
  });
});
