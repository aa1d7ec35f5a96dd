/**
 * POST /v1/match with videos, over HTTP: a trimmed re-encode found by the set rule, a stored clip
 * inside a longer video by the segment rule, a letterboxed copy through the frames' trimmed PDQ, a
 * photo found among video frames and a video frame among photos (with their times), dim copies
 * and videos stored dim (frames under the quality floor) by the segment rule within 24 bits,
 * nothing for unrelated videos or too short an overlap, withdrawal and disabling, the platform's
 * settings, the match events (no hash kept), validation naming the field, and the 8 MB limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseAuth, expectProblem, openDb } from './case-helpers.js';
import { startTestServer, type TestServer } from './helpers.js';
import { createOperator, json, login } from './operator-helpers.js';
import { addPlatform, flipBits, hex, match, randomItem, storeItems } from './platform-helpers.js';
import { randomFrames, reencoded, sequence, videoItem } from './video-helpers.js';

let server: TestServer;
let auth: Record<string, string>;
beforeAll(async () => {
  server = await startTestServer({ config: { victimLimits: { requestsPerMinute: 10_000 } } });
  ({ auth } = await addPlatform(server, 'tube', ['match']));
});
afterAll(async () => server.close());

/** Stores one video (as a victim does) and returns it with its item id and case. */
async function storeVideo(frames = randomFrames(30)) {
  const video = videoItem(frames);
  const stored = await storeItems(server, [video as any]);
  return { video, itemId: stored.itemIds[0]!, stored };
}

const asQuery = (frames: ReturnType<typeof randomFrames>, extra: Record<string, unknown> = {}) => ({ type: 'video', frameInterval: 1, frames, ...extra });

