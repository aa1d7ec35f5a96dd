/**
 * `pnpm bench:video [--repeat N]`: how long hashing a 60 s 720p H.264 video takes (the CLI at 1 frame/s, the page at its 2),
 * and its real-time factor (video seconds per second of hashing). The clip is made once with
 * ffmpeg from ../shared/corpus/videos (clips scaled to 1280×720 at 30 fps and joined), cached in
 * .cache/bench-video/. Measured in the same run:
 *  - ffmpeg decoding every frame, nothing else (the floor any hasher of this file pays);
 *  - ffmpeg decoding and converting the sampled frames to RGB (what our pipeline reads);
 *  - hashVideoFile in this process (decode + PDQ and frame variants + MD5/SHA-256);
 *  - the CLI, `disrupt hash <clip>`, as a user runs it (process start included);
 *  - in headless Chromium (scripts/lib/bench-video-browser.ts): the page's UI, and its built
 *    video worker with the browser's decoder and with ffmpeg.wasm (`--no-browser` skips these).
 * Every row also gives its ratio to the first (ffmpeg's decode alone, the same run), so figures
 * taken on a busy machine can still be compared; the load average is printed before and after.
 * Targets (issue 8): ≤ 5 s for the CLI, ≤ 15 s in the browser's native path. Runs against the
 * built packages (`pnpm install` builds them; `pnpm --filter ./web build` for the page).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { hamming, STORED_FRAME_INTERVAL, type VideoItem } from '@disrupt/hash-core';
import { hashVideoFile } from '@disrupt/hash-core/node';
import { browserBenchMissing, browserVideoBench } from './lib/bench-video-browser.js';

const root = resolve(import.meta.dirname, '..');
const corpus = resolve(root, '../shared/corpus/videos');
const cacheDir = join(root, '.cache/bench-video');
const clip = join(cacheDir, 'clip-60s-720p.mp4');
const CLIP_SECONDS = 60;
const repeatArg = process.argv.indexOf('--repeat');
const repeat = repeatArg > 0 ? Number(process.argv[repeatArg + 1]) : 3;
const withBrowser = !process.argv.includes('--no-browser');
const webDist = join(root, 'web/dist');
const BROWSER_TARGET_SECONDS = 15;
const CLI_TARGET_SECONDS = 5;

function ffprobeSeconds(file: string): number {
  return Number(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file], { encoding: 'utf8' }).trim());
}

/** Joins corpus clips, each scaled (and padded) to 1280×720 at 30 fps, until 60 s. */
function makeClip(): void {
  if (existsSync(clip)) return;
  mkdirSync(cacheDir, { recursive: true });
  const inputs: string[] = [];
  let seconds = 0;
  for (const name of readdirSync(corpus).filter((f) => f.endsWith('.mp4')).sort()) {
    if (seconds >= CLIP_SECONDS) break;
    inputs.push(join(corpus, name));
    seconds += ffprobeSeconds(join(corpus, name));
  }
  const scaled = inputs.map((_, i) => `[${i}:v]scale=1280:720:force_original_aspect_ratio=decrease,pad=1280:720:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=30,format=yuv420p[v${i}]`);
  const joined = `${inputs.map((_, i) => `[v${i}]`).join('')}concat=n=${inputs.length}:v=1:a=0[out]`;
  const partial = `${clip}.part.mp4`;
  console.log(`making ${clip} from ${inputs.length} corpus clips…`);
  execFileSync('ffmpeg', ['-v', 'error', '-y', ...inputs.flatMap((f) => ['-i', f]), '-filter_complex', [...scaled, joined].join(';'), '-map', '[out]', '-t', String(CLIP_SECONDS), '-c:v', 'libx264', '-preset', 'medium', '-crf', '20', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', partial]);
  renameSync(partial, clip);
}

/** Best of `repeat` runs after a warm-up, in seconds. */
async function time(run: () => unknown): Promise<number> {
  await run();
  let best = Infinity;
  for (let r = 0; r < repeat; r++) {
    const start = performance.now();
    await run();
    best = Math.min(best, performance.now() - start);
  }
  return best / 1000;
}

function ffmpeg(args: string[]): void {
  const run = spawnSync('ffmpeg', ['-v', 'error', '-nostdin', ...args]);
  if (run.status !== 0) throw new Error(`ffmpeg failed: ${run.stderr}`);
}

/** The first row reported: every other row is also given as a multiple of it. */
let baseline: number | undefined;

function report(label: string, seconds: number, note = ''): void {
  baseline ??= seconds;
  const ratio = `${(seconds / baseline).toFixed(1).padStart(5)}× baseline`;
  console.log(`  ${label.padEnd(50)} ${seconds.toFixed(2).padStart(6)} s  ${(duration / seconds).toFixed(1).padStart(5)}× real time  ${ratio}${note}`);
}

const load = () => `load average ${loadavg().map((x) => x.toFixed(2)).join(', ')} on ${availableParallelism()} cores`;

/** Frame by frame against the CLI's item (same times): how many, and PDQ distances. */
function agreement(item: VideoItem, cli: VideoItem): string {
  const byTime = new Map(cli.frames.map((f) => [f.t, f.pdq]));
  const distances = item.frames.flatMap((f) => (byTime.has(f.t) ? [hamming(f.pdq, byTime.get(f.t)!)] : [])).sort((a, b) => a - b);
  const median = distances[distances.length >> 1] ?? NaN;
  return `${item.frames.length} frames (CLI ${cli.frames.length}), ${distances.length} at the same times: PDQ distance to the CLI's median ${median}, max ${distances.at(-1)}`;
}

if (spawnSync('ffmpeg', ['-version']).status !== 0) {
  console.error('bench:video needs ffmpeg (apt-get install ffmpeg)');
  process.exit(1);
}
if (!existsSync(corpus)) {
  console.error(`bench:video needs the corpus videos at ${corpus}`);
  process.exit(1);
}
makeClip();
const duration = ffprobeSeconds(clip);
console.log(`${clip}: ${duration.toFixed(1)} s, 1280×720 H.264, 30 fps; 1 frame/s; best of ${repeat} after a warm-up (unless said)`);
console.log(`before: ${load()}\n`);

report('ffmpeg: decode every frame (floor)', await time(() => ffmpeg(['-i', clip, '-f', 'null', '-'])));
report('ffmpeg: decode, 1 frame/s to RGB24', await time(() => ffmpeg(['-i', clip, '-vf', 'fps=1:round=up,scale=1280:720:flags=area,format=rgb24', '-f', 'null', '-'])));
let cliItem: VideoItem | undefined;
report('hashVideoFile (decode + PDQ + variants + digests)', await time(async () => (cliItem = (await hashVideoFile(clip)).item)), `  (${cliItem!.frames.length} frames)`);
const cli = join(root, 'server/dist/cli/main.js');
const cliSeconds = await time(() => {
  const run = spawnSync(process.execPath, [cli, 'hash', clip], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`disrupt hash failed: ${run.stdout}${run.stderr}`);
});
report('CLI: disrupt hash <clip>', cliSeconds, `  target ≤ ${CLI_TARGET_SECONDS} s: ${cliSeconds <= CLI_TARGET_SECONDS ? 'met' : 'MISSED'}`);

const missing = withBrowser ? browserBenchMissing(webDist) : '--no-browser';
if (missing) {
  console.log(`\nbrowser: skipped (${missing})`);
} else {
  const nativeRuns = Math.min(repeat, 2); // a browser run is long: fewer repeats
  const figures = await browserVideoBench(clip, webDist, nativeRuns);
  console.log(`\nbrowser: ${figures.browser} headless, the built page and video worker served by the real server`);
  console.log(`  the page stores a frame every ${STORED_FRAME_INTERVAL} s (${(figures.native.item as VideoItem).frames.length} frames here), the CLI one per second`);
  report('page: pick → fingerprint ready (native, cold)', figures.page, `  target ≤ ${BROWSER_TARGET_SECONDS} s: ${figures.page <= BROWSER_TARGET_SECONDS ? 'met' : 'MISSED'}`);
  report(`video worker, browser decoder (best of ${figures.nativeRuns})`, figures.native.seconds, `  target ≤ ${BROWSER_TARGET_SECONDS} s: ${figures.native.seconds <= BROWSER_TARGET_SECONDS ? 'met' : 'MISSED'}`);
  report('video worker, ffmpeg.wasm (1 run, load included)', figures.wasm.seconds, `  ${(figures.wasm.seconds / figures.native.seconds).toFixed(1)}× the browser decoder`);
  console.log(`  browser decoder: ${agreement(figures.native.item, cliItem!)}`);
  console.log(`  ffmpeg.wasm:     ${agreement(figures.wasm.item, cliItem!)}`);
}
console.log(`\nafter: ${load()}`);
