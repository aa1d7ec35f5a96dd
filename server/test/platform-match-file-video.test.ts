/**
 * Videos through POST /v1/match/file, with the system's ffmpeg and the shared corpus: a clip
 * hashed by the CLI (`disrupt hash`) and submitted as a victim would, then found in a trimmed,
 * rescaled re-encode (set rule), flipped left to right (through the frames' mirrored PDQ), inside
 * a longer video made of other clips (segment rule) and darkened under PDQ's quality floor, or
 * stored so (segment rule, within 24 bits), also flipped (the frames' mirrored PDQ); nothing for an unrelated clip; the temporary copy of
 * the upload is gone afterwards; without ffmpeg, a 503 that says what to install.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FFMPEG_MISSING_MESSAGE } from '@disrupt/hash-core/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { darkenedFilter } from '../../hash-core/src/test-support/darkened.js';
import { describeWithShared, repoRoot, sharedPath } from '../../hash-core/src/test-support/shared.js';
import { startTestServer, type TestServer } from './helpers.js';
import { addPlatform, storeItems } from './platform-helpers.js';

const CLI = join(repoRoot, 'server/dist/cli/main.js');
const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;
const clip = (name: string) => sharedPath('corpus', 'videos', `${name}.mp4`);

describeWithShared('POST /v1/match/file with videos', () => {
  if (!hasFfmpeg) {
    it.skip('skipped: ffmpeg is not installed (apt-get install ffmpeg)', () => {});
    return;
  }
  let server: TestServer;
  let auth: Record<string, string>;
  let work: string;
  let storedId: number;

  const ffmpeg = (...args: string[]) => execFileSync('ffmpeg', ['-hide_banner', '-v', 'error', '-y', ...args]);
  const scratchEntries = () => [...(existsSync('/dev/shm') ? readdirSync('/dev/shm') : []), ...readdirSync(tmpdir())].filter((f) => f.startsWith('disrupt-match-'));

  async function upload(file: string, query = '') {
    const form = new FormData();
    form.append('file', new Blob([readFileSync(file)]), 'private-name.mp4');
    const response = await server.request(`/v1/match/file${query}`, { method: 'POST', headers: auth, body: form });
    return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as any };
  }

  beforeAll(async () => {
    server = await startTestServer();
    ({ auth } = await addPlatform(server, 'video-uploads', ['match']));
    work = mkdtempSync(join(tmpdir(), 'disrupt-video-test-'));
    // The victim's side: the CLI hashes v003 (a 13.7 s slideshow), and its line is submitted.
    const line = JSON.parse(execFileSync(process.execPath, [CLI, 'hash', clip('v003')], { encoding: 'utf8' }).trim()) as Record<string, unknown>;
    const { file: _file, width: _width, height: _height, ...item } = line;
    expect(item).toMatchObject({ type: 'video', frameInterval: 1, durationMs: 13_720 });
    storedId = (await storeItems(server, [item as any])).itemIds[0]!;
    // A re-upload: seconds 3 to 10, half the size, re-encoded.
    ffmpeg('-ss', '3', '-i', clip('v003'), '-t', '7', '-vf', 'scale=480:-2', '-c:v', 'libx264', '-crf', '28', '-an', join(work, 'trimmed.mp4'));
    // The same clip inside a longer video: 12.5 s of v004 before it, 8.5 s of v005 after.
    const inputs = ['v004', 'v003', 'v005'].flatMap((name) => ['-i', clip(name)]);
    const scaled = [0, 1, 2].map((i) => `[${i}:v]scale=640:360,setsar=1,fps=25[v${i}]`).join(';');
    ffmpeg(...inputs, '-filter_complex', `${scaled};[v0][v1][v2]concat=n=3:v=1:a=0[out]`, '-map', '[out]', '-c:v', 'libx264', '-crf', '26', join(work, 'embedded.mp4'));
    // Flipped left to right, seconds 2 to 12, re-encoded.
    ffmpeg('-ss', '2', '-i', clip('v003'), '-t', '10', '-vf', 'hflip', '-c:v', 'libx264', '-crf', '28', '-an', join(work, 'mirrored.mp4'));
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('finds a copy flipped left to right (its frames\' PDQ meet the stored frames\' mirrored PDQ)', async () => {
    const { status, body } = await upload(join(work, 'mirrored.mp4'));
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.results[0].matches).toHaveLength(1);
    const [found] = body.results[0].matches;
    expect(found).toMatchObject({ itemId: storedId, signal: 'vpdq', video: { rule: 'set' } });
    expect(found.distance).toBeLessThanOrEqual(28); // the mirrored frames' threshold, as pdqMirrored's
    // The evidence says so: most of its pairs came through the mirrored PDQ (the reviewer reads it).
    expect(found.video.mirroredFrames).toBeGreaterThanOrEqual(found.video.frames * 0.8);
    expect(found.video.storedRange[0]).toBeGreaterThanOrEqual(1);
    expect(found.video.storedRange[1]).toBeLessThanOrEqual(13);
  });

  it('finds a trimmed, rescaled re-encode by the set rule, and leaves no copy of the upload behind', async () => {
    const before = scratchEntries();
    const { status, body } = await upload(join(work, 'trimmed.mp4'), '?ref=upload-1');
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.results[0].ref).toBe('upload-1');
    expect(body.results[0].matches).toHaveLength(1);
    const [found] = body.results[0].matches;
    expect(found).toMatchObject({ itemId: storedId, signal: 'vpdq', video: { rule: 'set' } });
    expect(found.distance).toBeLessThanOrEqual(31);
    expect(found.video.mirroredFrames).toBeUndefined();
    expect(found.video.queryShare).toBeGreaterThanOrEqual(0.8);
    // Seconds 3–10 of the stored clip, give or take a frame.
    expect(found.video.storedRange[0]).toBeGreaterThanOrEqual(2);
    expect(found.video.storedRange[1]).toBeLessThanOrEqual(11);
    expect(scratchEntries()).toEqual(before);
  });

  it('finds the clip inside a longer video by the segment rule, with where it is in both', async () => {
    const { status, body } = await upload(join(work, 'embedded.mp4'));
    expect(status, JSON.stringify(body)).toBe(200);
    const found = body.results[0].matches.find((m: { itemId: number }) => m.itemId === storedId);
    expect(found, JSON.stringify(body)).toMatchObject({ signal: 'vpdq', video: { rule: 'segment' } });
    expect(found.video.matchedSeconds).toBeGreaterThanOrEqual(5);
    // v003 starts 12.5 s into the host video: the two ranges are that far apart, and inside it.
    expect(Math.abs(found.video.queryRange[0] - found.video.storedRange[0] - 12.5)).toBeLessThanOrEqual(1);
    expect(found.video.queryRange[0]).toBeGreaterThanOrEqual(12);
    expect(found.video.queryRange[1]).toBeLessThanOrEqual(27);
  });

  it('finds a copy filmed in the dark (its frames under the quality floor) by the segment rule, a video stored so, and either flipped', async () => {
    // The victim's side: v027 (a 7 s pan over a photo), hashed by the CLI and submitted.
    const hash = (file: string) => {
      const { file: _file, width: _width, height: _height, ...item } = JSON.parse(execFileSync(process.execPath, [CLI, 'hash', file], { encoding: 'utf8' }).trim());
      return item as { frames: { quality: number; pdqMirrored?: string }[] };
    };
    const [itemId] = (await storeItems(server, [hash(clip('v027')) as any])).itemIds;
    // The copy at 15 % of its brightness: PDQ cannot rely on most of its frames any more.
    const dark = join(work, 'dark.mp4');
    ffmpeg('-i', clip('v027'), '-vf', darkenedFilter(0.15), '-c:v', 'libx264', '-crf', '29', '-an', dark);
    const darkItem = hash(dark);
    const dim = darkItem.frames.filter((f) => f.quality < 50);
    expect(dim.length, `qualities ${darkItem.frames.map((f) => f.quality)}`).toBeGreaterThan(darkItem.frames.length / 2);
    // A frame under the floor keeps its mirrored PDQ, so a dim copy can meet a dim one flipped.
    expect(dim.every((f) => f.quality < 1 || f.pdqMirrored !== undefined)).toBe(true);
    const { status, body } = await upload(dark);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.results[0].matches).toEqual([expect.objectContaining({ itemId, signal: 'vpdq', video: expect.objectContaining({ rule: 'segment' }) })]);
    expect(body.results[0].matches[0].distance).toBeLessThanOrEqual(24);
    expect(body.results[0].matches[0].video.matchedSeconds).toBeGreaterThanOrEqual(3);
    // The other way round: the victim holds only the dark video, and the clip is uploaded as it was.
    const [darkId] = (await storeItems(server, [darkItem as any])).itemIds;
    const bright = await upload(clip('v027'));
    expect(bright.status).toBe(200);
    const found = bright.body.results[0].matches.find((m: { itemId: number }) => m.itemId === darkId);
    expect(found, JSON.stringify(bright.body)).toMatchObject({ signal: 'vpdq', video: { rule: 'segment' } });
    expect(found.distance).toBeLessThanOrEqual(24);

    // Flipped as well: the dark copy meets the bright clip (the stored frames' mirror) and the dark one (its own mirror).
    const darkFlipped = join(work, 'dark-flipped.mp4');
    ffmpeg('-i', clip('v027'), '-vf', `${darkenedFilter(0.15)},hflip`, '-c:v', 'libx264', '-crf', '29', '-an', darkFlipped);
    const dimUpload = await upload(darkFlipped);
    expect(dimUpload.status, JSON.stringify(dimUpload.body)).toBe(200);
    for (const stored of [itemId, darkId]) {
      const flippedMatch = dimUpload.body.results[0].matches.find((m: { itemId: number }) => m.itemId === stored);
      expect(flippedMatch, `item ${stored}: ${JSON.stringify(dimUpload.body)}`).toMatchObject({ signal: 'vpdq', video: { rule: 'segment' } });
      expect(flippedMatch.distance).toBeLessThanOrEqual(24);
      expect(flippedMatch.video.mirroredFrames, `item ${stored}`).toBeGreaterThanOrEqual(3);
      expect(flippedMatch.video.underFloorFrames, `item ${stored}`).toBeGreaterThanOrEqual(3);
    }
    // And the clip uploaded flipped, as bright as it was, finds the dark video stored.
    const flipped = join(work, 'flipped-v027.mp4');
    ffmpeg('-i', clip('v027'), '-vf', 'hflip', '-c:v', 'libx264', '-crf', '23', '-an', flipped);
    const brightFlipped = await upload(flipped);
    const flippedFound = brightFlipped.body.results[0].matches.find((m: { itemId: number }) => m.itemId === darkId);
    expect(flippedFound, JSON.stringify(brightFlipped.body)).toMatchObject({ signal: 'vpdq', video: { rule: 'segment' } });
    expect(flippedFound.video.mirroredFrames).toBeGreaterThanOrEqual(3);
  });

  it('finds nothing in an unrelated clip', async () => {
    const { status, body } = await upload(clip('v010'));
    expect(status).toBe(200);
    expect(body.results[0].matches).toEqual([]);
  });

  it("explains a file ffmpeg cannot read, in ffmpeg's words", async () => {
    const { status, type, body } = await upload(join(repoRoot, 'fixtures/images/clip.mp4'));
    expect(status).toBe(415);
    expect(type).toMatch(/^application\/problem\+json/);
    expect(body.detail).toMatch(/^this file is not a video ffmpeg can read/);
  });

  it('says what to install when ffmpeg is missing', async () => {
    const saved = process.env.DISRUPT_FFMPEG;
    process.env.DISRUPT_FFMPEG = join(work, 'no-such-dir', 'ffmpeg');
    try {
      const { status, type, body } = await upload(join(work, 'trimmed.mp4'));
      expect(status).toBe(503);
      expect(type).toMatch(/^application\/problem\+json/);
      expect(body).toMatchObject({ status: 503, detail: FFMPEG_MISSING_MESSAGE });
    } finally {
      if (saved === undefined) delete process.env.DISRUPT_FFMPEG;
      else process.env.DISRUPT_FFMPEG = saved;
    }
  });
});
