/**
 * Videos through the victim endpoints over HTTP: a case with a video (what the answer, the case
 * view and the console say of it), validation naming the field inside the frames, the two body
 * limits (8 MB with video frames, 2 MB for pictures only), the feed's frames, and withdrawal
 * deleting them everywhere.
 */
import { ImageItemSchema } from '@disrupt/hash-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ITEMS_PER_REQUEST, VICTIM_BODY_LIMIT } from '../src/routes/cases/schemas.js';
import { caseAuth, createCase, expectProblem, openDb, samples, type Samples } from './case-helpers.js';
import { startTestServer, type TestServer } from './helpers.js';
import { createOperator, json, login, type Operator } from './operator-helpers.js';
import { addPlatform, hex } from './platform-helpers.js';
import { randomFrames, videoItem } from './video-helpers.js';

let server: TestServer;
let s: Samples;
let reviewer: Operator;
let feedAuth: Record<string, string>;
beforeAll(async () => {
  server = await startTestServer({ config: { victimLimits: { requestsPerMinute: 10_000 } } });
  s = await samples();
  await createOperator(server, 'rita', 'reviewer');
  reviewer = await login(server, 'rita');
  ({ auth: feedAuth } = await addPlatform(server, 'mirror', ['feed']));
});
afterAll(async () => server.close());

const post = (body: unknown, path = '/v1/cases', headers: Record<string, string> = {}) => server.request(path, { method: 'POST', headers, json: body });

/** 20 frames: frame 4 with all three variants, frames 10 and 11 under the quality floor. */
function framesWithVariants() {
  const frames = randomFrames(20);
  Object.assign(frames[4]!, { pdqTrimmed: hex(32), pdqCenter90: hex(32), pdqCenter80: hex(32) });
  frames[10]!.quality = 12;
  frames[11]!.quality = 30;
  return frames;
}

describe('a case with a video', () => {
  it('is stored with its frames: the answer counts them, the case view and the console show the video', async () => {
    const video = videoItem(framesWithVariants(), { durationMs: 20_400 });
    const created = await createCase(server, [s.bilevel, video]);
    expect(created.items[1]).toEqual({ itemId: expect.any(Number), quality: 90, reliable: true, frames: 20, usableFrames: 18 });

    const view = await json(await server.request(`/v1/cases/${created.caseId}`, { headers: caseAuth(created.secret) }), 200);
    expect(view.items.map((i: { type: string }) => i.type)).toEqual(['image', 'video']);
    expect(view.items[1]).toMatchObject({ itemId: created.items[1]!.itemId, type: 'video', durationMs: 20_400, reliable: true, status: 'active' });
    expect(view.items[0].durationMs).toBeUndefined();

    const { item } = await json(await reviewer.request(`/v1/admin/items/${created.items[1]!.itemId}`), 200);
    expect(item).toMatchObject({ type: 'video', durationMs: 20_400, frameInterval: 1, quality: 90, reliable: true, caseId: created.caseId });
    expect(item.signals).toEqual([
      { signal: 'md5', value: video.md5 },
      { signal: 'sha256', value: video.sha256 },
    ]);
    expect(item.frames).toHaveLength(20);
    expect(item.frames[4]).toEqual(video.frames[4]);
    expect(item.frames[10]).toEqual({ t: 10, pdq: video.frames[10]!.pdq, quality: 12 });
  });

  it('keeps a video with too little detail, and says what that means', async () => {
    const dark = videoItem(randomFrames(6).map((f) => ({ ...f, quality: 10 })));
    const created = await createCase(server, [dark]);
    expect(created.items[0]).toMatchObject({ quality: 10, reliable: false, frames: 6, usableFrames: 0 });
    expect(created.items[0]!.note).toMatch(/too little detail.*Exact copies of this file will still be/);
    const half = videoItem(randomFrames(6).map((f, k) => ({ ...f, quality: k < 4 ? 20 : 80 })));
    expect((await createCase(server, [half])).items[0]!.note).toMatch(/^Only 2 of the 6 frames/);
  });

  it('adds a video to an existing case, once even when sent twice', async () => {
    const created = await createCase(server, [s.palette]);
    const video = videoItem(randomFrames(5));
    const add = () => post({ items: [video] }, `/v1/cases/${created.caseId}/items`, caseAuth(created.secret));
    const first = await json(await add(), 201);
    const again = await json(await add(), 201);
    expect(again.items[0]).toMatchObject({ itemId: first.items[0].itemId, alreadyInCase: true, note: expect.stringMatching(/already added this video/) });
  });
});

describe('validation of video items', () => {
  const withFrames = (edit: (frames: any[]) => void, extra: Record<string, unknown> = {}) => {
    const frames: any[] = randomFrames(8);
    edit(frames);
    return { items: [s.bilevel, { ...videoItem(frames), ...extra }] };
  };

  it('names the field at fault inside the frames, in problem+json', async () => {
    const cases: [unknown, string, RegExp][] = [
      [withFrames((f) => (f[3].pdq = 'abc')), 'items[1].frames[3].pdq', /64 hex/],
      [withFrames((f) => (f[2].quality = 101)), 'items[1].frames[2].quality', /./],
      [withFrames((f) => (f[5].pdqCenter90 = 'z'.repeat(64))), 'items[1].frames[5].pdqCenter90', /./],
      [withFrames((f) => (f[1].file = 'IMG_0001.mp4')), 'items[1].frames[1].file', /unknown field/],
      [withFrames(() => {}, { width: 1920 }), 'items[1].width', /unknown field/],
      [withFrames((f) => f.splice(0)), 'items[1].frames', /./],
      [withFrames((f) => (f[5].t = 2.5)), 'items[1].frames[5].t', /time order/],
      [withFrames(() => {}, { frames: undefined }), 'items[1].frames', /required/],
      [withFrames(() => {}, { frames: randomFrames(3601) }), 'items[1].frames', /./],
      [withFrames(() => {}, { durationMs: -1 }), 'items[1].durationMs', /./],
    ];
    for (const [body, field, detail] of cases) {
      const problem = await expectProblem(await post(body), 400, field);
      expect(problem.detail, field).toMatch(detail);
      expect(problem.detail.startsWith(`${field}: `), problem.detail).toBe(true);
    }
    const created = await createCase(server, [s.bilevel]);
    await expectProblem(await post(withFrames((f) => (f[6].pdq = 'x')), `/v1/cases/${created.caseId}/items`, caseAuth(created.secret)), 400, 'items[1].frames[6].pdq');
  });
});

