/**
 * Videos through the victim page in Debian's Chromium: a corpus MP4 is fingerprinted by the
 * browser's own decoder (WebCodecs), an AVI (MPEG-4 Part 2, which Chromium cannot decode) by
 * ffmpeg.wasm served from our origin, both within a few bits of the CLI's frames; the review shows
 * frames, duration and sampling (two frames a second, and says when a long video is sampled more sparsely); only
 * fingerprints are sent (no 64-byte window of the file in any body); a video filmed in the dark is
 * protected, the review says how, and the clip as it was is found; cancel stops a video at once;
 * a 300 MB clip is hashed with the browser's memory staying under a stated bound.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VideoItem } from '@disrupt/hash-core';
import { describeWithShared, sharedPath } from '../../hash-core/src/test-support/shared.js';
import { startTestServer, type TestServer } from '../../server/test/helpers.js';
import { addPlatform } from '../../server/test/platform-helpers.js';
import { victimBodyProblems } from '../../server/test/victim-bodies.js';
import { audit } from './support/axe.js';
import { sharedWindow } from './support/byte-windows.js';
import { cliVideoItem, frameDistances } from './support/cli-video.js';
import { childrenResidentBytes } from './support/process-memory.js';
import { ClipFolder, hasFfmpeg } from './support/video-clips.js';
import { launchChromium, runInBrowser, VictimPage } from './support/victim-page.js';
import type { Browser } from 'playwright-core';

const describeBrowser = runInBrowser && hasFfmpeg ? describe : describe.skip;
const title = `videos on the victim page${runInBrowser ? '' : ' (skipped: /usr/bin/chromium not found)'}${hasFfmpeg ? '' : ' (skipped: ffmpeg not installed: apt-get install ffmpeg)'}`;

/** Frames of the same video decoded by Chromium and by the system ffmpeg: PDQ within this many bits (decoders round colours differently; measured 0–4). */
const FRAME_BITS = 16;
/**
 * While a ~300 MB clip is hashed, the browser's processes together may grow by at most this much.
 * Measured: 110–197 MB over 20 runs of a 10-minute clip on this machine (the decoders' own
 * buffers), 163 MB with this one. Holding the file, or its 300 sampled frames as decoded
 * (640×360 RGBA, 0.9 MB each), would add ~300 MB to that.
 */
const MEMORY_GROWTH_LIMIT = 250e6;
/** The page's own JavaScript heap (the main thread: hashing runs in a worker) stays under this. */
const PAGE_HEAP_LIMIT = 32e6;
/**
 * The long clips take 30–50 s alone and up to 60 s beside another test file on 2 cores: they get
 * the page's own 5-minute wait (`chooseFiles`), not the suite's 60 s.
 */
const LONG_CLIP_TIMEOUT = 300_000;

/** The sampled times of v003.mp4 (13.72 s) as the page stores videos: a frame every 0.5 s. */
const HALF_SECONDS = Array.from({ length: 28 }, (_, k) => k / 2);

/** The VideoItems the review step would send, from its exact-data view. */
async function reviewedItems(victim: VictimPage): Promise<VideoItem[]> {
  const text = await victim.page.locator('[data-exact-body]').textContent();
  return (JSON.parse(text ?? '{}') as { items: VideoItem[] }).items.filter((item) => item.type === 'video');
}

