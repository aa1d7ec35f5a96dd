/**
 * The in-memory frame indexes outside a single request: filled from the store at start (a restart
 * keeps videos matchable, withdrawn ones stay out), and kept in step with another process writing
 * to the same database (a second server instance) through the change feed.
 */
import { expect, it } from 'vitest';
import { caseAuth } from './case-helpers.js';
import { startTestServer } from './helpers.js';
import { addPlatform, match, storeItems } from './platform-helpers.js';
import { randomFrames, reencoded, videoItem } from './video-helpers.js';

const query = (frames: ReturnType<typeof randomFrames>) => [{ type: 'video', frames }];

it('loads video frames at start: a restart keeps videos matchable, and withdrawn ones out', async () => {
  let server = await startTestServer();
  const kept = videoItem(randomFrames(12));
  const withdrawn = videoItem(randomFrames(12));
  // Filmed in a dim room: 8 frames under the quality floor, 2 of no quality at all (never indexed).
  const dim = videoItem(randomFrames(10).map((frame, k) => ({ ...frame, quality: k < 8 ? 30 : 0 })));
  // With each frame's mirrored PDQ (left to right), as the page and the CLI compute it.
  const mirrorable = videoItem(randomFrames(10).map((frame) => ({ ...frame, pdqMirrored: randomFrames(1)[0]!.pdq })));
  const stored = await storeItems(server, [kept as any, withdrawn as any, dim as any, mirrorable as any]);
  const response = await server.request(`/v1/cases/${stored.caseId}/items/${stored.itemIds[1]}`, { method: 'DELETE', headers: caseAuth(stored.secret) });
  expect(response.status).toBe(200);
  await server.close(true);

  server = await startTestServer({ dataDir: server.dataDir });
  try {
    const { auth } = await addPlatform(server, 'after-restart', ['match']);
    expect((await match(server, auth, query(reencoded(kept.frames)))).body.results[0].matches).toMatchObject([{ itemId: stored.itemIds[0], signal: 'vpdq' }]);
    expect((await match(server, auth, query(withdrawn.frames))).body.results[0].matches).toEqual([]);
    expect((await match(server, auth, query(reencoded(dim.frames).slice(0, 8)))).body.results[0].matches).toMatchObject([{ itemId: stored.itemIds[2], video: { rule: 'segment' } }]);
    // A flipped copy: its frames' plain PDQ are the stored mirrored ones, a re-encode away.
    const flipped = reencoded(mirrorable.frames.map(({ t, pdqMirrored, quality }) => ({ t, pdq: pdqMirrored!, quality })));
    expect((await match(server, auth, query(flipped))).body.results[0].matches).toMatchObject([{ itemId: stored.itemIds[3], signal: 'vpdq', video: { rule: 'set', frames: 10, mirroredFrames: 10 } }]);
    const ready = (await (await server.request('/readyz')).json()) as { indexes: Record<string, number> };
    expect(ready.indexes).toMatchObject({ vpdq: 22, vpdqTrimmed: 0, vpdqMirrored: 10, vpdqUnderFloor: 8 });
  } finally {
    await server.close();
  }
});

it('follows videos added and withdrawn through another server on the same database', async () => {
  const writer = await startTestServer();
  const reader = await startTestServer({ dataDir: writer.dataDir });
  try {
    const { auth } = await addPlatform(reader, 'reader', ['match']);
    const video = videoItem(randomFrames(10));
    const eventually = async (expected: number) => {
      let found: unknown[] = [];
      for (let i = 0; i < 60; i++) {
        found = (await match(reader, auth, query(video.frames))).body.results[0].matches;
        if (found.length === expected) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return found;
    };
    expect(await eventually(0)).toEqual([]);
    const stored = await storeItems(writer, [video as any]);
    expect(await eventually(1)).toMatchObject([{ itemId: stored.itemIds[0], signal: 'vpdq', video: { rule: 'set' } }]);
    await writer.request(`/v1/cases/${stored.caseId}/items/${stored.itemIds[0]}`, { method: 'DELETE', headers: caseAuth(stored.secret) });
    expect(await eventually(0)).toEqual([]); // at once: the store has the last word
    // And the frames leave the reader's memory with the next read of the feed.
    for (let i = 0; i < 50 && reader.app.bank.frames.videoCount > 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reader.app.bank.frames.videoCount).toBe(0);
  } finally {
    await reader.close(true);
    await writer.close();
  }
});
