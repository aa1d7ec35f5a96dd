/**
 * Review through HTTP, end to end: a victim submits (with an NGO's referral code), a platform
 * matches and gives feedback, operators list and filter the matches, work the dispute queue,
 * review, look at items and cases, disable and enable an item — and every action is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseAuth, createCase, expectProblem } from './case-helpers.js';
import { startTestServer, type TestServer } from './helpers.js';
import { createOperator, json, login, type Operator } from './operator-helpers.js';
import { flipBits, match, randomItem } from './platform-helpers.js';

let server: TestServer;
let admin: Operator;
let reviewer: Operator;
let platform: { id: number; auth: Record<string, string> };
const itemA = randomItem();
const itemB = randomItem();
const itemC = randomItem();
let caseId: string;
let ids: { a: number; b: number; c: number };
const matchIds: Record<string, number> = {};

async function feedback(matchId: number, decision: string) {
  await json(await server.request(`/v1/matches/${matchId}/feedback`, { method: 'POST', headers: platform.auth, json: { decision } }), 200);
}

beforeAll(async () => {
  server = await startTestServer();
  await createOperator(server, 'alice', 'admin');
  await createOperator(server, 'rita', 'reviewer');
  admin = await login(server, 'alice');
  reviewer = await login(server, 'rita');

  await json(await admin.request('/v1/admin/ngos', { method: 'POST', json: { name: 'Association Une', code: 'asso-1' } }), 201);
  const created = await json(await admin.request('/v1/admin/platforms', { method: 'POST', json: { name: 'PicShare', scopes: ['match', 'feed', 'feedback'] } }), 201);
  platform = { id: created.platform.id, auth: { authorization: `Bearer ${created.apiKey}` } };

  const submitted = await createCase(server, [itemA, itemB, itemC], { referral: 'ASSO-1' });
  caseId = submitted.caseId;
  const [a, b, c] = submitted.items.map((i) => i.itemId) as [number, number, number];
  ids = { a, b, c };

  // A near-duplicate of A (PDQ, 4 bits off), an exact copy of B (MD5), and C twice.
  const found = await match(server, platform.auth, [
    { ref: 'upload-a', type: 'image', pdq: flipBits(itemA.pdq, [1, 2, 3, 4]), quality: 90 },
    { ref: 'upload-b', type: 'image', md5: itemB.md5 },
    { ref: 'upload-c1', type: 'image', sha256: itemC.sha256 },
    { ref: 'upload-c2', type: 'image', sha256: itemC.sha256 },
  ]);
  expect(found.status).toBe(200);
  const [ma, mb, mc1, mc2] = found.body.results.map((r: { matches: { matchId: number }[] }) => r.matches[0].matchId);
  Object.assign(matchIds, { a: ma, b: mb, c1: mc1, c2: mc2 });
  await feedback(ma, 'not_ncii');
  await feedback(mb, 'blocked');
  await feedback(mc1, 'not_ncii');
  await feedback(mc2, 'not_ncii');
});
afterAll(async () => server.close());

describe('match events', () => {
  it('lists matches with distance and feedback, newest first, the case id shortened', async () => {
    const list = await json(await reviewer.request('/v1/admin/matches'), 200);
    expect(list.total).toBe(4);
    expect(list.matches.map((m: { id: number }) => m.id)).toEqual([matchIds.c2, matchIds.c1, matchIds.b, matchIds.a]);
    const a = list.matches.find((m: { id: number }) => m.id === matchIds.a);
    expect(a).toMatchObject({ platform: { id: platform.id, name: 'PicShare' }, itemId: ids.a, signal: 'pdq', distance: 4, ref: 'upload-a', feedback: 'not_ncii', review: null });
    expect(a.caseRef).toBe(`${caseId.slice(0, 9)}…`);
    expect(JSON.stringify(list)).not.toContain(caseId);
    expect(JSON.stringify(list)).not.toContain(itemA.pdq);
  });

  it('filters by feedback, signal, distance, platform, item, review and time', async () => {
    const listed = async (query: string) => (await json(await reviewer.request(`/v1/admin/matches?${query}`), 200)).matches.map((m: { id: number }) => m.id);
    expect(await listed('feedback=blocked')).toEqual([matchIds.b]);
    expect(await listed('signal=md5')).toEqual([matchIds.b]);
    expect(await listed('minDistance=1')).toEqual([matchIds.a]);
    expect(await listed('maxDistance=0&feedback=not_ncii')).toEqual([matchIds.c2, matchIds.c1]);
    expect(await listed(`platformId=${platform.id}&signal=sha256`)).toEqual([matchIds.c2, matchIds.c1]);
    expect(await listed(`platformId=${platform.id + 1}`)).toEqual([]);
    expect(await listed(`itemId=${ids.c}`)).toEqual([matchIds.c2, matchIds.c1]);
    expect(await listed('review=none')).toHaveLength(4);
    expect(await listed('from=2000-01-01&to=2000-01-02')).toEqual([]);
    expect(await listed(`from=${new Date(Date.now() - 60_000).toISOString()}`)).toHaveLength(4);
    await expectProblem(await reviewer.request('/v1/admin/matches?from=yesterday'), 400, 'from');
    await expectProblem(await reviewer.request('/v1/admin/matches?feedback=maybe'), 400, 'feedback');
    await expectProblem(await reviewer.request('/v1/admin/matches?minDistance=5&maxDistance=2'), 400, 'minDistance');
    await expectProblem(await reviewer.request('/v1/admin/matches?colour=red'), 400, 'colour');
  });

  it('pages with a cursor', async () => {
    const first = await json(await reviewer.request('/v1/admin/matches?limit=3'), 200);
    expect(first.matches).toHaveLength(3);
    expect(first.next).toEqual(expect.any(String));
    const second = await json(await reviewer.request(`/v1/admin/matches?limit=3&cursor=${encodeURIComponent(first.next)}`), 200);
    expect(second.matches.map((m: { id: number }) => m.id)).toEqual([matchIds.a]);
    expect(second.next).toBeNull();
    await expectProblem(await reviewer.request('/v1/admin/matches?cursor=garbage'), 400, 'cursor');
  });

  it('keeps the dispute queue: not_ncii only, the unsettled first', async () => {
    await json(await reviewer.request(`/v1/admin/matches/${matchIds.c2}/review`, { method: 'POST', json: { review: 'confirmed' } }), 200);
    const queue = await json(await reviewer.request('/v1/admin/matches/disputes'), 200);
    expect(queue.matches.map((m: { id: number }) => m.id)).toEqual([matchIds.c1, matchIds.a, matchIds.c2]);
    expect(queue.total).toBe(3);
    // needs_review keeps a dispute open.
    await json(await reviewer.request(`/v1/admin/matches/${matchIds.c2}/review`, { method: 'POST', json: { review: 'needs_review' } }), 200);
    const again = await json(await reviewer.request('/v1/admin/matches/disputes'), 200);
    expect(again.matches.map((m: { id: number }) => m.id)).toEqual([matchIds.c2, matchIds.c1, matchIds.a]);
  });

  it('records a review with a note, by whom and when; the latest wins', async () => {
    const reviewed = await json(
      await reviewer.request(`/v1/admin/matches/${matchIds.a}/review`, { method: 'POST', json: { review: 'false_positive', note: 'a landscape, not the same picture' } }),
      200,
    );
    expect(reviewed).toMatchObject({ id: matchIds.a, review: 'false_positive', reviewNote: 'a landscape, not the same picture', reviewedBy: { username: 'rita' }, reviewedAt: expect.any(String) });
    const latest = await json(await admin.request(`/v1/admin/matches/${matchIds.a}/review`, { method: 'POST', json: { review: 'confirmed' } }), 200);
    expect(latest).toMatchObject({ review: 'confirmed', reviewNote: null, reviewedBy: { username: 'alice' } });
    await expectProblem(await reviewer.request(`/v1/admin/matches/${matchIds.a}/review`, { method: 'POST', json: { review: 'maybe' } }), 400, 'review');
    await expectProblem(await reviewer.request(`/v1/admin/matches/${matchIds.a}/review`, { method: 'POST', json: { review: 'confirmed', extra: 1 } }), 400, 'extra');
    await expectProblem(await reviewer.request('/v1/admin/matches/abc/review', { method: 'POST', json: { review: 'confirmed' } }), 400, 'id');
  });
});

describe('items and cases', () => {
  it('shows an item: fingerprints, quality, referral NGO and every match — never an image', async () => {
    const body = await json(await reviewer.request(`/v1/admin/items/${ids.a}`), 200);
    expect(body.item).toMatchObject({ itemId: ids.a, caseId, type: 'image', quality: 90, reliable: true, status: 'active', ngo: { code: 'ASSO-1', name: 'Association Une' } });
    expect(Object.fromEntries(body.item.signals.map((s: { signal: string; value: string }) => [s.signal, s.value]))).toEqual({
      pdq: itemA.pdq,
      blockhash: itemA.blockhash,
      md5: itemA.md5,
      sha256: itemA.sha256,
    });
    expect(body.matches).toEqual([expect.objectContaining({ id: matchIds.a, feedback: 'not_ncii', review: 'confirmed', distance: 4 })]);
    expect(body.matchCount).toBe(1);
    expect(Object.keys(body.item)).not.toEqual(expect.arrayContaining(['image']));
    await expectProblem(await reviewer.request('/v1/admin/items/424242'), 404);
  });

  it('disables an item: it stops matching at once, the feed says remove; enabling brings it back', async () => {
    const near = flipBits(itemA.pdq, [7, 9]);
    expect(server.app.bank.search('pdq', [near], 31).map((m) => m.id)).toContain(ids.a);
    await expectProblem(await reviewer.request(`/v1/admin/items/${ids.a}/disable`, { method: 'POST', json: {} }), 400, 'reason');

    const disabled = await json(await reviewer.request(`/v1/admin/items/${ids.a}/disable`, { method: 'POST', json: { reason: 'reported by the victim as not theirs' } }), 200);
    expect(disabled).toMatchObject({ itemId: ids.a, status: 'disabled', disabledReason: 'reported by the victim as not theirs', disabledAt: expect.any(String) });
    expect(server.app.bank.search('pdq', [near], 31).map((m) => m.id)).not.toContain(ids.a);
    const after = await match(server, platform.auth, [{ type: 'image', pdq: near, quality: 90 }, { type: 'image', md5: itemA.md5 }, { type: 'image', sha256: itemA.sha256 }]);
    expect(after.body.results.map((r: { matches: unknown[] }) => r.matches)).toEqual([[], [], []]);
    await expectProblem(await reviewer.request(`/v1/admin/items/${ids.a}/disable`, { method: 'POST', json: { reason: 'again' } }), 409);

    const feed = await json(await server.request('/v1/feed?after=0&limit=1000', { headers: platform.auth }), 200);
    const removes = feed.records.filter((r: { itemId: number; op: string }) => r.itemId === ids.a && r.op === 'remove');
    expect(removes.map((r: { signal: string }) => r.signal).sort()).toEqual(['blockhash', 'md5', 'pdq', 'sha256']);
    for (const record of removes) expect(record).toEqual({ seq: expect.any(Number), op: 'remove', itemId: ids.a, signal: record.signal });

    const enabled = await json(await admin.request(`/v1/admin/items/${ids.a}/enable`, { method: 'POST', json: { reason: 'checked: it is theirs' } }), 200);
    expect(enabled).toMatchObject({ status: 'active', disabledAt: null, disabledReason: null });
    expect(server.app.bank.search('pdq', [near], 31).map((m) => m.id)).toContain(ids.a);
    const back = await match(server, platform.auth, [{ type: 'image', pdq: near, quality: 90 }, { type: 'image', md5: itemA.md5 }]);
    expect(back.body.results.map((r: { matches: { itemId: number }[] }) => r.matches.map((m) => m.itemId))).toEqual([[ids.a], [ids.a]]);
    const newFeed = await json(await server.request(`/v1/feed?after=${removes.at(-1).seq}&limit=1000`, { headers: platform.auth }), 200);
    const adds = newFeed.records.filter((r: { itemId: number }) => r.itemId === ids.a);
    expect(adds).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ op: 'add', signal: 'pdq', value: itemA.pdq, quality: 90 }),
        expect.objectContaining({ op: 'add', signal: 'md5', value: itemA.md5 }),
      ]),
    );
    expect(adds).toHaveLength(4);
    await expectProblem(await admin.request(`/v1/admin/items/${ids.a}/enable`, { method: 'POST', json: {} }), 409);
  });

  it('cannot disable a withdrawn item (its hashes are gone)', async () => {
    const other = await createCase(server, [randomItem()]);
    await json(await server.request(`/v1/cases/${other.caseId}`, { method: 'DELETE', headers: caseAuth(other.secret) }), 200);
    const problem = await expectProblem(await reviewer.request(`/v1/admin/items/${other.items[0]!.itemId}/disable`, { method: 'POST', json: { reason: 'x' } }), 409);
    expect(problem.detail).toMatch(/withdrawn/);
    const item = await json(await reviewer.request(`/v1/admin/items/${other.items[0]!.itemId}`), 200);
    expect(item.item).toMatchObject({ status: 'withdrawn', signals: [] });
  });

  it('shows a case with its items and matches; the id may be typed loosely', async () => {
    const body = await json(await reviewer.request(`/v1/admin/cases/${caseId.toLowerCase().replace(/-/g, '')}`), 200);
    expect(body).toMatchObject({ caseId, status: 'active', ngo: { code: 'ASSO-1' } });
    expect(body.items.map((i: { itemId: number }) => i.itemId)).toEqual([ids.a, ids.b, ids.c]);
    expect(body.items[0]).not.toHaveProperty('signals');
    expect(body.matches.length).toBeGreaterThanOrEqual(4);
    expect(body.matchCount).toBe(body.matches.length);
    await expectProblem(await reviewer.request('/v1/admin/cases/DSR-ZZZZ-ZZZZ'), 404);
  });
});

describe('stats and audit', () => {
  it('counts matches per day by platform and feedback, submissions, withdrawals, disputes, referrals, index sizes', async () => {
    const stats = await json(await reviewer.request('/v1/admin/stats'), 200);
    const today = new Date().toISOString().slice(0, 10);
    const total = (rows: { count: number }[]) => rows.reduce((n, r) => n + r.count, 0);
    expect(stats.matchesPerDay.byPlatform).toEqual([{ day: today, platform: 'PicShare', count: total(stats.matchesPerDay.byFeedback) }]);
    expect(stats.matchesPerDay.byFeedback).toEqual(expect.arrayContaining([{ day: today, feedback: 'blocked', count: 1 }, { day: today, feedback: 'not_ncii', count: 3 }]));
    expect(stats.submissions).toEqual({ cases: 2, items: 4 });
    expect(stats.withdrawals).toEqual({ cases: 1, items: 1 });
    expect(stats.disputes.total).toBe(3);
    expect(stats.referrals).toEqual([{ ngoId: expect.any(Number), code: 'ASSO-1', name: 'Association Une', count: 1 }]);
    expect(stats.indexSizes).toEqual(server.app.bank.sizes());
    expect(stats.indexSizes.pdq).toBe(3);
    const past = await json(await reviewer.request('/v1/admin/stats?from=2001-01-01&to=2001-02-01'), 200);
    expect(past.submissions).toEqual({ cases: 0, items: 0 });
    await expectProblem(await reviewer.request('/v1/admin/stats?from=2001-01-01&to=2003-01-01'), 400, 'from');
  });

  it('audits every action (who, what, when, target), without hash values or secrets', async () => {
    await json(await reviewer.request(`/v1/admin/matches/${matchIds.b}/review`, { method: 'POST', json: { review: 'confirmed', note: `same as ${itemB.pdq}` } }), 200);
    const audit = await json(await admin.request('/v1/admin/audit?limit=500'), 200);
    const seen = audit.entries.map((e: { actorName: string; action: string; target: string }) => `${e.actorName} ${e.action} ${e.target}`);
    for (const expected of [
      'alice ngo.create ngo:1',
      `alice platform.create platform:${platform.id}`,
      `rita match.review match:${matchIds.a}`,
      `alice match.review match:${matchIds.a}`,
      `rita item.view item:${ids.a}`,
      `rita item.disable item:${ids.a}`,
      `alice item.enable item:${ids.a}`,
      `rita case.view case:${caseId}`,
      'alice session.login operator:1',
    ]) {
      expect(seen).toContain(expected);
    }
    const disable = audit.entries.find((e: { action: string }) => e.action === 'item.disable');
    expect(disable).toMatchObject({ actor: 'operator:2', detail: { reason: 'reported by the victim as not theirs' }, at: expect.any(String) });
    const text = JSON.stringify(audit);
    for (const secret of [itemA.pdq, itemA.md5, itemA.sha256, itemB.pdq, platform.auth.authorization.slice(7), admin.csrf]) expect(text).not.toContain(secret);
    expect(audit.entries[0]).toMatchObject({ action: 'match.review', detail: { review: 'confirmed', note: 'same as [redacted]' } });

    const filtered = await json(await admin.request('/v1/admin/audit?action=item.disable'), 200);
    expect(filtered.total).toBe(1);
    const byActor = await json(await admin.request('/v1/admin/audit?actor=operator:2&limit=2'), 200);
    expect(byActor.entries).toHaveLength(2);
    expect(byActor.total).toBeGreaterThan(2);
    expect(byActor.entries.every((e: { actorName: string }) => e.actorName === 'rita')).toBe(true);
    const none = await json(await admin.request('/v1/admin/audit?to=2000-01-01'), 200);
    expect(none).toEqual({ entries: [], total: 0 });
  });
});
