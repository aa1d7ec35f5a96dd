/**
 * bench:video's browser part: the 60 s clip fingerprinted in Debian's Chromium (headless, never a
 * downloaded browser) by the page's real, built video worker (web/dist/assets/video.worker-*.js),
 * served with the page by the real server:
 *  - through the page's UI, as a victim does it (pick the file → "fingerprint ready");
 *  - by the worker spoken to directly with web/src/workers/video-protocol.ts, once with the
 *    browser's decoder (WebCodecs) and once sent straight to ffmpeg.wasm (the protocol's
 *    benchmark-only `decoder: 'ffmpeg'`; the page never sets it).
 * Each run starts a fresh worker, as the page does per video: ffmpeg.wasm's load is included.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VideoItem } from '@disrupt/hash-core';
import { chromium, type Page } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
// As web/test/support/victim-page.ts (not imported: web/test is the UI tests' territory).
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const CLIP_URL = '/__bench/clip.mp4';

export interface WorkerRun {
  seconds: number;
  decoder: string;
  item: VideoItem;
}

export interface BrowserFigures {
  browser: string;
  /** Pick → "fingerprint ready" on the page, seconds. */
  page: number;
  /** Best of the native runs. */
  native: WorkerRun;
  nativeRuns: number;
  wasm: WorkerRun;
}

/** Why the browser part cannot run here, or undefined when it can. */
export function browserBenchMissing(webDist: string): string | undefined {
  if (!existsSync(CHROMIUM)) return `Debian's Chromium is not at ${CHROMIUM} (apt-get install chromium)`;
  if (videoWorkerFile(webDist) === undefined) return `no built video worker in ${webDist}/assets (pnpm --filter ./web build)`;
  return undefined;
}

function videoWorkerFile(webDist: string): string | undefined {
  const assets = join(webDist, 'assets');
  const workers = existsSync(assets) ? readdirSync(assets).filter((f) => /^video\.worker-.*\.js$/.test(f)) : [];
  return workers.length === 1 ? workers[0] : undefined;
}

/** In the page: the clip fetched once (from this script's route), then one fresh worker per run. */
async function installHarness(page: Page, workerUrl: string): Promise<void> {
  await page.evaluate(
    async ({ workerUrl, clipUrl }) => {
      const clip = await (await fetch(clipUrl)).blob();
      const hash = (decoder: 'native' | 'ffmpeg') =>
        new Promise<{ ms: number; decoder: string; item: unknown }>((resolve, reject) => {
          const worker = new Worker(workerUrl, { type: 'module' });
          const start = performance.now();
          worker.onmessage = (event: MessageEvent<{ type: string; item?: unknown; decoder?: string; code?: string; detail?: string }>) => {
            const message = event.data;
            if (message.type === 'progress') return;
            const ms = performance.now() - start;
            worker.terminate();
            if (message.type === 'done') resolve({ ms, decoder: message.decoder!, item: message.item });
            else reject(new Error(`${message.code}: ${message.detail}`));
          };
          worker.onerror = (event) => (worker.terminate(), reject(new Error(event.message)));
          worker.postMessage(decoder === 'ffmpeg' ? { file: clip, decoder } : { file: clip });
        });
      (globalThis as unknown as { benchVideo: typeof hash }).benchVideo = hash;
    },
    { workerUrl, clipUrl: CLIP_URL },
  );
}

async function workerRun(page: Page, decoder: 'native' | 'ffmpeg'): Promise<WorkerRun> {
  const run = await page.evaluate((d) => (globalThis as unknown as { benchVideo: (d: string) => Promise<{ ms: number; decoder: string; item: unknown }> }).benchVideo(d), decoder);
  if (run.decoder !== decoder) throw new Error(`asked for the ${decoder} decoder, the worker used ${run.decoder}`);
  return { seconds: run.ms / 1000, decoder: run.decoder, item: run.item as VideoItem };
}

/** As a victim: welcome → consent → pick the clip; seconds until its row says the fingerprint is ready. */
async function pageRun(page: Page, origin: string, clip: string): Promise<number> {
  await page.goto(origin, { waitUntil: 'load' });
  await page.locator('[data-step="welcome"] .actions button.primary').click();
  await page.locator('#consent-person').check();
  await page.locator('#consent-understand').check();
  await page.locator('[data-step="consent"] button[type="submit"]').click();
  await page.locator('[data-step="choose"]').waitFor();
  const start = performance.now();
  await page.locator('#files').setInputFiles(clip);
  await page.locator('ol.files > li[data-state="done"], ol.files > li[data-state="error"]').waitFor({ timeout: 600_000 });
  const seconds = (performance.now() - start) / 1000;
  const state = await page.locator('ol.files > li').getAttribute('data-state');
  if (state !== 'done') throw new Error(`the page could not fingerprint the clip: ${await page.locator('ol.files > li').textContent()}`);
  return seconds;
}

export async function browserVideoBench(clip: string, webDist: string, nativeRuns: number): Promise<BrowserFigures> {
  const { startTestServer } = await import('../../server/test/helpers.js');
  const server = await startTestServer();
  const profile = mkdtempSync(join(tmpdir(), 'disrupt-bench-video-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.route(`${server.url}${CLIP_URL}`, (route) => route.fulfill({ status: 200, contentType: 'video/mp4', path: clip }));
    // tsx compiles with keepNames: functions passed to evaluate call an `__name` helper.
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    const seconds = await pageRun(page, server.url, clip);
    const browser = (await page.evaluate(() => navigator.userAgent)).match(/Chrome\/[\d.]+/)?.[0] ?? 'Chromium';
    await installHarness(page, `/assets/${videoWorkerFile(webDist)!}`);
    await workerRun(page, 'native'); // warm-up: the worker's code compiled and cached
    let native: WorkerRun | undefined;
    for (let r = 0; r < nativeRuns; r++) {
      const run = await workerRun(page, 'native');
      if (!native || run.seconds < native.seconds) native = run;
    }
    const wasm = await workerRun(page, 'ffmpeg');
    return { browser, page: seconds, native: native!, nativeRuns, wasm };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await server.close();
  }
}