describe('a query video against stored videos', () => {
  it('finds a trimmed, re-encoded copy by the set rule, with both time ranges', async () => {
    const { video, itemId } = await storeVideo();
    const copy = sequence([reencoded(video.frames.slice(5, 20))]); // seconds 5–19, re-timed from 0
    const { status, body } = await match(server, auth, [{ ref: 'clip-1', ...asQuery(copy) }]);
    expect(status).toBe(200);
    expect(body.results[0]).toEqual({
      ref: 'clip-1',
      matches: [
        {
          matchId: expect.any(Number),
          itemId,
          signal: 'vpdq',
          distance: 6,
          video: { rule: 'set', queryShare: 1, storedShare: 0.5, matchedSeconds: 15, queryRange: [0, 14], storedRange: [5, 19], frames: 15 },
        },
      ],
    });
  });

  it('finds a stored clip embedded in a longer video by the segment rule', async () => {
    const { video, itemId } = await storeVideo(randomFrames(10));
    const host = sequence([randomFrames(20), reencoded(video.frames, 4), randomFrames(30)]);
    const { body } = await match(server, auth, [asQuery(host)]);
    expect(body.results[0].matches).toEqual([
      {
        matchId: expect.any(Number),
        itemId,
        signal: 'vpdq',
        distance: 4,
        video: { rule: 'segment', queryShare: 0.167, storedShare: 1, matchedSeconds: 10, queryRange: [20, 29], storedRange: [0, 9], frames: 10 },
      },
    ]);
  });

  it('finds a part of a stored video inside another video, and not a 2-second coincidence', async () => {
    const { video, itemId } = await storeVideo(randomFrames(60));
    const part = sequence([randomFrames(40), video.frames.slice(30, 36), randomFrames(40)]);
    const found = (await match(server, auth, [asQuery(part)])).body.results[0].matches;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ itemId, distance: 0, video: { rule: 'segment', matchedSeconds: 6, queryRange: [40, 45], storedRange: [30, 35] } });
    // Two frames that happen to match, out of step, make no segment: 2 s < 3 s.
    const glimpse = sequence([randomFrames(40), video.frames.slice(10, 12), randomFrames(40)]);
    expect((await match(server, auth, [asQuery(glimpse)])).body.results[0].matches).toEqual([]);
    const scattered = sequence([randomFrames(10), [video.frames[50]!], randomFrames(10), [video.frames[3]!], randomFrames(10), [video.frames[20]!]]);
    expect((await match(server, auth, [asQuery(scattered)])).body.results[0].matches).toEqual([]);
  });

  it('finds a letterboxed copy through the trimmed PDQ of its frames', async () => {
    const { video, itemId } = await storeVideo(randomFrames(12));
    // Black bars change every frame's plain PDQ; trimming them gives the original frames back.
    const letterboxed = video.frames.map((frame) => ({ t: frame.t, pdq: hex(32), quality: 70, pdqTrimmed: flipBits(frame.pdq, [1, 2, 3]) }));
    const { body } = await match(server, auth, [asQuery(letterboxed)]);
    expect(body.results[0].matches).toEqual([
      { matchId: expect.any(Number), itemId, signal: 'vpdq', distance: 3, video: expect.objectContaining({ rule: 'set', queryShare: 1, storedShare: 1 }) },
    ]);
  });

  it('matches an exact copy by its digest first', async () => {
    const { video, itemId } = await storeVideo(randomFrames(5));
    const { body } = await match(server, auth, [asQuery(video.frames, { sha256: video.sha256 })]);
    expect(body.results[0].matches).toEqual([{ matchId: expect.any(Number), itemId, signal: 'sha256', distance: 0 }]);
  });

  it('finds nothing for an unrelated video', async () => {
    await storeVideo(randomFrames(20));
    expect((await match(server, auth, [asQuery(randomFrames(40))])).body.results[0].matches).toEqual([]);
  });

  it('finds a darkened copy whose frames fall under the quality floor within 24 bits, by the segment rule alone', async () => {
    const { video, itemId } = await storeVideo(randomFrames(20));
    const dim = (bits: number, quality = 30) => reencoded(video.frames, bits).map((frame) => ({ ...frame, quality }));
    const found = (await match(server, auth, [asQuery(dim(24))])).body.results[0].matches;
    expect(found).toEqual([
      {
        matchId: expect.any(Number),
        itemId,
        signal: 'vpdq',
        distance: 24,
        video: { rule: 'segment', queryShare: 1, storedShare: 1, matchedSeconds: 20, queryRange: [0, 19], storedRange: [0, 19], frames: 20, underFloorFrames: 20 },
      },
    ]);
    // Farther than the closer radius (31 bits would do over the floor), or with no step at all: nothing.
    expect((await match(server, auth, [asQuery(dim(25))])).body.results[0].matches).toEqual([]);
    expect((await match(server, auth, [asQuery(dim(0, 0))])).body.results[0].matches).toEqual([]);
    // Two such frames are two coincidences short of a segment, however exact: the set rule counts
    // only frames over the floor, or one dim frame of a long video would decide it.
    expect((await match(server, auth, [asQuery(dim(0).slice(4, 6))])).body.results[0].matches).toEqual([]);
  });

  it('finds a video stored dim (filmed in a dim room) by a copy as dim or brightened, within 24 bits, by the segment rule alone', async () => {
    const { video, itemId, stored } = await storeVideo(randomFrames(10).map((frame) => ({ ...frame, quality: 30 })));
    const copy = (bits: number, quality: number) => reencoded(video.frames, bits).map((frame) => ({ ...frame, quality }));
    for (const quality of [20, 90]) {
      expect((await match(server, auth, [asQuery(copy(24, quality))])).body.results[0].matches, `copy of quality ${quality}`).toEqual([
        {
          matchId: expect.any(Number),
          itemId,
          signal: 'vpdq',
          distance: 24,
          video: { rule: 'segment', queryShare: 1, storedShare: 1, matchedSeconds: 10, queryRange: [0, 9], storedRange: [0, 9], frames: 10, underFloorFrames: 10 },
        },
      ]);
      expect((await match(server, auth, [asQuery(copy(25, quality))])).body.results[0].matches, `quality ${quality}, 25 bits`).toEqual([]);
    }
    // Two seconds are no segment; a copy of no quality at all is not compared; a photo (its one hash) does not meet such frames.
    expect((await match(server, auth, [asQuery(copy(0, 90).slice(2, 4))])).body.results[0].matches).toEqual([]);
    expect((await match(server, auth, [asQuery(copy(0, 0))])).body.results[0].matches).toEqual([]);
    expect((await match(server, auth, [{ type: 'image', pdq: video.frames[3]!.pdq, quality: 90 }])).body.results[0].matches).toEqual([]);
    // Frames of no quality at all are kept, never compared.
    const black = await storeVideo(randomFrames(10).map((frame) => ({ ...frame, quality: 0 })));
    expect((await match(server, auth, [asQuery(black.video.frames)])).body.results[0].matches).toEqual([]);
    // The reviewer sees that the evidence rests on frames under the floor.
    await createOperator(server, 'dara', 'reviewer');
    const dara = await login(server, 'dara');
    const listed = await json(await dara.request(`/v1/admin/matches?itemId=${itemId}`), 200);
    expect(listed.matches.map((m: { video: { video: { underFloorFrames?: number } } }) => m.video.video.underFloorFrames)).toEqual([10, 10]);
    // Withdrawn: gone from the frames under the floor too.
    await json(await server.request(`/v1/cases/${stored.caseId}/items/${itemId}`, { method: 'DELETE', headers: caseAuth(stored.secret) }), 200);
    expect((await match(server, auth, [asQuery(copy(0, 90))])).body.results[0].matches).toEqual([]);
  });

  it('adds the dim frames of a copy to its others in the segment, and holds them to the platform\'s frame threshold', async () => {
    const { video, itemId } = await storeVideo(randomFrames(12));
    // Seconds 0–5 bright, 6–11 dark (a scene cut to a dim room): the set rule reads the bright half
    // alone (6 of 6 frames), the reported share counts the dim frames that matched.
    const copy = reencoded(video.frames, 12).map((frame, k) => ({ ...frame, quality: k < 6 ? 80 : 20 }));
    const [first] = (await match(server, auth, [asQuery(copy)])).body.results[0].matches;
    expect(first).toMatchObject({ itemId, distance: 12, video: { rule: 'set', queryShare: 1, matchedSeconds: 6, queryRange: [0, 5] } });
    const onlyDim = copy.slice(6);
    expect((await match(server, auth, [asQuery(onlyDim)])).body.results[0].matches).toMatchObject([{ itemId, video: { rule: 'segment', matchedSeconds: 6 } }]);
    const strict = await addPlatform(server, 'strict-frames', ['match'], { vpdq: 10 });
    expect((await match(server, strict.auth, [asQuery(onlyDim)])).body.results[0].matches).toEqual([]);
  });
});

