/**
 * `pnpm bench:video [--repeat N]`: how long hashing a 60 s 720p H.264 video at 1 frame/s takes,
 * and its real-time factor (video seconds per second of hashing). The clip is made once with
 * ffmpeg from ../shared/corpus/videos (clips scaled to 1280×720 at 30 fps and joined), cached in
 * .cache/bench-video/. Measured in the same run:
 *  - ffmpeg decoding every frame, nothing else (the floor any hasher of this file pays);
 *  - ffmpeg decoding and converting the sampled frames to RGB (what our pipeline reads);
 *  - hashVideoFile in this process (decode + PDQ and frame variants + MD5/SHA-256);
 *  - the CLI, `disrupt hash <clip>`, as a user runs it (process start included).
 * Target (issue 8): ≤ 5 s for the CLI. Runs against the built packages (`pnpm install` builds them).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hashVideoFile } from '@disrupt/hash-core/node';

const root = resolve(import.meta.dirname, '..');
const corpus = resolve(root, '../shared/corpus/videos');
const cacheDir = join(root, '.cache/bench-video');
const clip = join(cacheDir, 'clip-60s-720p.mp4');
const CLIP_SECONDS = 60;
const repeatArg = process.argv.indexOf('--repeat');
const repeat = repeatArg > 0 ? Number(process.argv[repeatArg + 1]) : 3;

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

function report(label: string, seconds: number, note = ''): void {
  console.log(`  ${label.padEnd(46)} ${seconds.toFixed(2).padStart(6)} s  ${(duration / seconds).toFixed(1).padStart(5)}× real time${note}`);
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
console.log(`${clip}: ${duration.toFixed(1)} s, 1280×720 H.264, 30 fps; 1 frame/s; best of ${repeat} after a warm-up\n`);

report('ffmpeg: decode every frame (floor)', await time(() => ffmpeg(['-i', clip, '-f', 'null', '-'])));
report('ffmpeg: decode, 1 frame/s to RGB24', await time(() => ffmpeg(['-i', clip, '-vf', 'fps=1:round=up,scale=1280:720:flags=area,format=rgb24', '-f', 'null', '-'])));
let frames = 0;
report('hashVideoFile (decode + PDQ + variants + digests)', await time(async () => (frames = (await hashVideoFile(clip)).item.frames.length)), `  (${frames} frames)`);
const cli = join(root, 'server/dist/cli/main.js');
const cliSeconds = await time(() => {
  const run = spawnSync(process.execPath, [cli, 'hash', clip], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`disrupt hash failed: ${run.stdout}${run.stderr}`);
});
report('CLI: disrupt hash <clip>', cliSeconds, `  target ≤ 5 s: ${cliSeconds <= 5 ? 'met' : 'MISSED'}`);
