/**
 * A case's owner downloads everything stored about it (GET /v1/cases/:caseId/export, with the
 * case secret): the case, its items' fingerprints as stored, statuses and dates, and per platform
 * the match counts and dates — nothing of another case, no platform ref, no operator note.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { caseAuth, expectProblem } from './case-helpers.js';
import { startTestServer, type TestServer } from './helpers.js';
import { addPlatform, match, randomItem, storeItems, withdrawItem } from './platform-helpers.js';
import { randomFrames, videoItem } from './video-helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ config: { retentionDays: 90, victimLimits: { requestsPerMinute: 10_000 } } });
});
afterAll(async () => server.close());

it('gives the owner the case’s fingerprints, statuses and match counts per platform, and nothing else', async () => {
  const photo = randomItem();
  const gone = randomItem();
  const video = videoItem(randomFrames(8));
  const mine = await storeItems(server, [photo, gone, video as any]);
  const [photoId, goneId, videoId] = mine.itemIds as [number, number, number];
  const theirs = randomItem();
  const other = await storeItems(server, [theirs]);

  const alpha = await addPlatform(server, 'alpha', ['match', 'feedback']);
  const beta = await addPlatform(server, 'beta', ['match']);
  const m1 = await match(server, alpha.auth, [{ type: 'image', pdq: photo.pdq, quality: 90, ref: 'alpha-upload-secret-ref' }]);
  await match(server, alpha.auth, [{ type: 'image', pdq: photo.pdq, quality: 90 }]);
  await match(server, beta.auth, [{ type: 'image', sha256: photo.sha256 }, { type: 'video', frames: video.frames }, { type: 'image', pdq: theirs.pdq, quality: 90 }]);
  const feedback = await server.request(`/v1/matches/${m1.body.results[0].matches[0].matchId}/feedback`, { method: 'POST', headers: alpha.auth, json: { decision: 'blocked', note: 'platform-internal note' } });
  expect(feedback.status).toBe(200);
  await withdrawItem(server, mine, goneId);

  const response = await server.request(`/v1/cases/${mine.caseId}/export`, { headers: caseAuth(mine.secret) });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-disposition')).toBe(`attachment; filename="disrupt-${mine.caseId}.json"`);
  expect(response.headers.get('cache-control')).toBe('no-store');
  const text = await response.text();
  const body = JSON.parse(text);

  expect(body).toMatchObject({ format: 'disrupt-case-export/1', case: { caseId: mine.caseId, status: 'active', withdrawnAt: null, referredBy: null } });
  expect(Date.parse(body.case.keptUntil) - Date.parse(body.case.updatedAt)).toBe(90 * 86_400_000);
  expect(body.items.map((i: { itemId: number }) => i.itemId)).toEqual([photoId, goneId, videoId]);
  const [p, g, v] = body.items;
  expect(p).toMatchObject({ type: 'image', status: 'active', quality: 90, reliable: true, fingerprints: { pdq: photo.pdq, sha256: photo.sha256, md5: photo.md5, blockhash: photo.blockhash } });
  expect(p.matches).toEqual([
    { platform: 'alpha', matches: 2, firstAt: expect.any(String), lastAt: expect.any(String), blocked: 1, disputed: 0 },
    { platform: 'beta', matches: 1, firstAt: expect.any(String), lastAt: expect.any(String), blocked: 0, disputed: 0 },
  ]);
  expect(Date.parse(p.matches[0].firstAt)).toBeLessThanOrEqual(Date.parse(p.matches[0].lastAt));
  expect(g).toMatchObject({ status: 'withdrawn', fingerprints: {}, frames: [], matches: [] });
  expect(Date.parse(g.withdrawnAt)).toBeGreaterThan(0);
  expect(v).toMatchObject({ type: 'video', status: 'active', durationMs: video.durationMs, fingerprints: { sha256: video.sha256 } });
  expect(v.frames.map((f: { pdq: string }) => f.pdq)).toEqual(video.frames.map((f) => f.pdq));
  expect(v.matches).toMatchObject([{ platform: 'beta', matches: 1 }]);

  // Nothing of the other case, of what platforms sent, or of what they wrote.
  for (const foreign of [other.caseId, theirs.pdq, theirs.sha256, 'alpha-upload-secret-ref', 'platform-internal note', gone.pdq]) expect(text).not.toContain(foreign);
});

it('needs the case secret, like every case endpoint', async () => {
  const mine = await storeItems(server, [randomItem()]);
  const other = await storeItems(server, [randomItem()]);
  await expectProblem(await server.request(`/v1/cases/${mine.caseId}/export`), 401);
  await expectProblem(await server.request(`/v1/cases/${mine.caseId}/export`, { headers: caseAuth(other.secret) }), 401);
});