describe('photos and video frames', () => {
  it('finds a screenshot of a stored video, with the time of the frame', async () => {
    const { video, itemId } = await storeVideo(randomFrames(20));
    const screenshot = randomItem({ pdq: flipBits(video.frames[7]!.pdq, [0, 9, 100]) });
    const { body } = await match(server, auth, [{ type: 'image', pdq: screenshot.pdq, quality: 90 }]);
    expect(body.results[0].matches).toEqual([{ matchId: expect.any(Number), itemId, signal: 'vpdq', query: 'pdq', distance: 3, storedTime: 7 }]);
    // Through the photo's trimmed PDQ (a screenshot with the player's black bars).
    const bordered = await match(server, auth, [{ type: 'image', pdq: hex(32), pdqTrimmed: video.frames[12]!.pdq, quality: 90 }]);
    expect(bordered.body.results[0].matches).toEqual([{ matchId: expect.any(Number), itemId, signal: 'vpdq', query: 'pdqTrimmed', distance: 0, storedTime: 12 }]);
    // A dim screenshot (under the quality floor) meets the frames' plain PDQ, closer, and nothing else.
    const dim = await match(server, auth, [{ type: 'image', pdq: screenshot.pdq, quality: 30 }]);
    expect(dim.body.results[0].matches).toEqual([{ matchId: expect.any(Number), itemId, signal: 'vpdq', query: 'pdq', distance: 3, storedTime: 7 }]);
    const far = flipBits(video.frames[7]!.pdq, Array.from({ length: 25 }, (_, k) => k * 9));
    expect((await match(server, auth, [{ type: 'image', pdq: far, quality: 30 }])).body.results[0].matches).toEqual([]);
    expect((await match(server, auth, [{ type: 'image', pdq: far, quality: 50 }])).body.results[0].matches).toHaveLength(1);
    expect((await match(server, auth, [{ type: 'image', pdq: hex(32), pdqTrimmed: video.frames[12]!.pdq, quality: 30 }])).body.results[0].matches).toEqual([]);
  });

  it('finds a stored photo in a frame of a query video, with the time in the query', async () => {
    const photo = randomItem();
    const { itemIds } = await storeItems(server, [photo]);
    const slideshow = randomFrames(15);
    slideshow[9]!.pdq = flipBits(photo.pdq, [5, 6]);
    slideshow[10]!.pdq = flipBits(photo.pdq, [5, 6, 7, 8]);
    const { body } = await match(server, auth, [asQuery(slideshow)]);
    expect(body.results[0].matches).toEqual([{ matchId: expect.any(Number), itemId: itemIds[0], signal: 'pdq', query: 'vpdq', distance: 2, queryTime: 9 }]);
    // One frame of a long video is not enough (thousands of frames would add up PDQ's coincidences)…
    const glimpse = randomFrames(15);
    glimpse[4]!.pdq = photo.pdq;
    expect((await match(server, auth, [asQuery(glimpse)])).body.results[0].matches).toEqual([]);
    // …unless the video has only that frame to compare (one of no quality at all is not compared)…
    const single = await match(server, auth, [asQuery([{ t: 0, pdq: photo.pdq, quality: 90 }, { t: 1, pdq: hex(32), quality: 0 }])]);
    expect(single.body.results[0].matches).toMatchObject([{ itemId: itemIds[0], signal: 'pdq', distance: 0, queryTime: 0 }]);
    // …and a dim frame, compared closer, is one more frame that could have met it by chance.
    const withDim = await match(server, auth, [asQuery([{ t: 0, pdq: photo.pdq, quality: 90 }, { t: 1, pdq: hex(32), quality: 20 }])]);
    expect(withDim.body.results[0].matches).toEqual([]);
    const twoDim = await match(server, auth, [asQuery([{ t: 0, pdq: flipBits(photo.pdq, [1]), quality: 20 }, { t: 1, pdq: flipBits(photo.pdq, [2]), quality: 20 }])]);
    expect(twoDim.body.results[0].matches).toMatchObject([{ itemId: itemIds[0], signal: 'pdq', query: 'vpdq', distance: 1, queryTime: 0 }]);
  });
});

