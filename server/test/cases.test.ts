import { itemSignals } from '@disrupt/hash-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseAuth, createCase, expectProblem, openDb, samples, type CreatedCase, type Samples } from './case-helpers.js';
import { bodyOf, startTestServer, type TestServer } from './helpers.js';

let server: TestServer;
let s: Samples;
beforeAll(async () => {
  s = await samples();
  server = await startTestServer({ config: { victimLimits: { requestsPerMinute: 10_000 } } });
});
afterAll(async () => server.close());

describe('POST /v1/cases', () => {
  it('creates a case with a readable id, a long secret and the items in the order sent', async () => {
    const response = await server.request('/v1/cases', { method: 'POST', json: { items: [s.transparent, s.pattern, s.bilevel] } });
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('ratelimit-limit')).toBe('10000');
    const body = (await response.json()) as { caseId: string; secret: string; items: { itemId: number; quality: number; reliable: boolean; note?: string }[] };
    expect(body.caseId).toMatch(/^DSR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(body.secret.length).toBeGreaterThanOrEqual(32);
    expect(body.items.map((i) => i.quality)).toEqual([s.transparent.quality, s.pattern.quality, s.bilevel.quality]);
    expect(body.items.map((i) => i.reliable)).toEqual([true, false, true]);
    const ids = body.items.map((i) => i.itemId);
    expect(new Set(ids).size).toBe(3);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    // Low quality: stored, and the answer says so in plain words.
    expect(body.items[1]!.note).toMatch(/little detail \(quality 31 out of 100\).*Exact copies of this file will still be/);
    expect(body.items[0]!.note).toBeUndefined();
  });

  it('makes a new hash matchable right after the 201, except a PDQ under the quality floor', async () => {
    const created = await createCase(server, [s.palette, s.pattern]);
    const [palette, pattern] = created.items.map((i) => i.itemId);
    expect(server.app.bank.search('pdq', [s.palette.pdq], 0).map((m) => m.id)).toContain(palette);
    expect(server.app.bank.search('blockhash', [s.palette.blockhash], 0).map((m) => m.id)).toContain(palette);
    expect(server.app.store.cases.findExact('sha256', s.palette.sha256)).toContain(palette);
    expect(server.app.store.cases.findExact('md5', s.palette.md5)).toContain(palette);
    // pattern.png (quality 31): its PDQ is kept but not indexed; its exact hashes still match.
    expect(server.app.bank.search('pdq', [s.pattern.pdq], 0).map((m) => m.id)).not.toContain(pattern);
    expect(server.app.store.cases.findExact('sha256', s.pattern.sha256)).toContain(pattern);
  });

  it('accepts dihedral hashes but stores only the item’s own signals, in lower case', async () => {
    const upper = { ...s.transparentDihedral, sha256: s.transparentDihedral.sha256.toUpperCase() };
    const created = await createCase(server, [upper]);
    const itemId = created.items[0]!.itemId;
    const db = openDb(server);
    try {
      const rows = db.prepare('SELECT signal, value FROM item_signals WHERE item_id = ? ORDER BY signal').all(itemId) as { signal: string; value: string }[];
      expect(rows.map((r) => r.signal)).toEqual(itemSignals(s.transparent).map((x) => x.signal.name).sort());
      expect(rows.map((r) => r.signal)).toEqual(expect.arrayContaining(['blockhash', 'md5', 'pdq', 'sha256', 'pdqCenter90']));
      expect(rows.map((r) => r.signal)).not.toContain('dihedral');
      expect(rows.find((r) => r.signal === 'sha256')!.value).toBe(s.transparent.sha256.toLowerCase());
      // The turned hashes are not stored (the stored mirror variant may equal one of them by design).
      const own = new Set(itemSignals(s.transparent).map((x) => x.value));
      for (const hash of s.transparentDihedral.dihedral!.slice(1)) if (!own.has(hash)) expect(JSON.stringify(rows)).not.toContain(hash);
    } finally {
      db.close();
    }
    const feed = server.app.store.feed.list(0, 10_000).records.filter((r) => r.itemId === itemId);
    expect(feed.map((r) => [r.op, r.signal])).toEqual(itemSignals(s.transparent).map((x) => ['add', x.signal.name]));
    expect(feed.map((r) => r.signal).filter((n) => !n.startsWith('pdq') && !/^blockhash(\w+75|Framed)$/.test(n))).toEqual(['blockhash', 'md5', 'sha256']);
    expect(feed[0]).toMatchObject({ signal: 'pdq', value: s.transparent.pdq, quality: s.transparent.quality });
    expect(feed.find((r) => r.signal === 'md5')!.quality).toBeUndefined();
  });

  it('links a known referral code to the case, and accepts an unknown one without complaint', async () => {
    const db = openDb(server);
    try {
      db.prepare("INSERT INTO ngos (name, code, created_at) VALUES ('Helping hands', 'HANDS24', 0)").run();
      const known = await createCase(server, [s.bilevel], { referral: 'hands24' });
      const unknown = await createCase(server, [s.bilevel], { referral: 'NO-SUCH-CODE' });
      const ngoOf = (id: string) => (db.prepare('SELECT ngo_id AS ngoId FROM cases WHERE id = ?').get(id) as { ngoId: number | null }).ngoId;
      expect(ngoOf(known.caseId)).toBeTypeOf('number');
      expect(ngoOf(unknown.caseId)).toBeNull();
    } finally {
      db.close();
    }
  });

  it('stores the secret only as a keyed digest', async () => {
    const created = await createCase(server, [s.bilevel]);
    const db = openDb(server);
    try {
      const row = db.prepare('SELECT secret_digest AS digest, secret_key_id AS keyId FROM cases WHERE id = ?').get(created.caseId) as { digest: Buffer; keyId: string };
      expect(row.digest.length).toBe(32);
      expect(row.keyId).toBe(server.app.keys.currentKeyId);
      expect(row.digest.toString('latin1')).not.toContain(created.secret);
    } finally {
      db.close();
    }
  });

  it('keeps one item when the same file is sent twice to a case', async () => {
    const created = await createCase(server, [s.bilevel, s.bilevel]);
    expect(created.items[1]!.itemId).toBe(created.items[0]!.itemId);
    expect(created.items[1]!.note).toMatch(/already added/);
    expect(created.items.map((i) => i.alreadyInCase)).toEqual([undefined, true]);
  });

  it('marks pictures the case already held with alreadyInCase: true when adding, and only those', async () => {
    const created = await createCase(server, [s.palette]);
    const response = await server.request(`/v1/cases/${created.caseId}/items`, { method: 'POST', headers: caseAuth(created.secret), json: { items: [s.bilevel, s.palette] } });
    expect(response.status).toBe(201);
    const { items } = (await response.json()) as CreatedCase;
    expect(items.map((i) => [i.alreadyInCase, i.note !== undefined])).toEqual([
      [undefined, false],
      [true, true],
    ]);
    expect(items[1]!.itemId).toBe(created.items[0]!.itemId);
  });
});

