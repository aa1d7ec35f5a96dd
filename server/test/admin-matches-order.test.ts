/**
 * The match log's sorting and platform names for the console: oldest first, by distance both
 * ways (paginated by keyset, no row lost or repeated across pages), and the platforms that have
 * matches, open to reviewers (the platform list itself is for admins).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers.js';
import { createOperator, json, login, type Operator } from './operator-helpers.js';
import { addPlatform, flipBits, match, randomItem, storeItems } from './platform-helpers.js';

let server: TestServer;
let reviewer: Operator;
/** Match ids in the order they were made, with their distances. */
const made: { id: number; distance: number }[] = [];

beforeAll(async () => {
  server = await startTestServer();
  await createOperator(server, 'rita', 'reviewer');
  reviewer = await login(server, 'rita');
  const items = [randomItem(), randomItem(), randomItem()];
  await storeItems(server, items);
  const platform = await addPlatform(server, 'PicShare', ['match']);
  await addPlatform(server, 'Quiet', ['match']); // no match: not among the filter's platforms
  // Distances 6, 0, 2, 0, 4 (PDQ with flipped bits, exact SHA-256), one request each so ids follow.
  const queries = [
    { ref: 'q1', type: 'image', pdq: flipBits(items[0]!.pdq, [1, 2, 3, 4, 5, 6]), quality: 90 },
    { ref: 'q2', type: 'image', sha256: items[1]!.sha256 },
    { ref: 'q3', type: 'image', pdq: flipBits(items[2]!.pdq, [7, 8]), quality: 90 },
    { ref: 'q4', type: 'image', sha256: items[2]!.sha256 },
    { ref: 'q5', type: 'image', pdq: flipBits(items[1]!.pdq, [9, 10, 11, 12]), quality: 90 },
  ];
  for (const query of queries) {
    const found = await match(server, platform.auth, [query]);
    expect(found.status).toBe(200);
    const [first] = found.body.results[0].matches as { matchId: number; distance: number }[];
    made.push({ id: first!.matchId, distance: first!.distance });
  }
  expect(made.map((m) => m.distance)).toEqual([6, 0, 2, 0, 4]);
});
afterAll(async () => server.close());

/** Every id of the list in this order, two at a time, following `next`. */
async function allPages(order: string): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | null = null;
  do {
    const page: { matches: { id: number }[]; next: string | null; total: number } = await json(
      await reviewer.request(`/v1/admin/matches?order=${order}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
      200,
    );
    expect(page.total).toBe(5);
    ids.push(...page.matches.map((m) => m.id));
    cursor = page.next;
  } while (cursor);
  return ids;
}

describe('sorting the match log', () => {
  it('sorts newest first, oldest first, closest and farthest first, across pages', async () => {
    const [m1, m2, m3, m4, m5] = made.map((m) => m.id) as [number, number, number, number, number];
    expect(await allPages('newest')).toEqual([m5, m4, m3, m2, m1]);
    expect(await allPages('oldest')).toEqual([m1, m2, m3, m4, m5]);
    // Equal distances: newest first.
    expect(await allPages('closest')).toEqual([m4, m2, m3, m5, m1]);
    expect(await allPages('farthest')).toEqual([m1, m5, m3, m4, m2]);
  });

  it('refuses a cursor made for another order, and an unknown order', async () => {
    const first = await json(await reviewer.request('/v1/admin/matches?order=closest&limit=1'), 200);
    expect(first.next).toMatch(/^c\.0\.\d+$/);
    const wrong = await reviewer.request(`/v1/admin/matches?order=farthest&cursor=${encodeURIComponent(first.next)}`);
    expect(wrong.status).toBe(400);
    expect((await reviewer.request(`/v1/admin/matches?order=oldest&cursor=${encodeURIComponent(first.next)}`)).status).toBe(400);
    expect((await reviewer.request('/v1/admin/matches?order=random')).status).toBe(400);
  });

  it('names the platforms that have matches, for reviewers', async () => {
    const { platforms } = await json(await reviewer.request('/v1/admin/matches/platforms'), 200);
    expect(platforms).toEqual([{ id: expect.any(Number), name: 'PicShare' }]);
    expect((await server.request('/v1/admin/matches/platforms')).status).toBe(401);
  });
});