describe('withdrawal, disabling and settings', () => {
  it('a withdrawn video stops matching at once', async () => {
    const { video, stored, itemId } = await storeVideo(randomFrames(10));
    expect((await match(server, auth, [asQuery(video.frames)])).body.results[0].matches).toHaveLength(1);
    await json(await server.request(`/v1/cases/${stored.caseId}/items/${itemId}`, { method: 'DELETE', headers: caseAuth(stored.secret) }), 200);
    expect((await match(server, auth, [asQuery(video.frames)])).body.results[0].matches).toEqual([]);
    expect((await match(server, auth, [{ type: 'image', pdq: video.frames[3]!.pdq }])).body.results[0].matches).toEqual([]);
  });

  it('a disabled video stops matching, and matches again once enabled', async () => {
    const { video, itemId } = await storeVideo(randomFrames(10));
    await createOperator(server, 'rex', 'reviewer');
    const rex = await login(server, 'rex');
    await json(await rex.request(`/v1/admin/items/${itemId}/disable`, { method: 'POST', json: { reason: 'checking a report' } }), 200);
    expect((await match(server, auth, [asQuery(video.frames)])).body.results[0].matches).toEqual([]);
    await json(await rex.request(`/v1/admin/items/${itemId}/enable`, { method: 'POST', json: {} }), 200);
    expect((await match(server, auth, [asQuery(video.frames)])).body.results[0].matches).toMatchObject([{ itemId, video: { rule: 'set' } }]);
  });

  it("uses the platform's frame threshold and video settings", async () => {
    const { video, itemId } = await storeVideo(randomFrames(10));
    const host = sequence([randomFrames(10), reencoded(video.frames, 6), randomFrames(10)]);
    const strictBits = await addPlatform(server, 'strict-bits', ['match'], { vpdq: 5 });
    expect((await match(server, strictBits.auth, [asQuery(host)])).body.results[0].matches).toEqual([]);
    const longSegments = await addPlatform(server, 'long-segments', ['match'], { videoSegmentSeconds: 15 });
    expect((await match(server, longSegments.auth, [asQuery(host)])).body.results[0].matches).toEqual([]);
    const lenientShare = await addPlatform(server, 'lenient-share', ['match'], { videoQueryShare: 30 });
    expect((await match(server, lenientShare.auth, [asQuery(host)])).body.results[0].matches).toMatchObject([{ itemId, video: { rule: 'set', queryShare: 0.333 } }]);
    expect((await match(server, auth, [asQuery(host)])).body.results[0].matches).toMatchObject([{ itemId, video: { rule: 'segment' } }]);
  });

  it('refuses video settings out of range, naming them (admin API)', async () => {
    await createOperator(server, 'ada', 'admin');
    const ada = await login(server, 'ada');
    const { platform } = await json(await ada.request('/v1/admin/platforms', { method: 'POST', json: { name: 'settings', scopes: ['match'] } }), 201);
    for (const [thresholds, pattern] of [
      [{ videoQueryShare: 0 }, /videoQueryShare: expected a whole number from 1 to 100/],
      [{ videoSegmentSeconds: 2.5 }, /videoSegmentSeconds/],
      [{ vpdq: 300 }, /vpdq: expected a whole number of bits from 0 to 256/],
    ] as const) {
      const problem = await expectProblem(await ada.request(`/v1/admin/platforms/${platform.id}`, { method: 'PATCH', json: { thresholds } }), 400);
      expect(problem.detail).toMatch(pattern);
    }
    const ok = await json(await ada.request(`/v1/admin/platforms/${platform.id}`, { method: 'PATCH', json: { thresholds: { vpdq: 20, vpdqCenter90: 24, videoStoredShare: 10 } } }), 200);
    expect(ok.platform?.thresholds ?? ok.thresholds).toEqual({ vpdq: 20, vpdqCenter90: 24, videoStoredShare: 10 });
  });
});

