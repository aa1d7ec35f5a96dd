/**
 * `pnpm bench:web [--repeat N] [--no-build]`: how long the page's hashing worker takes per photo in
 * a real browser (Debian's Chromium, headless, never a downloaded one), on
 * ../shared/corpus/large/Altai.jpg (5120×2880, 14.7 MP; target ≤ 250 ms), 20 photos of
 * ../shared/corpus/images, and the same 20 as phone screenshots and turned 3° on black (made for
 * the run), against the browser's own decode-only baseline measured in the same run. Medians and minimums of N runs (9 by default) after 2 warm-ups.
 *
 * Independent of the page's UI: the built page is served by the real server, and inside it the
 * built worker (web/dist/assets/hash.worker-*.js) is started directly and spoken to with the
 * protocol of web/src/workers/hash-protocol.ts. The stage breakdown comes from a bench-only worker
 * (scripts/lib/bench-web-stages.ts, bundled here from hash-core's sources with the esbuild that
 * tsx ships) that repeats decode-image.ts's and imageItem's calls one by one with a timer.
 * Every hash the browser computes is compared with the CLI's (`disrupt hash`, sharp).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { sharpVariants } from './eval/variants.js';
import type { StageResponse, StageTimes } from './lib/bench-web-stages.js';

const root = resolve(import.meta.dirname, '..');
const shared = resolve(root, '../shared');
const CHROMIUM = '/usr/bin/chromium';
// As web/test/support/hash-page.ts (not imported: web/test is the UI tests' territory).
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const LARGE = 'large/Altai.jpg';
const TARGET_MS = 250;
const MIXED_COUNT = 20;
const WARMUPS = 2;
/** Name prefix of the screenshots made for the run (served like the corpus files). */
const SCREENS = 'screens';

const args = process.argv.slice(2).filter((a) => a !== '--');
const repeatAt = args.indexOf('--repeat');
const repeat = repeatAt >= 0 ? Number(args[repeatAt + 1]) : 9;
const build = !args.includes('--no-build');

if (!existsSync(join(shared, 'corpus', LARGE))) {
  console.log(`bench:web: skipped — it needs the shared corpus at ${shared}/corpus (not present)`);
  process.exit(0);
}
if (!existsSync(CHROMIUM)) {
  console.error(`bench:web needs Debian's Chromium at ${CHROMIUM} (apt-get install chromium)`);
  process.exit(1);
}

// ------------------------------------------------------------------ Node side: files, page, worker

/** Corpus paths (relative to ../shared/corpus): the large photo, then 20 spread over images/. */
function pickFiles(): { large: string; mixed: string[] } {
  const all = readdirSync(join(shared, 'corpus/images')).filter((f) => /\.jpe?g$/i.test(f)).sort();
  const step = all.length / MIXED_COUNT;
  const mixed = Array.from({ length: MIXED_COUNT }, (_, i) => `images/${all[Math.floor(i * step)]!}`);
  return { large: LARGE, mixed };
}