describeBrowser(title, () => {
  let server: TestServer;
  let browser: Browser;
  let clips: ClipFolder;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    clips = new ClipFolder();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    clips?.remove();
  });

  describeWithShared('with clips of the shared corpus', () => {
    const clip = () => sharedPath('corpus/videos/v003.mp4');

    it('fingerprints an MP4 with the browser decoder, shows it for review and sends fingerprints only', async () => {
      const victim = await VictimPage.open(server.url, { locale: 'en-GB', browser });
      try {
        await victim.start();
        await victim.page.locator('#show-previews').check(); // a video's preview is a blob: URL of our origin
        const [row] = await victim.chooseFiles([clip()]);
        expect(row).toMatchObject({ name: 'v003.mp4', state: 'done', alert: null });
        await victim.page.waitForFunction(() => (document.querySelector('video.preview') as HTMLVideoElement | null)?.readyState ?? 0 > 0);
        expect(await victim.page.locator('ol.files > li').getAttribute('data-decoder')).toBe('native');
        expect(victim.requests.filter((r) => /ffmpeg-core/.test(r.url))).toEqual([]); // the wasm is fetched only when needed

        await victim.toReview();
        const [item] = await reviewedItems(victim);
        expect(item).toMatchObject({ type: 'video', durationMs: 13_720, frameInterval: 0.5 });
        expect(item!.frames.map((f) => f.t)).toEqual(HALF_SECONDS);
        const [entry] = await victim.reviewEntries();
        expect(entry!.fields).toMatchObject({ frames: '28', duration: '14 s', sampling: 'two frames per second', sha256: item!.sha256, md5: item!.md5 });
        expect(await victim.page.locator('[data-sparse-note]').count()).toBe(0);

        const cli = cliVideoItem(clip());
        if (cli) {
          expect({ sha256: item!.sha256, md5: item!.md5, durationMs: item!.durationMs, times: item!.frames.map((f) => f.t) }).toEqual({ sha256: cli.sha256, md5: cli.md5, durationMs: cli.durationMs, times: cli.frames.map((f) => f.t) });
          const distances = frameDistances(item!, cli);
          console.info(`v003.mp4, page (Chromium) vs CLI (ffmpeg) frame PDQ distances: ${distances.join(' ')}`);
          expect(distances.filter((d) => d > FRAME_BITS)).toEqual([]);
        } else console.warn('the CLI does not hash videos yet: page vs CLI frame comparison skipped');

        expect(await victim.send()).toBe('created');
        const body = victim.requests.find((r) => r.method === 'POST' && r.url.endsWith('/v1/cases'))!.body!;
        expect(victimBodyProblems('POST', '/v1/cases', body)).toEqual([]);
        expect(sharedWindow(body, readFileSync(clip()))).toBe(-1);
        expect(body.toString()).not.toContain('v003');
        console.info(`sent ${body.length} bytes for a ${item!.frames.length}-frame video`);
        expect(victim.problems).toEqual([]);
      } finally {
        await victim.close();
      }
    });

    it('decodes with ffmpeg.wasm, from our origin, what the browser cannot play (AVI, MPEG-4 Part 2)', async () => {
      const avi = clips.avi(clip());
      const victim = await VictimPage.open(server.url, { locale: 'fr-FR', browser });
      try {
        await victim.start();
        const started = performance.now();
        const [row] = await victim.chooseFiles([avi], 180_000);
        const seconds = (performance.now() - started) / 1000;
        expect(row).toMatchObject({ state: 'done', alert: null });
        expect(await victim.page.locator('ol.files > li').getAttribute('data-decoder')).toBe('ffmpeg');
        const wasm = victim.requests.filter((r) => r.url.endsWith('.wasm')).map((r) => new URL(r.url));
        expect(wasm.map((url) => url.pathname)).toEqual([expect.stringMatching(/^\/assets\/ffmpeg-core-[\w-]+\.wasm$/)]);
        expect(wasm[0]!.origin).toBe(new URL(server.url).origin);

        await victim.toReview();
        const [item] = await reviewedItems(victim);
        expect(item!.frames.map((f) => f.t)).toEqual(HALF_SECONDS);
        console.info(`ffmpeg.wasm path: ${item!.frames.length} frames of a 960×540 AVI in ${seconds.toFixed(1)} s (pick to done, wasm load included)`);
        const cli = cliVideoItem(avi);
        if (cli) {
          const distances = frameDistances(item!, cli);
          console.info(`clip.avi, page (ffmpeg.wasm) vs CLI (ffmpeg) frame PDQ distances: ${distances.join(' ')}`);
          expect(distances.filter((d) => d > FRAME_BITS)).toEqual([]);
          expect({ sha256: item!.sha256, md5: item!.md5 }).toEqual({ sha256: cli.sha256, md5: cli.md5 });
        }
        expect(victim.problems).toEqual([]);
      } finally {
        await victim.close();
      }
    });
    it('reads WebM/VP9 with the browser decoder too, within a few bits of the CLI', async () => {
      const webm = clips.webm(clip());
      const victim = await VictimPage.open(server.url, { locale: 'en-GB', browser });
      try {
        await victim.start();
        expect((await victim.chooseFiles([webm])).map((r) => r.state)).toEqual(['done']);
        expect(await victim.page.locator('ol.files > li').getAttribute('data-decoder')).toBe('native');
        await victim.toReview();
        const [item] = await reviewedItems(victim);
        expect(item!.frames).toHaveLength(28);
        const cli = cliVideoItem(webm);
        if (cli) {
          const distances = frameDistances(item!, cli);
          console.info(`clip.webm (VP9), page vs CLI frame PDQ distances: ${distances.join(' ')}`);
          expect(distances.filter((d) => d > FRAME_BITS)).toEqual([]);
        } else console.warn('the CLI does not hash videos yet: page vs CLI frame comparison skipped');
      } finally {
        await victim.close();
      }
    });

    it('protects a video filmed in the dark, says what will be recognised, and a platform uploading the clip as it was finds it', async () => {
      const dark = clips.darkened(sharedPath('corpus/videos/v027.mp4'), 0.15);
      const victim = await VictimPage.open(server.url, { locale: 'en-GB', browser });
      try {
        await victim.start();
        expect((await victim.chooseFiles([dark])).map((r) => r.state)).toEqual(['done']);
        await victim.toReview();
        const [item] = await reviewedItems(victim);
        const qualities = item!.frames.map((f) => f.quality);
        expect(qualities.filter((q) => q < 50).length, `qualities ${qualities}`).toBeGreaterThan(qualities.length / 2);
        expect((await victim.reviewEntries()).map((e) => [e.name, e.dim, e.lowQuality])).toEqual([['dark.mp4', true, false]]);
        expect(await victim.page.locator('.fingerprints .warning').textContent()).toBe(
          'Much of this video is dark or has little detail. Its copies will still be recognised, re-encoded, resized, darker or brighter; a cropped or framed copy, or an excerpt of a few seconds, may not be.',
        );
        expect(await victim.send()).toBe('created');
      } finally {
        await victim.close();
      }
      const { auth } = await addPlatform(server, 'dark-clip-uploads', ['match']);
      const form = new FormData();
      form.append('file', new Blob([readFileSync(sharedPath('corpus/videos/v027.mp4'))]), 'upload.mp4');
      const response = await server.request('/v1/match/file', { method: 'POST', headers: auth, body: form });
      const body = (await response.json()) as { results: { matches: { signal: string; distance: number; video?: { rule: string } }[] }[] };
      expect(response.status, JSON.stringify(body)).toBe(200);
      expect(body.results[0]!.matches).toEqual([expect.objectContaining({ signal: 'vpdq', video: expect.objectContaining({ rule: 'segment' }) })]);
      expect(body.results[0]!.matches[0]!.distance).toBeLessThanOrEqual(24);
    });

    it('turns a phone video stored sideways as players (and ffmpeg) show it', async () => {
      const sideways = clips.sideways(clip());
      const upright = clips.upright(sideways);
      const victim = await VictimPage.open(server.url, { locale: 'en-GB', browser });
      try {
        await victim.start();
        expect((await victim.chooseFiles([sideways, upright, clip()])).map((r) => r.state)).toEqual(['done', 'done', 'done']);
        await victim.toReview();
        const [turned, reference, stored] = await reviewedItems(victim);
        const distances = frameDistances(turned!, reference!);
        console.info(`sideways.mp4 (rotation in its header) vs the same frames stored upright: ${distances.join(' ')}`);
        expect(distances.filter((d) => d > FRAME_BITS)).toEqual([]);
        // Not a test that cannot fail: unturned, the frames are far from upright ones.
        expect(Math.min(...frameDistances(stored!, reference!))).toBeGreaterThan(64);
      } finally {
        await victim.close();
      }
    });
  });

  it('says kindly when a file has no picture, or is a video nothing can read', async () => {
    const sound = clips.soundOnly();
    const broken = clips.longMp4(2, 'broken.mp4');
    const bytes = readFileSync(broken);
    bytes.fill(0x5a, 64); // the header survives, the rest is noise
    const damaged = `${clips.dir}/damaged.mp4`;
    (await import('node:fs')).writeFileSync(damaged, bytes);
    const victim = await VictimPage.open(server.url, { locale: 'fr-FR', browser });
    try {
      await victim.start();
      const rows = await victim.chooseFiles([sound, damaged], 180_000);
      expect(rows.map((r) => [r.state, r.code])).toEqual([
        ['error', 'no-picture'],
        ['error', 'video-unreadable'],
      ]);
      expect(rows[0]!.alert).toBe('Ce fichier ne contient pas d’image (peut-être seulement du son) : il n’y a rien à protéger.');
    } finally {
      await victim.close();
    }
  });

  it('stops a video at once when asked, and the next one is fingerprinted', async () => {
    const long = clips.longMp4(600, 'long.mp4');
    const short = clips.longMp4(3, 'short.mp4');
    const victim = await VictimPage.open(server.url, { locale: 'en-GB', browser });
    try {
      await victim.start();
      // Every text the progress line shows, as it changes.
      await victim.page.evaluate(() => {
        const seen: string[] = ((window as unknown as { progressTexts: string[] }).progressTexts = []);
        new MutationObserver(() => {
          const text = document.querySelector('ol.files > li [data-video-progress]')?.textContent;
          if (text && seen.at(-1) !== text) seen.push(text);
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      await victim.page.locator('#files').setInputFiles([long]);
      const progress = victim.page.locator('ol.files > li [data-video-progress]');
      await progress.waitFor({ timeout: 30_000 });
      await victim.page.waitForFunction(() => / of 1200 frames · .*left/.test(document.querySelector('ol.files > li [data-video-progress]')?.textContent ?? ''), null, { timeout: 30_000 });
      const text = await progress.textContent();
      expect(text).toMatch(/^\d+ of 1200 frames · about \d+ (s|min) left$/);
      // Before its length is read (long on a busy machine), the video is being read: never "0 of 0 frames".
      const texts = await victim.page.evaluate(() => (window as unknown as { progressTexts: string[] }).progressTexts);
      for (const seen of texts) expect(seen).toMatch(/^(Reading the video|\d+ of 1200 frames)( · about \d+ (s|min) left)?$/);
      expect(await audit(victim.page, 'choose, a video being fingerprinted')).toEqual([]);
      await victim.page.locator('#cancel-hashing').click();
      await victim.page.locator('ol.files > li[data-state="cancelled"]').waitFor({ timeout: 2_000 });
      const [, row] = await victim.chooseFiles([short]);
      expect(row).toBeUndefined(); // chooseFiles returns the rows it added: one
      expect((await victim.fileRows()).map((r) => r.state)).toEqual(['cancelled', 'done']);
    } finally {
      await victim.close();
    }
  });
  it('samples videos over half an hour more sparsely, says so, and sends them', async () => {
    // Over 3,600 frames at the page's 0.5 s: 40 minutes at 0.7 s (sparser than the page's sampling, if not than 1 s), an hour at 1.1 s.
    const hour = clips.longMp4(3700, 'hour.mp4', { size: '96x64', fps: 1 });
    const forty = clips.longMp4(2400, 'forty.mp4', { size: '96x64', fps: 1 });
    const victim = await VictimPage.open(server.url, { locale: 'fr-FR', browser });
    const note = (file: string) => victim.page.locator(`ol.fingerprints > li[data-file="${file}"] [data-sparse-note]`).textContent();
    try {
      await victim.start();
      expect((await victim.chooseFiles([hour, forty], 180_000)).map((r) => r.state)).toEqual(['done', 'done']);
      await victim.toReview();
      const [item, fortyItem] = await reviewedItems(victim);
      expect(item).toMatchObject({ durationMs: 3_700_000, frameInterval: 1.1 });
      expect(item!.frames).toHaveLength(3364);
      expect(item!.frames[1]!.t).toBe(1.1);
      expect(fortyItem).toMatchObject({ durationMs: 2_400_000, frameInterval: 0.7 });
      expect(fortyItem!.frames).toHaveLength(3429);
      expect(await note('hour.mp4')).toMatch(/^Cette vidéo est longue : pour que l’envoi reste léger, une image toutes les 1,1 secondes est prise \(au lieu de deux images par seconde\)\./);
      expect(await note('forty.mp4')).toMatch(/^Cette vidéo est longue : pour que l’envoi reste léger, une image toutes les 0,7 secondes est prise \(au lieu de deux images par seconde\)\./);
      const entries = await victim.reviewEntries();
      expect(entries.map((entry) => entry.fields)).toMatchObject([
        { frames: '3364', duration: '1 h 02', sampling: 'une image toutes les 1,1 secondes' },
        { frames: '3429', duration: '40 min', sampling: 'une image toutes les 0,7 secondes' },
      ]);
      await victim.page.locator('ol.fingerprints details summary').first().click(); // the frames, one per line
      expect(await audit(victim.page, 'review, long videos sampled sparsely')).toEqual([]);
      expect(await victim.send()).toBe('created');
      const body = victim.requests.find((r) => r.method === 'POST' && r.url.endsWith('/v1/cases'))!.body!;
      console.info(`an hour-long and a 40-minute video: ${item!.frames.length} + ${fortyItem!.frames.length} frames, ${(body.length / 1e6).toFixed(2)} MB sent`);
      expect(victimBodyProblems('POST', '/v1/cases', body)).toEqual([]);
    } finally {
      await victim.close();
    }
  }, LONG_CLIP_TIMEOUT);

  it('hashes a 300 MB clip with the memory of the browser bounded', async () => {
    // 2.5 minutes at 16 Mbit/s: the bytes of the 10-minute, 4 Mbit/s clip this test used to make,
    // a quarter of the frames to decode (the hour-long clip above is the long one).
    const big = clips.longMp4(150, 'big.mp4', { size: '640x360', fps: 10, bitrate: '16M', noise: true });
    const fileBytes = (await import('node:fs')).statSync(big).size;
    const victim = await VictimPage.open(server.url, { locale: 'en-GB', browser });
    try {
      await victim.start();
      const cdp = await victim.context.newCDPSession(victim.page);
      await cdp.send('Performance.enable');
      const pageHeap = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'JSHeapUsedSize')!.value;
      const baseline = childrenResidentBytes();
      let peak = baseline;
      let peakHeap = await pageHeap();
      const sampler = setInterval(() => {
        peak = Math.max(peak, childrenResidentBytes());
        void pageHeap().then((heap) => (peakHeap = Math.max(peakHeap, heap)), () => {});
      }, 250);
      const started = performance.now();
      try {
        expect((await victim.chooseFiles([big], 300_000)).map((r) => r.state)).toEqual(['done']);
      } finally {
        clearInterval(sampler);
      }
      const seconds = (performance.now() - started) / 1000;
      const growth = peak - baseline;
      console.info(
        `2.5-minute clip (${(fileBytes / 1e6).toFixed(0)} MB, 640×360): hashed in ${seconds.toFixed(1)} s; browser processes grew by at most ${(growth / 1e6).toFixed(0)} MB (limit ${MEMORY_GROWTH_LIMIT / 1e6}); page JS heap at most ${(peakHeap / 1e6).toFixed(1)} MB (limit ${PAGE_HEAP_LIMIT / 1e6})`,
      );
      expect(fileBytes).toBeGreaterThan(MEMORY_GROWTH_LIMIT); // holding the file would break the limit
      expect(growth).toBeLessThan(MEMORY_GROWTH_LIMIT);
      expect(peakHeap).toBeLessThan(PAGE_HEAP_LIMIT);
      await victim.toReview();
      expect((await reviewedItems(victim))[0]!.frames).toHaveLength(300);
    } finally {
      await victim.close();
    }
  }, LONG_CLIP_TIMEOUT);
});