describe('match events and validation', () => {
  it('records each video match with its rule and times, and never a hash', async () => {
    const { video, itemId } = await storeVideo(randomFrames(8));
    const { body } = await match(server, auth, [{ ref: 'upload-9', ...asQuery(reencoded(video.frames, 2)) }]);
    const event = server.app.store.matchEvents.get(body.results[0].matches[0].matchId)!;
    expect(event).toMatchObject({ itemId, signal: 'vpdq', distance: 2, ref: 'upload-9', video: { video: { rule: 'set', queryRange: [0, 7], storedRange: [0, 7] } } });
    const db = openDb(server);
    const rows = JSON.stringify(db.prepare('SELECT * FROM match_events').all());
    db.close();
    for (const frame of video.frames) expect(rows).not.toContain(frame.pdq.slice(0, 16));
    await createOperator(server, 'vera', 'reviewer');
    const vera = await login(server, 'vera');
    const listed = await json(await vera.request(`/v1/admin/matches?itemId=${itemId}`), 200);
    expect(listed.matches?.[0] ?? listed.events?.[0]).toMatchObject({ signal: 'vpdq', video: { video: { rule: 'set', matchedSeconds: 8 } } });
  });

  it('names the bad field of a video query', async () => {
    const frames: any[] = randomFrames(6);
    frames[3].pdq = 'abc';
    const cases: [unknown, string][] = [
      [asQuery(frames), 'items[0].frames[3].pdq'],
      [asQuery(randomFrames(3), { pdq: hex(32) }), 'items[0].pdq'],
      [asQuery([...randomFrames(3), { t: 1, pdq: hex(32), quality: 90 }]), 'items[0].frames[3].t'],
      [{ ref: randomFrames(1)[0]!.pdq, ...asQuery(randomFrames(2)) }, 'items[0]'],
    ];
    const withOwnHash = randomFrames(2);
    cases[3] = [{ ref: withOwnHash[1]!.pdq, ...asQuery(withOwnHash) }, 'items[0].ref'];
    for (const [item, field] of cases) {
      const response = await server.request('/v1/match', { method: 'POST', headers: auth, json: { items: [{ type: 'image', pdq: hex(32) }, item] } });
      const problem = await expectProblem(response, 400);
      expect(problem.field, JSON.stringify(item).slice(0, 80)).toBe(field.replace('items[0]', 'items[1]'));
    }
  });

  it('takes up to 8 MB with video frames, 4 MB for pictures only', async () => {
    const long = () => asQuery(randomFrames(3600).map((f) => ({ ...f, pdqTrimmed: hex(32), pdqCenter90: hex(32), pdqCenter80: hex(32) })));
    const four = { items: [long(), long(), long(), long()] };
    expect(Buffer.byteLength(JSON.stringify(four))).toBeGreaterThan(4 * 1024 * 1024);
    const started = performance.now();
    const { status, body } = await match(server, auth, four.items);
    expect(status).toBe(200);
    expect(body.results).toHaveLength(4);
    console.log(`4 one-hour query videos (14,400 frames with 3 variants each) matched in ${Math.round(performance.now() - started)} ms`);
    const photos = `{"items":[{"type":"image","pdq":"${hex(32)}"}]${' '.repeat(4 * 1024 * 1024)}}`;
    const problem = await expectProblem(await server.request('/v1/match', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: photos }), 413);
    expect(problem.detail).toBe('the request body is over the limit of 4194304 bytes without a video');
    const tooBig = JSON.stringify({ items: [long(), long(), long(), long(), long(), long(), long()] });
    expect(Buffer.byteLength(tooBig)).toBeGreaterThan(8 * 1024 * 1024);
    await expectProblem(await server.request('/v1/match', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: tooBig }), 413);
  });
});
