/**
 * `pnpm eval:video <folder> [--variants <dir>] [--keep-variants <dir>] [--query-interval <s>] [--stored-interval <s>] [--workers N] [--json <file>]`:
 * how well the service recognises edited copies of videos it holds (issue 8).
 *
 * The clips (`*.mp4` directly in the folder) are hashed with hash-core's hashVideoFile — the system
 * ffmpeg, as `disrupt hash`, at a frame every 0.5 s as the victims' page stores videos
 * (--stored-interval to change it) — and put into a fresh bank (a real server on a temporary
 * DATA_DIR) through POST /v1/cases as the victims' page sends them. Without --variants,
 * ../shared/corpus/make-video-variants.sh makes 8 copies per clip in a temporary folder: re-encode
 * (crf35), half size, first 2 s cut, 10 % crop, 15 fps, letterbox, VP9/WebM, and the clip embedded
 * in the middle of another clip (EMBEDDED.tsv names it); and here, `trim2.5` (2.5 s cut, off the
 * whole second; no target), `dark30` and `dark15` (the clip at 30 % and 15 % brightness: frames
 * under PDQ's quality floor). Each copy is hashed at 1 frame/s, as platforms do by default, and
 * queried through POST /v1/match with a platform key at the default thresholds (--query-interval:
 * the copies sampled more densely or sparsely, as a platform may with `disrupt hash --interval`).
 *
 * Prints per transform: recall (own original; embedded copies: and their host), the rule that
 * matched (set/segment), the seconds matched against those expected, host and placement for
 * embedded copies, false matches, frame distances to the original, the target and whether it is
 * met. Exit code 0 whatever the figures (it is a measurement).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseFolderCommand } from './lib/command-line.js';
import { formatVideoReport } from './eval/video-report.js';
import { runVideoEval } from './eval/video-run.js';

const USAGE = 'usage: pnpm eval:video <folder-of-mp4-clips> [--variants <dir>] [--keep-variants <dir>] [--query-interval <s>] [--stored-interval <s>] [--workers N] [--json <file>]';

const command = parseFolderCommand(USAGE, {
  variants: { type: 'string' },
  'keep-variants': { type: 'string' },
  workers: { type: 'string' },
  'query-interval': { type: 'string' },
  'stored-interval': { type: 'string' },
  json: { type: 'string' },
});
const parsed = command.values;
const workers = command.number('workers', parsed.workers, 'must be a positive integer', (n) => Number.isInteger(n) && n > 0);
const interval = (name: 'query-interval' | 'stored-interval') => command.number(name, parsed[name], 'is seconds between 0.1 and 60', (n) => n >= 0.1 && n <= 60);
const queryInterval = interval('query-interval');
const storedInterval = interval('stored-interval');
if (spawnSync('ffmpeg', ['-version']).status !== 0 || spawnSync('ffprobe', ['-version']).status !== 0) {
  console.error('eval:video needs ffmpeg and ffprobe: apt-get install ffmpeg');
  process.exit(1);
}

try {
  const report = await runVideoEval({
    originalsDir: resolve(command.folder),
    variantsDir: parsed.variants === undefined ? undefined : resolve(parsed.variants),
    keepVariants: parsed['keep-variants'] === undefined ? undefined : resolve(parsed['keep-variants']),
    queryInterval,
    storedInterval,
    workers,
    log: (line) => console.error(line),
  });
  console.log(formatVideoReport(report));
  if (parsed.json) {
    writeFileSync(parsed.json, JSON.stringify(report, null, 2) + '\n');
    console.error(`results written to ${parsed.json}`);
  }
} catch (error) {
  console.error(`eval:video: ${(error as Error).message}`);
  process.exit(1);
}
