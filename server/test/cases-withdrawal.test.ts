import { itemSignals } from '@disrupt/hash-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseAuth, createCase, expectProblem, openDb, samples, type Samples } from './case-helpers.js';
import { bodyOf, startTestServer, type TestServer } from './helpers.js';

let server: TestServer;
let s: Samples;
beforeAll(async () => {
  s = await samples();
  server = await startTestServer({ config: { victimLimits: { requestsPerMinute: 10_000 } } });
});
afterAll(async () => server.close());

const feedOf = (itemId: number) => server.app.store.feed.list(0, 100_000).records.filter((r) => r.itemId === itemId);

function storedRows(itemId: number) {
  const db = openDb(server);
  try {
    return {
      signals: (db.prepare('SELECT COUNT(*) AS n FROM item_signals WHERE item_id = ?').get(itemId) as { n: number }).n,
      item: db.prepare('SELECT withdrawn_at AS withdrawnAt, quality FROM items WHERE id = ?').get(itemId) as { withdrawnAt: number | null; quality: number } | undefined,
    };
  } finally {
    db.close();
  }
}

describe('DELETE /v1/cases/:caseId/items/:itemId', () => {
  it('deletes the hashes, removes them from the indexes, redacts the feed and emits remove records', async () => {
    const created = await createCase(server, [s.transparent, s.palette]);
    const [gone, kept] = created.items.map((i) => i.itemId) as [number, number];
    const addsBefore = feedOf(gone);
    // One add per signal, in registry order: PDQ, its variants, blockhash, MD5, SHA-256.
    expect(addsBefore.map((r) => r.value)).toEqual(itemSignals(s.transparent).map((x) => x.value));
    expect(addsBefore.map((r) => r.value)).toEqual(expect.arrayContaining([s.transparent.pdq, s.transparent.blockhash, s.transparent.md5, s.transparent.sha256]));

    const response = await server.request(`/v1/cases/${created.caseId}/items/${gone}`, { method: 'DELETE', headers: caseAuth(created.secret) });
    expect(response.status).toBe(200);
    const view = await bodyOf(response);
    expect(view.status).toBe('active');
    expect(view.items.find((i: { itemId: number }) => i.itemId === gone)).toMatchObject({ status: 'withdrawn', withdrawnAt: expect.any(String) });
    expect(view.items.find((i: { itemId: number }) => i.itemId === kept)).toMatchObject({ status: 'active' });

    // Not matchable any more, by any signal.
    expect(server.app.bank.search('pdq', [s.transparent.pdq], 0).map((m) => m.id)).not.toContain(gone);
    expect(server.app.bank.search('blockhash', [s.transparent.blockhash], 0).map((m) => m.id)).not.toContain(gone);
    expect(server.app.store.cases.findExact('sha256', s.transparent.sha256)).not.toContain(gone);
    expect(server.app.bank.search('pdq', [s.palette.pdq], 0).map((m) => m.id)).toContain(kept);

    // Really deleted in the database; the item row stays, without hashes.
    const rows = storedRows(gone);
    expect(rows.signals).toBe(0);
    expect(rows.item?.withdrawnAt).toBeTypeOf('number');

    // Earlier feed records keep their numbers but lose their values; remove records carry only id and signal.
    const after = feedOf(gone);
    const adds = after.filter((r) => r.op === 'add');
    expect(adds.map((r) => r.seq)).toEqual(addsBefore.map((r) => r.seq));
    for (const record of adds) expect(record).toEqual({ seq: record.seq, op: 'add', itemId: gone, signal: record.signal });
    const removes = after.filter((r) => r.op === 'remove');
    expect(removes.map((r) => r.signal).sort()).toEqual(itemSignals(s.transparent).map((x) => x.signal.name).sort());
    for (const record of removes) {
      expect(Object.keys(record).sort()).toEqual(['itemId', 'op', 'seq', 'signal']);
      expect(record.seq).toBeGreaterThan(Math.max(...addsBefore.map((r) => r.seq)));
    }
    // The other item of the case is untouched.
    expect(feedOf(kept).every((r) => r.op === 'add' && r.value !== undefined)).toBe(true);
  });

  it('is idempotent, and 404s for an item of another case or no item at all', async () => {
    const created = await createCase(server, [s.bilevel, s.palette]);
    const other = await createCase(server, [s.pattern]);
    const itemId = created.items[0]!.itemId;
    const url = `/v1/cases/${created.caseId}/items/${itemId}`;
    expect((await server.request(url, { method: 'DELETE', headers: caseAuth(created.secret) })).status).toBe(200);
    const records = feedOf(itemId).length;
    expect((await server.request(url, { method: 'DELETE', headers: caseAuth(created.secret) })).status).toBe(200);
    expect(feedOf(itemId).length).toBe(records);

    const foreign = other.items[0]!.itemId;
    await expectProblem(await server.request(`/v1/cases/${created.caseId}/items/${foreign}`, { method: 'DELETE', headers: caseAuth(created.secret) }), 404);
    expect(server.app.store.cases.findExact('sha256', s.pattern.sha256)).toContain(foreign);
    await expectProblem(await server.request(`/v1/cases/${created.caseId}/items/999999999`, { method: 'DELETE', headers: caseAuth(created.secret) }), 404);
    await expectProblem(await server.request(`/v1/cases/${created.caseId}/items/abc`, { method: 'DELETE', headers: caseAuth(created.secret) }), 400, 'itemId');
    await expectProblem(await server.request(url, { method: 'DELETE' }), 401);
    await expectProblem(await server.request(`/v1/cases/${other.caseId}/items/${foreign}`, { method: 'DELETE', headers: caseAuth(created.secret) }), 401);
  });
});