async function bundleStageWorker(): Promise<string> {
  // esbuild is not a dependency of ours; tsx, which runs this script, carries it.
  const fromTsx = createRequire(createRequire(import.meta.url).resolve('tsx/package.json'));
  const esbuild = (await import(pathToFileURL(fromTsx.resolve('esbuild')).href)) as {
    build(options: Record<string, unknown>): Promise<{ outputFiles: { text: string }[] }>;
  };
  const result = await esbuild.build({
    entryPoints: [join(import.meta.dirname, 'lib/bench-web-stages.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['source'], // hash-core's TypeScript, as the tests use it
    logLevel: 'error',
  });
  return result.outputFiles[0]!.text;
}

function builtWorkerUrl(): string {
  const assets = join(root, 'web/dist/assets');
  const workers = existsSync(assets) ? readdirSync(assets).filter((f) => /^hash\.worker-.*\.js$/.test(f)) : [];
  if (workers.length !== 1) throw new Error(`expected one hash.worker-*.js in ${assets}, found ${workers.length} (run pnpm -s -r build)`);
  return `/assets/${workers[0]}`;
}

// ------------------------------------------------------------------ in the page

interface ItemFields {
  pdq: string;
  quality: number;
  blockhash: string;
  md5: string;
  sha256: string;
}

interface Harness {
  /** One request to the built hashing worker, timed in the page from post to answer. */
  hash(name: string): Promise<{ ms: number; width: number; height: number; item: ItemFields }>;
  /** One request to the bench worker: its own per-stage times. */
  stages(name: string, mode: 'decode' | 'stages'): Promise<StageResponse>;
}

/** Fetches the files (served by a route of this script) and starts both workers in the page. */
async function installHarness(page: Page, names: string[], workerUrl: string, stagesCode: string): Promise<void> {
  await page.evaluate(async ({ names, workerUrl, stagesCode }) => {
    const files = new Map<string, ArrayBuffer>();
    for (const name of names) files.set(name, await (await fetch(`/__bench/${name}`)).arrayBuffer());
    const stagesUrl = URL.createObjectURL(new Blob([stagesCode], { type: 'text/javascript' }));
    const hashWorker = new Worker(workerUrl, { type: 'module' });
    const stageWorker = new Worker(stagesUrl, { type: 'module' });
    // One request at a time per worker, as the page's bridge does.
    const ask = <T>(worker: Worker, message: Record<string, unknown>, buffer: ArrayBuffer): Promise<T> =>
      new Promise((resolve, reject) => {
        worker.onmessage = (event: MessageEvent<T>) => resolve(event.data);
        worker.onerror = (event) => reject(new Error(event.message));
        worker.postMessage(message, [buffer]);
      });
    let id = 0;
    const harness: Harness = {
      async hash(name) {
        const bytes = files.get(name)!.slice(0); // a fresh copy to transfer, outside the timer
        const start = performance.now();
        const response = await ask<{ ok: boolean; item: ItemFields; width: number; height: number; detail?: string }>(
          hashWorker, { id: ++id, bytes, type: 'image/jpeg', dihedral: false }, bytes);
        const ms = performance.now() - start;
        if (!response.ok) throw new Error(`${name}: ${response.detail}`);
        return { ms, width: response.width, height: response.height, item: response.item };
      },
      stages(name, mode) {
        const bytes = files.get(name)!.slice(0);
        return ask<StageResponse>(stageWorker, { mode, bytes, type: 'image/jpeg' }, bytes);
      },
    };
    (globalThis as unknown as { bench: Harness }).bench = harness;
  }, { names, workerUrl, stagesCode });
}

const hashIn = (page: Page, name: string) => page.evaluate((n) => (globalThis as unknown as { bench: Harness }).bench.hash(n), name);

async function stagesIn(page: Page, name: string, mode: 'decode' | 'stages'): Promise<Extract<StageResponse, { ok: true }>> {
  const response = await page.evaluate(([n, m]) => (globalThis as unknown as { bench: Harness }).bench.stages(n, m), [name, mode] as const);
  if (!response.ok) throw new Error(`${name}: ${response.error}`);
  return response;
}

// ------------------------------------------------------------------ figures

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const ms = (x: number): string => `${x.toFixed(1).padStart(7)} ms`;
const STAGES: [keyof StageTimes, string][] = [
  ['decode', 'decode (createImageBitmap)'],
  ['pixels', 'draw + getImageData'],
  ['resize', 'pre-resize to 2048 px'],
  ['blockhash', 'blockhash-256'],
  ['pdq', 'PDQ'],
  ['perceptual', 'blockhash + PDQ + variants'],
  ['digests', 'SHA-256 + MD5 (alone)'],
];
/** The stages of the plain pipeline, without the digests (the worker computes them during the decode). */
const PLAIN: (keyof StageTimes)[] = ['decode', 'pixels', 'resize', 'blockhash', 'pdq'];
const WITH_VARIANTS: (keyof StageTimes)[] = ['decode', 'pixels', 'resize', 'perceptual'];

/**
 * Median per stage over runs (each run already per photo), then the plain pipeline (decode to
 * PDQ) against the one the page runs (decode, then blockhash, PDQ and the variants): the issue's
 * "within 2× of plain PDQ", measured in the same runs.
 */
function stageTable(runs: StageTimes[]): void {
  const m = Object.fromEntries(STAGES.map(([key]) => [key, median(runs.map((r) => r[key]))])) as unknown as StageTimes;
  for (const [key, label] of STAGES) console.log(`    ${label.padEnd(28)}${ms(m[key])}`);
  const sum = (keys: (keyof StageTimes)[]) => keys.reduce((total, key) => total + m[key], 0);
  const plain = sum(PLAIN);
  const withVariants = sum(WITH_VARIANTS);
  console.log(`    ${'plain pipeline'.padEnd(28)}${ms(plain)}  (decode to PDQ; the digests run during the decode)`);
  console.log(`    ${'with the variants'.padEnd(28)}${ms(withVariants)}  ${(withVariants / plain).toFixed(2)}× the plain pipeline (target ≤ 2×); hashing alone ${(m.perceptual / (m.blockhash + m.pdq)).toFixed(2)}×`);
}

const perPhoto = (times: StageTimes[]): StageTimes => {
  const out = Object.fromEntries(STAGES.map(([key]) => [key, 0])) as unknown as StageTimes;
  for (const t of times) for (const [key] of STAGES) out[key] += t[key] / times.length;
  return out;
};

/** The CLI's fields for each file, to compare with the browser's. */
function cliItems(paths: string[]): Map<string, ItemFields> {
  const out = execFileSync('node', [join(root, 'server/dist/cli/main.js'), 'hash', ...paths], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return new Map(out.trim().split('\n').map((line) => {
    const { file, width: _width, height: _height, ...item } = JSON.parse(line) as ItemFields & { file: string; width: number; height: number };
    return [file, item];
  }));
}

/**
 * The same values in `fields` (default: every field of either, so the variants too, and a variant
 * present on one side only differs).
 */
function sameItem(a: ItemFields, b: ItemFields, fields = new Set([...Object.keys(a), ...Object.keys(b)])): boolean {
  return [...fields].every((field) => (a as unknown as Record<string, unknown>)[field] === (b as unknown as Record<string, unknown>)[field]);
}

// ------------------------------------------------------------------ run

if (build) {
  try {
    execFileSync('pnpm', ['-s', '-r', 'build'], { cwd: root, stdio: 'inherit' });
  } catch {
    // The page's UI may be mid-rewrite; the worker in the last good build is still measurable.
    console.error('bench:web: `pnpm -s -r build` failed (above): measuring the existing web/dist, which may predate the sources');
  }
}
const { large, mixed } = pickFiles();
// The same 20 photos as phone screenshots (eval:images' maker): what a picture with bars costs,
// its trimmed and framed hashes cut from its pixels.
const screensDir = mkdtempSync(join(tmpdir(), 'disrupt-bench-screens-'));
const screens: string[] = [];
// And the same turned 3° on black (eval:images' rotm3): what finding and straightening a tilted picture costs.
const tilted: string[] = [];
for (const name of mixed) {
  const id = basename(name).replace(/\.[^.]+$/, '');
  await sharpVariants({ id, file: join(shared, 'corpus', name) }, screensDir);
  screens.push(`${SCREENS}/${id}__screenshot.png`);
  tilted.push(`${SCREENS}/${id}__rotm3.jpg`);
}
const names = [large, ...mixed, ...screens, ...tilted];
const pathOf = (name: string) => (name.startsWith(`${SCREENS}/`) ? join(screensDir, name.slice(SCREENS.length + 1)) : join(shared, 'corpus', name));
const bytesOf = new Map(names.map((n) => [n, readFileSync(pathOf(n))]));
const stagesCode = await bundleStageWorker();
const { startTestServer } = await import('../server/test/helpers.js');
const server = await startTestServer();
const profile = mkdtempSync(join(tmpdir(), 'disrupt-bench-chromium-'));
const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.route(`${server.url}/__bench/**`, (route) => {
    const name = decodeURIComponent(new URL(route.request().url()).pathname.slice('/__bench/'.length));
    return route.fulfill({ status: 200, contentType: name.endsWith('.png') ? 'image/png' : 'image/jpeg', body: bytesOf.get(name)! });
  });
  // tsx compiles with keepNames: functions passed to evaluate call an `__name` helper.
  await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  const response = await page.goto(server.url, { waitUntil: 'load' });
  if (!response?.ok()) throw new Error(`GET ${server.url}: ${response?.status()}`);
  await installHarness(page, names, builtWorkerUrl(), stagesCode);
  const browser = (await page.evaluate(() => navigator.userAgent)).match(/Chrome\/[\d.]+/)?.[0] ?? 'Chromium';
  console.log(`bench:web — ${browser} headless, node ${process.version}, ${availableParallelism()} cores; median (min) of ${repeat} runs after ${WARMUPS} warm-ups`);

  const browserItems = new Map<string, ItemFields>();
  const check = (name: string, item: ItemFields): void => {
    // The bench worker gives the five plain fields, the built one the whole Item: compare what both have, keep the whole.
    const seen = browserItems.get(name);
    const both = seen && new Set(Object.keys(item).filter((field) => field in seen));
    if (seen && !sameItem(seen, item, both)) throw new Error(`${name}: the two workers disagree: ${JSON.stringify(seen)} vs ${JSON.stringify(item)}`);
    if (!seen || Object.keys(item).length > Object.keys(seen).length) browserItems.set(name, item);
  };

  // The large photo: the three measurements interleave, so noise on the machine hits all alike.
  const endToEnd: number[] = [];
  const decodeOnly: number[] = [];
  const stages: StageTimes[] = [];
  let size = '';
  for (let r = -WARMUPS; r < repeat; r++) {
    const e2e = await hashIn(page, large);
    const dec = await stagesIn(page, large, 'decode');
    const st = await stagesIn(page, large, 'stages');
    check(large, e2e.item);
    check(large, st.hashes!);
    size = `${e2e.width}×${e2e.height}, ${((e2e.width * e2e.height) / 1e6).toFixed(1)} MP, ${Math.round(bytesOf.get(large)!.length / 1024)} KB`;
    if (r < 0) continue;
    endToEnd.push(e2e.ms);
    decodeOnly.push(dec.ms.decode);
    stages.push(st.ms);
  }
  const e2eMedian = median(endToEnd);
  const decMedian = median(decodeOnly);
  console.log(`\n${basename(large)} (${size})`);
  console.log(`  decode only (createImageBitmap)  ${ms(decMedian)} (min ${Math.min(...decodeOnly).toFixed(1)})`);
  console.log(`  end to end (built hash worker)   ${ms(e2eMedian)} (min ${Math.min(...endToEnd).toFixed(1)})  ${(e2eMedian / decMedian).toFixed(2)}× decode-only`);
  console.log(`  target ≤ ${TARGET_MS} ms: ${e2eMedian <= TARGET_MS ? 'met' : 'NOT met'}`);
  console.log('  stages (bench worker, same calls, medians):');
  stageTable(stages);

  // 20 small photos, then the same as screenshots: each pass hashes all of them; figures are per photo.
  const perPhotoPasses = async (files: string[], label: string) => {
    const passE2e: number[] = [];
    const passDecode: number[] = [];
    const passStages: StageTimes[] = [];
    let megapixels = 0;
    for (let r = -WARMUPS; r < repeat; r++) {
      let e2e = 0;
      let dec = 0;
      const st: StageTimes[] = [];
      megapixels = 0;
      for (const name of files) {
        const h = await hashIn(page, name);
        e2e += h.ms;
        check(name, h.item);
        megapixels += (h.width * h.height) / 1e6;
        dec += (await stagesIn(page, name, 'decode')).ms.decode;
        const s = await stagesIn(page, name, 'stages');
        check(name, s.hashes!);
        st.push(s.ms);
      }
      if (r < 0) continue;
      passE2e.push(e2e / files.length);
      passDecode.push(dec / files.length);
      passStages.push(perPhoto(st));
    }
    const e2eMedianOfPasses = median(passE2e);
    const decMedianOfPasses = median(passDecode);
    console.log(`\n${label}: ${files.length} pictures, ${megapixels.toFixed(2)} MP in all (per picture)`);
    console.log(`  decode only (createImageBitmap)  ${ms(decMedianOfPasses)} (min ${Math.min(...passDecode).toFixed(1)})`);
    console.log(`  end to end (built hash worker)   ${ms(e2eMedianOfPasses)} (min ${Math.min(...passE2e).toFixed(1)})  ${(e2eMedianOfPasses / decMedianOfPasses).toFixed(2)}× decode-only`);
    console.log('  stages (bench worker, same calls, medians):');
    stageTable(passStages);
  };
  await perPhotoPasses(mixed, 'corpus/images');
  await perPhotoPasses(screens, 'the same photos as phone screenshots (720 × 1560 PNG, eval:images\' screenshot)');
  await perPhotoPasses(tilted, 'the same photos turned 3° on black (eval:images\' rotm3)');

  // The browser's hashes must be the CLI's, bit for bit.
  const cli = cliItems(names.map(pathOf));
  const differ = names.filter((n) => !sameItem(browserItems.get(n)!, cli.get(pathOf(n))!));
  console.log(differ.length === 0
    ? `\nhashes: the built worker, the bench worker and the CLI agree on all ${names.length} files`
    : `\nhashes: DIFFERENT from the CLI on ${differ.join(', ')}`);
  if (differ.length > 0) process.exitCode = 1;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  rmSync(screensDir, { recursive: true, force: true });
  await server.close();
}