describe('validation of submissions', () => {
  const post = (json: unknown) => server.request('/v1/cases', { method: 'POST', json });

  it('names the malformed hash', async () => {
    const body = await expectProblem(await post({ items: [s.transparent, { ...s.bilevel, pdq: 'abc' }] }), 400, 'items[1].pdq');
    expect(body.detail).toMatch(/^items\[1\]\.pdq: /);
    await expectProblem(await post({ items: [{ ...s.bilevel, sha256: 'z'.repeat(64) }] }), 400, 'items[0].sha256');
    await expectProblem(await post({ items: [{ ...s.bilevel, quality: 101 }] }), 400, 'items[0].quality');
    await expectProblem(await post({ items: [{ ...s.bilevel, type: 'audio' }] }), 400, 'items[0].type');
  });

  it('rejects fields that are not fingerprints, naming them', async () => {
    for (const field of ['file', 'width', 'exif']) {
      const body = await expectProblem(await post({ items: [{ ...s.bilevel, [field]: field === 'width' ? 640 : 'IMG_0001.jpg' }] }), 400, `items[0].${field}`);
      expect(body.detail).toMatch(/unknown field/);
    }
    await expectProblem(await post({ items: [s.bilevel], name: 'Jane' }), 400, 'name');
  });

  it('wants complete items, and between 1 and 500 of them', async () => {
    const { quality: _q, ...noQuality } = s.bilevel;
    await expectProblem(await post({ items: [noQuality] }), 400, 'items[0].quality');
    const { blockhash: _b, ...noBlockhash } = s.bilevel;
    await expectProblem(await post({ items: [noBlockhash] }), 400, 'items[0].blockhash');
    await expectProblem(await post({ items: [] }), 400, 'items');
    await expectProblem(await post({}), 400, 'items');
    await expectProblem(await post({ items: Array.from({ length: 501 }, () => s.bilevel) }), 400, 'items');
    await expectProblem(await post({ items: [s.bilevel], referral: 'x'.repeat(65) }), 400, 'referral');
  });

  it('stores nothing from a rejected request', async () => {
    const before = server.app.store.feed.list(0, 100_000).records.length;
    await expectProblem(await post({ items: [s.palette, { ...s.palette, md5: 'nope' }] }), 400, 'items[1].md5');
    expect(server.app.store.feed.list(0, 100_000).records.length).toBe(before);
  });
});

