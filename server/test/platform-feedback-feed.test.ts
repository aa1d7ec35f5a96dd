/**
 * Feedback on matches and the change feed, through HTTP: feedback is idempotent, the latest
 * decision wins, only the receiving platform may give it; the feed pages with cursors and carries
 * `remove` records (without values) after a withdrawal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf, startTestServer, type TestServer } from './helpers.js';
import { addPlatform, match, randomItem, storeItems, withdrawItem } from './platform-helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

async function feedback(matchId: number | string, auth: Record<string, string>, json: unknown) {
  const response = await server.request(`/v1/matches/${matchId}/feedback`, { method: 'POST', headers: auth, json });
  return { status: response.status, body: (await response.json()) as any };
}

describe('POST /v1/matches/:matchId/feedback', () => {
  it('is idempotent, the latest decision wins, and only the receiving platform may answer', async () => {
    const platform = await addPlatform(server, 'answering', ['match', 'feedback']);
    const other = await addPlatform(server, 'other', ['match', 'feedback']);
    const stored = randomItem();
    await storeItems(server, [stored]);
    const { body } = await match(server, platform.auth, [{ type: 'image', md5: stored.md5 }]);
    const { matchId } = body.results[0].matches[0];

    const first = await feedback(matchId, platform.auth, { decision: 'not_ncii', note: 'a landscape photo' });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ matchId, decision: 'not_ncii', note: 'a landscape photo', at: expect.any(Number) });
    expect((await feedback(matchId, platform.auth, { decision: 'not_ncii', note: 'a landscape photo' })).status).toBe(200);
    expect(server.app.store.matchEvents.get(matchId)).toMatchObject({ feedback: 'not_ncii', feedbackNote: 'a landscape photo' });

    const latest = await feedback(matchId, platform.auth, { decision: 'blocked' });
    expect(latest.body).toMatchObject({ decision: 'blocked', note: null });
    expect(server.app.store.matchEvents.get(matchId)).toMatchObject({ feedback: 'blocked', feedbackNote: null });

    // Another platform: the match does not exist for it, and nothing changes.
    const foreign = await feedback(matchId, other.auth, { decision: 'not_ncii' });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toMatchObject({ status: 404, detail: `match ${matchId} was not found` });
    expect(server.app.store.matchEvents.get(matchId)!.feedback).toBe('blocked');
    expect((await feedback(987654, platform.auth, { decision: 'blocked' })).status).toBe(404);
  });

  it('rejects bad decisions, unknown fields and bad ids with a 400 naming the field', async () => {
    const platform = await addPlatform(server, 'sloppy', ['feedback']);
    const cases: [string | number, unknown, string][] = [
      [1, { decision: 'maybe' }, 'decision'],
      [1, {}, 'decision'],
      [1, { decision: 'blocked', url: 'https://x' }, 'url'],
      [1, { decision: 'blocked', note: 'x'.repeat(2001) }, 'note'],
      ['abc', { decision: 'blocked' }, 'matchId'],
      [0, { decision: 'blocked' }, 'matchId'],
    ];
    for (const [id, body, field] of cases) {
      const result = await feedback(id, platform.auth, body);
      expect(result.status, JSON.stringify(body)).toBe(400);
      expect(result.body.field).toBe(field);
    }
  });
});

describe('GET /v1/feed', () => {
  it('pages through adds and removes with cursors; removes carry no value and earlier values are redacted', async () => {
    const reader = await addPlatform(server, 'mirror', ['feed']);
    const get = async (query: string) => {
      const response = await server.request(`/v1/feed${query}`, { headers: reader.auth });
      return { status: response.status, body: (await response.json()) as any };
    };
    const start = (await get('?limit=10000')).body.next as string;
    const [a, b] = [randomItem(), randomItem()];
    const stored = await storeItems(server, [a, b]);
    const { itemIds } = stored;

    const first = await get(`?after=${start}&limit=5`);
    expect(first.status).toBe(200);
    expect(first.body.records).toHaveLength(5);
    const second = await get(`?after=${first.body.next}&limit=5`);
    expect(second.body.records).toHaveLength(3);
    const all = [...first.body.records, ...second.body.records];
    expect(all.map((r: { seq: number }) => r.seq)).toEqual([...all.map((r: { seq: number }) => r.seq)].sort((x, y) => x - y));
    expect(all.filter((r: { op: string }) => r.op === 'add')).toHaveLength(8);
    expect(all).toContainEqual({ seq: expect.any(Number), op: 'add', itemId: itemIds[0], signal: 'pdq', value: a.pdq, quality: 90 });
    expect(all).toContainEqual(expect.objectContaining({ op: 'add', itemId: itemIds[1], signal: 'sha256', value: b.sha256 }));

    // Nothing new: the same cursor comes back.
    const idle = await get(`?after=${second.body.next}`);
    expect(idle.body).toEqual({ records: [], next: second.body.next });

    await withdrawItem(server, stored, itemIds[0]!);
    const removes = (await get(`?after=${second.body.next}`)).body.records;
    expect(removes.length).toBeGreaterThan(0);
    for (const record of removes) expect(record).toEqual({ seq: expect.any(Number), op: 'remove', itemId: itemIds[0], signal: expect.any(String) });
    const replay = (await get(`?after=${start}`)).body.records.filter((r: { itemId: number }) => r.itemId === itemIds[0]);
    expect(replay.filter((r: { op: string }) => r.op === 'add').every((r: object) => !('value' in r))).toBe(true);
  });

  it('validates the cursor and the limit', async () => {
    const reader = await addPlatform(server, 'careless-mirror', ['feed']);
    for (const [query, field] of [
      ['?limit=0', 'limit'],
      ['?limit=10001', 'limit'],
      ['?after=-1', 'after'],
      ['?after=abc', 'after'],
      ['?since=3', 'since'],
    ]) {
      const response = await server.request(`/v1/feed${query}`, { headers: reader.auth });
      expect(response.status, query).toBe(400);
      expect((await bodyOf(response)).field, query).toBe(field);
    }
  });
});