describe('body limits', () => {
  it('takes an hour of frames with all their variants (over 1 MB) in one request', async () => {
    const frames = randomFrames(3600).map((f) => ({ ...f, pdqTrimmed: hex(32), pdqCenter90: hex(32), pdqCenter80: hex(32) }));
    const body = { items: [videoItem(frames)] };
    const size = Buffer.byteLength(JSON.stringify(body));
    expect(size).toBeGreaterThan(1024 * 1024);
    expect(size).toBeLessThan(2 * 1024 * 1024);
    const created = await json(await post(body), 201);
    expect(created.items[0]).toMatchObject({ frames: 3600, usableFrames: 3600 });
  });

  it('takes 500 photos with every fingerprint a photo can carry in one request', async () => {
    // Every field of the schema: the variants a photo may have (trimmed, framed, straightened…) all
    // present. Not `mirrored`: a query's alone, which the page never sends.
    const fields = Object.entries(ImageItemSchema.properties).filter(([name]) => !['type', 'quality', 'dihedral', 'mirrored'].includes(name));
    const full = () => ({ type: 'image', quality: 100, ...Object.fromEntries(fields.map(([name, field]) => [name, hex((field as unknown as { maxLength: number }).maxLength / 2)])), dihedral: Array.from({ length: 8 }, () => hex(32)) });
    const body = { items: Array.from({ length: MAX_ITEMS_PER_REQUEST }, full) };
    expect(Buffer.byteLength(JSON.stringify(body))).toBeGreaterThan(1024 * 1024);
    // A server of its own: 500 items would push the frames out of the feed's first page below.
    const own = await startTestServer();
    try {
      const created = await json(await own.request('/v1/cases', { method: 'POST', json: body }), 201);
      expect(created.items).toHaveLength(MAX_ITEMS_PER_REQUEST);
    } finally {
      await own.close();
    }
  });

  it('keeps pictures-only bodies to 2 MB, with or without a Content-Length', async () => {
    const padded = `{"items":[${JSON.stringify(s.bilevel)}]${' '.repeat(VICTIM_BODY_LIMIT)}}`;
    const problem = await expectProblem(await server.request('/v1/cases', { method: 'POST', headers: { 'content-type': 'application/json' }, body: padded }), 413);
    expect(problem.detail).toBe('the request body is over the limit of 2097152 bytes without a video');
    // Chunked (no Content-Length): the bytes are counted as they arrive.
    const chunked = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(padded));
        controller.close();
      },
    });
    const streamed = await server.request('/v1/cases', { method: 'POST', headers: { 'content-type': 'application/json' }, body: chunked, duplex: 'half' } as RequestInit);
    await expectProblem(streamed, 413);
  });

  it('refuses a body over 8 MB even with a video', async () => {
    const body = `{"items":[${JSON.stringify(videoItem(randomFrames(10)))}]${' '.repeat(8 * 1024 * 1024)}}`;
    const problem = await expectProblem(await server.request('/v1/cases', { method: 'POST', headers: { 'content-type': 'application/json' }, body }), 413);
    expect(problem.detail).toBe('the request body is over the limit of 8388608 bytes');
  });
});

describe('the feed and withdrawal', () => {
  const feed = async () => (await json(await server.request('/v1/feed?limit=10000', { headers: feedAuth }), 200)).records as any[];

  it('announces the frames (with their variants) under vpdq, and a withdrawal deletes them everywhere', async () => {
    const video = videoItem(framesWithVariants());
    const created = await createCase(server, [video]);
    const itemId = created.items[0]!.itemId;
    const added = (await feed()).filter((r) => r.itemId === itemId);
    expect(added.map((r) => [r.op, r.signal]).sort()).toEqual([
      ['add', 'md5'],
      ['add', 'sha256'],
      ['add', 'vpdq'],
    ]);
    expect(added.find((r) => r.signal === 'vpdq')).toEqual({ seq: expect.any(Number), op: 'add', itemId, signal: 'vpdq', frames: video.frames });

    await json(await server.request(`/v1/cases/${created.caseId}/items/${itemId}`, { method: 'DELETE', headers: caseAuth(created.secret) }), 200);
    const after = (await feed()).filter((r) => r.itemId === itemId);
    expect(after.filter((r) => r.frames || r.value)).toEqual([]);
    expect(after.filter((r) => r.op === 'remove').map((r) => r.signal).sort()).toEqual(['md5', 'sha256', 'vpdq']);
    const db = openDb(server);
    expect(db.prepare('SELECT COUNT(*) AS n FROM item_frames WHERE item_id = ?').get(itemId)).toEqual({ n: 0 });
    db.close();
    const { item } = await json(await reviewer.request(`/v1/admin/items/${itemId}`), 200);
    expect(item).toMatchObject({ status: 'withdrawn', signals: [], frames: [] });
  });
});