describe('GET /v1/cases/:caseId', () => {
  it('shows status, items and only confirmed matches, never platform details', async () => {
    const created = await createCase(server, [s.transparent, s.pattern]);
    const [first, second] = created.items.map((i) => i.itemId);
    const db = openDb(server);
    try {
      const platform = db.prepare("INSERT INTO platforms (name, scopes, created_at) VALUES ('PicShare-Secret-Name', 'match', 0)").run().lastInsertRowid;
      const event = db.prepare(
        'INSERT INTO match_events (platform_id, item_id, case_id, created_at, signal, distance, ref, feedback, review) VALUES (?, ?, ?, 0, ?, 3, ?, ?, ?)',
      );
      event.run(platform, first, created.caseId, 'pdq', 'upload-ref-1', 'blocked', null);
      event.run(platform, first, created.caseId, 'pdq', 'upload-ref-2', 'blocked', 'confirmed');
      event.run(platform, second, created.caseId, 'sha256', 'upload-ref-3', 'blocked', 'false_positive');
      event.run(platform, second, created.caseId, 'pdq', 'upload-ref-4', 'not_ncii', null);
      event.run(platform, second, created.caseId, 'pdq', 'upload-ref-5', null, null);
    } finally {
      db.close();
    }
    const response = await server.request(`/v1/cases/${created.caseId}`, { headers: caseAuth(created.secret) });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    expect(text).not.toMatch(/PicShare|upload-ref/);
    const view = JSON.parse(text);
    expect(view).toMatchObject({ caseId: created.caseId, status: 'active', keptUntil: null, confirmedMatches: 2 });
    expect(Date.parse(view.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(view.items).toEqual([
      { itemId: first, type: 'image', addedAt: view.createdAt, reliable: true, status: 'active' },
      { itemId: second, type: 'image', addedAt: view.createdAt, reliable: false, status: 'active' },
    ]);
  });

  it('accepts the case number as a person may type it', async () => {
    const created = await createCase(server, [s.bilevel]);
    const typed = created.caseId.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
    const response = await server.request(`/v1/cases/${encodeURIComponent(typed)}`, { headers: caseAuth(created.secret) });
    expect(response.status).toBe(200);
    expect((await bodyOf(response)).caseId).toBe(created.caseId);
  });

  it('answers 401 without the secret, with a wrong one, or for an unknown case — the same way', async () => {
    const created = await createCase(server, [s.bilevel]);
    const other = await createCase(server, [s.palette]);
    await expectProblem(await server.request(`/v1/cases/${created.caseId}`), 401);
    await expectProblem(await server.request(`/v1/cases/${created.caseId}`, { headers: { authorization: `Bearer ${created.secret}` } }), 401);
    const wrong = await expectProblem(await server.request(`/v1/cases/${created.caseId}`, { headers: caseAuth(other.secret) }), 401);
    const unknown = await expectProblem(await server.request('/v1/cases/DSR-0000-0000', { headers: caseAuth(created.secret) }), 401);
    expect(unknown.detail).toBe(wrong.detail);
  });
});

describe('POST /v1/cases/:caseId/items', () => {
  it('adds items that match right away', async () => {
    const created = await createCase(server, [s.bilevel]);
    const response = await server.request(`/v1/cases/${created.caseId}/items`, { method: 'POST', headers: caseAuth(created.secret), json: { items: [s.palette, s.pattern] } });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { caseId: string; items: { itemId: number; reliable: boolean; note?: string }[] };
    expect(body.caseId).toBe(created.caseId);
    expect(body.items.map((i) => i.reliable)).toEqual([true, false]);
    expect(body.items[1]!.note).toMatch(/little detail/);
    expect(server.app.bank.search('pdq', [s.palette.pdq], 0).map((m) => m.id)).toContain(body.items[0]!.itemId);
    const view = await bodyOf(server.request(`/v1/cases/${created.caseId}`, { headers: caseAuth(created.secret) }));
    expect(view.items).toHaveLength(3);
  });

  it('needs the secret before anything else, and validates like creation', async () => {
    const created = await createCase(server, [s.bilevel]);
    const url = `/v1/cases/${created.caseId}/items`;
    await expectProblem(await server.request(url, { method: 'POST', json: { items: [s.palette] } }), 401);
    await expectProblem(await server.request(url, { method: 'POST', json: { items: [{ ...s.palette, file: 'me.jpg' }] } }), 401);
    await expectProblem(await server.request(url, { method: 'POST', headers: caseAuth(created.secret), json: { items: [{ ...s.palette, file: 'me.jpg' }] } }), 400, 'items[0].file');
    await expectProblem(await server.request(url, { method: 'POST', headers: caseAuth(created.secret), json: { items: [s.palette, { ...s.palette, pdq: '0' }] } }), 400, 'items[1].pdq');
  });
});
