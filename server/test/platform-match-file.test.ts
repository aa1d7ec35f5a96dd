/**
 * POST /v1/match/file through HTTP: a real image matches its own submission, a turned copy is
 * found with its variant, bad files get the decoder's own words (never a 5xx), and nothing is
 * written to disk.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hamming, imageItem, mirroredLeftRight, perceptualHashes } from '@disrupt/hash-core';
import { decodeImage, hashImageFile } from '@disrupt/hash-core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { framed, straightenedPixels, texturedPicture, turnedPixels } from '../../hash-core/src/test-support/pictures.js';
import { describeWithShared, sharedPath } from '../../hash-core/src/test-support/shared.js';
import { startTestServer, type TestServer } from './helpers.js';
import { addPlatform, blockImage, encodePng, randomItem, rotate90, storeItems } from './platform-helpers.js';

const FIXTURES = join(__dirname, '../../fixtures');
const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;
const SAMPLE = join(FIXTURES, 'sample/pattern.png');

let server: TestServer;
let auth: Record<string, string>;
beforeAll(async () => {
  server = await startTestServer();
  ({ auth } = await addPlatform(server, 'uploader', ['match']));
});
afterAll(async () => server.close());

async function upload(files: [string, Uint8Array][], options: { query?: string; headers?: Record<string, string>; fields?: [string, string][] } = {}) {
  const form = new FormData();
  for (const [name, value] of options.fields ?? []) form.append(name, value);
  for (const [name, bytes] of files) form.append(name, new Blob([bytes]), 'private-name.jpg');
  const response = await server.request(`/v1/match/file${options.query ?? ''}`, { method: 'POST', headers: options.headers ?? auth, body: form });
  return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as any };
}

describe('POST /v1/match/file', () => {
  it('matches a real image against its own submission, with the ref from the query', async () => {
    const { item } = await hashImageFile(SAMPLE);
    const { itemIds } = await storeItems(server, [item]);
    const { status, body } = await upload([['file', readFileSync(SAMPLE)]], { query: '?ref=upload-77' });
    expect(status).toBe(200);
    expect(body).toEqual({ results: [{ ref: 'upload-77', matches: [{ matchId: expect.any(Number), itemId: itemIds[0], signal: 'md5', distance: 0 }] }] });
  });

  it('finds a turned copy of a stored photo and names the variant', async () => {
    const image = blockImage();
    const original = perceptualHashes(image);
    const { itemIds } = await storeItems(server, [randomItem({ pdq: original.pdq, quality: original.quality })]);
    const { body } = await upload([['image', encodePng(rotate90(image))]]);
    expect(body.results[0]).toEqual({ ref: null, matches: [{ matchId: expect.any(Number), itemId: itemIds[0], signal: 'pdq', distance: expect.any(Number), variant: 'rot270' }] });
  });

  it('finds a copy tilted 4° on black (a tilted repost) through its picture turned back, and the reverse', async () => {
    const photo = texturedPicture(360, 240, 21);
    const tilted = turnedPixels(photo, 4);
    const [stored] = (await storeItems(server, [await imageItem(new Uint8Array(photo.data), photo)])).itemIds;
    const straightened = (await upload([['image', encodePng(tilted)]])).body.results[0].matches.filter((m: { itemId: number }) => m.itemId === stored);
    expect(straightened).toEqual([{ matchId: expect.any(Number), itemId: stored, signal: 'pdqCenter90', query: 'pdqStraightened90', distance: expect.any(Number) }]);
    expect(straightened[0].distance).toBeLessThanOrEqual(8);
    // A victim who only has the tilted copy: the straight photo uploaded meets its stored straightened centre.
    const [storedTilt] = (await storeItems(server, [await imageItem(new Uint8Array(tilted.data), tilted)])).itemIds;
    const reverse = (await upload([['image', encodePng(photo)]])).body.results[0].matches.filter((m: { itemId: number }) => m.itemId === storedTilt);
    expect(reverse).toEqual([{ matchId: expect.any(Number), itemId: storedTilt, signal: 'pdqStraightened90', query: 'pdqCenter90', distance: expect.any(Number) }]);
  });

  it('finds a darkened copy, whose PDQ quality is under the floor, through the stored PDQ', async () => {
    const photo = texturedPicture(360, 240, 5);
    const dark = { ...photo, data: photo.data.map((v) => Math.round(v * 0.3)) };
    const [stored] = (await storeItems(server, [await imageItem(new Uint8Array(photo.data), photo)])).itemIds;
    // Its gradients are too weak for PDQ's quality, its layout is the photo's.
    const { quality } = perceptualHashes(dark, { variants: false });
    expect(quality).toBeGreaterThanOrEqual(1);
    expect(quality).toBeLessThan(50);
    const matches = (await upload([['image', encodePng(dark)]])).body.results[0].matches.filter((m: { itemId: number }) => m.itemId === stored);
    expect(matches).toEqual([{ matchId: expect.any(Number), itemId: stored, signal: 'pdq', distance: expect.any(Number) }]);
    expect(matches[0].distance).toBeLessThanOrEqual(24);
  });

  it('finds a darkened copy that is flipped too, through the stored mirror', async () => {
    const photo = texturedPicture(360, 240, 9);
    const darkFlipped = mirroredLeftRight({ ...photo, data: photo.data.map((v) => Math.round(v * 0.3)) });
    const [stored] = (await storeItems(server, [await imageItem(new Uint8Array(photo.data), photo)])).itemIds;
    const copy = perceptualHashes(darkFlipped, { variants: false });
    expect(copy.quality).toBeLessThan(50);
    // Neither its own hash nor PDQ's mirrored bits come near enough: the photo's mirror, stored, does.
    const original = perceptualHashes(photo, { variants: false });
    expect(hamming(copy.pdq, original.pdq)).toBeGreaterThan(24);
    const matches = (await upload([['image', encodePng(darkFlipped)]])).body.results[0].matches.filter((m: { itemId: number }) => m.itemId === stored);
    expect(matches).toEqual([{ matchId: expect.any(Number), itemId: stored, signal: 'pdqMirrored', query: 'pdq', distance: expect.any(Number) }]);
    expect(matches[0].distance).toBeLessThanOrEqual(24);
  });

  it('finds a copy flipped and cut, or flipped and framed, through the variants of its mirror', async () => {
    const photo = texturedPicture(400, 300, 17);
    const [stored] = (await storeItems(server, [await imageItem(new Uint8Array(photo.data), photo)])).itemIds;
    const flipped = mirroredLeftRight(photo);
    const cut = (p: typeof photo, left: number, top: number) => {
      const [width, height] = [p.width - 2 * left, p.height - 2 * top];
      const data = new Uint8Array(width * height * 3);
      for (let y = 0; y < height; y++) data.set(p.data.subarray(((top + y) * p.width + left) * 3, ((top + y) * p.width + left + width) * 3), y * width * 3);
      return { width, height, data };
    };
    const copies = { 'cut 10 % from each edge': cut(flipped, 40, 30), 'with black bars': framed(flipped, 400, 380, 0, 40, [0, 0, 0]) };
    for (const [what, copy] of Object.entries(copies)) {
      // Neither its own hashes nor the stored mirror of the whole photo are near enough.
      const own = perceptualHashes(copy, { dihedral: true });
      const storedMirror = perceptualHashes(flipped, { variants: false }).pdq;
      expect(Math.min(...own.dihedral!.map((h) => hamming(h, perceptualHashes(photo, { variants: false }).pdq))), what).toBeGreaterThan(31);
      expect(hamming(own.pdq, storedMirror), what).toBeGreaterThan(31);
      const matches = (await upload([['image', encodePng(copy)]])).body.results[0].matches.filter((m: { itemId: number }) => m.itemId === stored);
      // Met by PDQ through the mirror (a crop, or the trimmed picture against the stored photo).
      expect(matches, what).toEqual([expect.objectContaining({ itemId: stored, signal: expect.stringMatching(/^pdq/), variant: 'flipY' })]);
      expect(matches[0].distance, what).toBeLessThanOrEqual(28);
    }
  });

  it("explains what is wrong with a bad file, in the decoder's words", async () => {
    const cases: [string, number, RegExp][] = [
      ['images/empty.jpg', 400, /^file: the file is empty/],
      ['images/truncated.jpg', 400, /^file: the JPEG file is incomplete/],
      ['images/bomb.png', 400, /over the limit of 100 megapixels/],
      ['images/not-an-image.jpg', 415, /^this file is not an image/],
      ['images/clip.mp4', hasFfmpeg ? 415 : 503, hasFfmpeg ? /^this file is not a video ffmpeg can read/ : /^ffmpeg is needed to hash videos/],
    ];
    for (const [file, status, detail] of cases) {
      const result = await upload([['file', readFileSync(join(FIXTURES, file))]]);
      expect(result.status, file).toBe(status);
      expect(result.type).toMatch(/^application\/problem\+json/);
      expect(result.body.detail, file).toMatch(detail);
    }
  });

  it('takes one file and nothing else, within the size limit', async () => {
    const png = readFileSync(SAMPLE);
    const two = await upload([['a', png], ['b', png]]);
    expect(two.status).toBe(400);
    expect(two.body.detail).toBe('file: send exactly one file and nothing else');
    const withField = await upload([['file', png]], { fields: [['note', 'hello']] });
    expect(withField.status).toBe(400);
    expect((await upload([], { fields: [] })).status).toBe(400);
    const huge = await upload([['file', Buffer.alloc(50 * 1024 * 1024 + 1)]]);
    expect(huge.status).toBe(413);
    expect(huge.type).toMatch(/^application\/problem\+json/);
  });

  it('wants multipart and a key with the match scope; JSON is for /v1/match', async () => {
    const json = await server.request('/v1/match/file', { method: 'POST', headers: auth, json: { items: [] } });
    expect(json.status).toBe(415);
    expect(await json.json()).toMatchObject({ status: 415 });
    expect((await upload([['file', readFileSync(SAMPLE)]], { headers: {} })).status).toBe(401);
    const feedOnly = await addPlatform(server, 'feed-only', ['feed']);
    expect((await upload([['file', readFileSync(SAMPLE)]], { headers: feedOnly.auth })).status).toBe(403);
    // And multipart is not accepted by /v1/match.
    const form = new FormData();
    form.append('file', new Blob([readFileSync(SAMPLE)]));
    const wrong = await server.request('/v1/match', { method: 'POST', headers: auth, body: form });
    expect(wrong.status).toBe(415);
  });

  it('never writes an image upload to disk', async () => {
    const before = new Set(readdirSync(tmpdir()));
    const dataBefore = new Set(readdirSync(server.dataDir));
    await upload([['file', readFileSync(SAMPLE)]]);
    expect(readdirSync(tmpdir()).filter((f) => !before.has(f))).toEqual([]);
    expect(readdirSync(server.dataDir).filter((f) => !dataBefore.has(f))).toEqual([]);
  });
});

describeWithShared('POST /v1/match/file with a real photo straightened in an editor', () => {
  it('finds a copy straightened 3° (turned, then cut to the upright rectangle) through the stored turned crop, and the reverse', async () => {
    const photo = await decodeImage(readFileSync(sharedPath('corpus/images/0001.jpg')));
    const straightened = straightenedPixels(photo, 3);
    const [stored] = (await storeItems(server, [await imageItem(new Uint8Array(photo.data), photo)])).itemIds;
    const found = (await upload([['image', encodePng(straightened)]])).body.results[0].matches.filter((m: { itemId: number }) => m.itemId === stored);
    expect(found).toEqual([{ matchId: expect.any(Number), itemId: stored, signal: 'pdqTurnCropCw325', query: 'pdq', distance: expect.any(Number) }]);
    // A victim who only has the straightened copy: the photo as taken, uploaded, turned and cut the same way meets it.
    const [storedCopy] = (await storeItems(server, [await imageItem(new Uint8Array(straightened.data), straightened)])).itemIds;
    const reverse = (await upload([['image', encodePng(photo)]])).body.results[0].matches.filter((m: { itemId: number }) => m.itemId === storedCopy);
    // (The first turned crop of the photo that comes within the stored PDQ's threshold is reported.)
    expect(reverse).toEqual([{ matchId: expect.any(Number), itemId: storedCopy, signal: 'pdq', query: expect.stringMatching(/^pdqTurnCropCw/), distance: expect.any(Number) }]);
  });
});