describe('DELETE /v1/cases/:caseId', () => {
  it('withdraws every item and the case, and nothing can be added afterwards', async () => {
    const created = await createCase(server, [s.palette, s.bilevel, s.pattern]);
    const ids = created.items.map((i) => i.itemId);
    const response = await server.request(`/v1/cases/${created.caseId}`, { method: 'DELETE', headers: caseAuth(created.secret) });
    expect(response.status).toBe(200);
    const view = await bodyOf(response);
    expect(view).toMatchObject({ caseId: created.caseId, status: 'withdrawn', withdrawnAt: expect.any(String), keptUntil: null });
    expect(view.items.map((i: { status: string }) => i.status)).toEqual(['withdrawn', 'withdrawn', 'withdrawn']);

    for (const id of ids) {
      expect(storedRows(id).signals).toBe(0);
      expect(feedOf(id).filter((r) => r.value !== undefined || r.quality !== undefined)).toEqual([]);
      const adds = feedOf(id).filter((r) => r.op === 'add').length;
      expect(adds).toBeGreaterThanOrEqual(4);
      expect(feedOf(id).filter((r) => r.op === 'remove')).toHaveLength(adds);
    }
    expect(server.app.bank.search('pdq', [s.palette.pdq, s.bilevel.pdq], 0).map((m) => m.id).filter((id) => ids.includes(id))).toEqual([]);
    expect(server.app.bank.search('blockhash', [s.pattern.blockhash], 0).map((m) => m.id).filter((id) => ids.includes(id))).toEqual([]);

    // Still readable by its owner; adding is refused; withdrawing again changes nothing.
    const again = await server.request(`/v1/cases/${created.caseId}`, { headers: caseAuth(created.secret) });
    expect((await bodyOf(again)).status).toBe('withdrawn');
    const add = await server.request(`/v1/cases/${created.caseId}/items`, { method: 'POST', headers: caseAuth(created.secret), json: { items: [s.palette] } });
    expect((await expectProblem(add, 409)).detail).toMatch(/start a new case/);
    const twice = await server.request(`/v1/cases/${created.caseId}`, { method: 'DELETE', headers: caseAuth(created.secret) });
    expect(twice.status).toBe(200);
    expect((await bodyOf(twice)).withdrawnAt).toBe(view.withdrawnAt);
  });
});

describe('restart', () => {
  it('keeps cases, items, withdrawals and the indexes', async () => {
    const dataServer = await startTestServer();
    const created = await createCase(dataServer, [s.palette, s.transparent, s.pattern]);
    const [palette, transparent] = created.items.map((i) => i.itemId) as [number, number];
    await dataServer.request(`/v1/cases/${created.caseId}/items/${transparent}`, { method: 'DELETE', headers: caseAuth(created.secret) });
    const before = await (await dataServer.request(`/v1/cases/${created.caseId}`, { headers: caseAuth(created.secret) })).json();
    const feedBefore = dataServer.app.store.feed.list(0, 1000);
    await dataServer.close(true);

    const restarted = await startTestServer({ dataDir: dataServer.dataDir });
    try {
      const response = await restarted.request(`/v1/cases/${created.caseId}`, { headers: caseAuth(created.secret) });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(before);
      expect(restarted.app.bank.search('pdq', [s.palette.pdq], 0).map((m) => m.id)).toEqual([palette]);
      expect(restarted.app.bank.search('pdq', [s.transparent.pdq], 0)).toEqual([]);
      expect(restarted.app.bank.sizes()).toMatchObject({ pdq: 1, blockhash: 2 });
      expect(restarted.app.store.feed.list(0, 1000)).toEqual(feedBefore);
    } finally {
      await restarted.close();
    }
  });
});
