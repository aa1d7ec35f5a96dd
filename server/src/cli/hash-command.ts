import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { MIN_FRAME_INTERVAL, toVpdqText } from '@disrupt/hash-core';
import { HashPool, type HashOutcome } from '@disrupt/hash-core/node';
import { collectFiles } from './collect-files.js';
import { hashVideoTarget, isVideoFile, type VideoOutcome } from './hash-video.js';
import { createProgress } from './progress.js';
import { UsageError } from './usage-error.js';

export const HASH_USAGE = `disrupt hash [--dihedral] [--interval <s>] [--format json|vpdq] <file-or-folder>...
  Prints one JSON object per line and file, in a stable order (folders recursively, sorted):
  image: {"file","type":"image","width","height","sha256","md5","pdq","quality","blockhash",…}
  video: {"file","type":"video","width","height","sha256","md5","durationMs","frameInterval",
          "frames":[{"t","pdq","quality",…}]}   (t in seconds; frames under quality 50 match closer)
  --dihedral        for matching: also print "dihedral" for images, the PDQ of the 8 rotations and
                    flips, and "mirrored", variants of the picture flipped (a flipped copy cut or framed)
  --interval <s>    seconds between the video frames hashed (default 1, at least ${MIN_FRAME_INTERVAL}); a video
                    over an hour is sampled more sparsely, to at most 3600 frames, and a note says so
  --format vpdq     print Meta's vPDQ text of one video (frameNumber,quality,hash,timestamp lines)
  A file that cannot be hashed prints {"file","error"}; the others are still hashed, and the exit
  code is 1. Images and videos are decoded locally (videos with the system's ffmpeg: apt-get
  install ffmpeg, or DISRUPT_FFMPEG=/path/to/ffmpeg); nothing is sent anywhere.
`;

type Outcome = HashOutcome | VideoOutcome;

function outputLine(file: string, outcome: Outcome): string {
  if (!outcome.ok) return JSON.stringify({ file, error: outcome.error });
  const { item, width, height } = outcome.value;
  const { type, ...signals } = item;
  return JSON.stringify({ file, type, width, height, ...signals });
}

function parseInterval(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds < MIN_FRAME_INTERVAL) {
    throw new UsageError(`--interval needs a number of seconds, at least ${MIN_FRAME_INTERVAL} (got "${value}")`);
  }
  return seconds;
}

function parseOptions(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { dihedral: { type: 'boolean' }, interval: { type: 'string' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const format = parsed.values.format ?? 'json';
  if (format !== 'json' && format !== 'vpdq') throw new UsageError(`--format is json or vpdq, not "${format}"`);
  return { ...parsed, format, interval: parseInterval(parsed.values.interval) };
}

/** `--format vpdq`: the vPDQ text of exactly one video on stdout. */
async function printVpdq(paths: string[], interval: number | undefined): Promise<number> {
  const targets = await collectFiles(paths);
  const [target] = targets;
  if (targets.length !== 1 || !target) throw new UsageError('--format vpdq prints one video: give exactly one video file');
  if ('error' in target) throw new Error(`${target.file}: ${target.error}`);
  if (!(await isVideoFile(target.file))) throw new UsageError(`--format vpdq needs a video file, and ${target.file} is not one`);
  const outcome = await hashVideoTarget(target.file, interval);
  if (!outcome.ok) throw new Error(`${target.file}: ${outcome.error}`);
  process.stdout.write(toVpdqText(outcome.value.item));
  return 0;
}

export async function runHashCommand(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  if (options.values.help) {
    process.stdout.write(HASH_USAGE);
    return 0;
  }
  if (options.positionals.length === 0) throw new UsageError('hash needs at least one file or folder');
  if (options.format === 'vpdq') return printVpdq(options.positionals, options.interval);

  const targets = await collectFiles(options.positionals);
  const isVideo = await Promise.all(targets.map((t) => ('error' in t ? false : isVideoFile(t.file))));
  const images = targets.filter((t, i) => !('error' in t) && !isVideo[i]);
  const pool = images.length > 0 ? new HashPool({ dihedral: options.values.dihedral ?? false, threads: Math.min(images.length, availableParallelism()) }) : undefined;
  const progress = createProgress(targets.length);
  // Images start at once (the pool queues them); videos one after another (ffmpeg uses every
  // core). Results print in order as they arrive.
  let videos: Promise<unknown> = Promise.resolve();
  const outcomes = targets.map((t, i): Promise<Outcome> => {
    if ('error' in t) return Promise.resolve({ ok: false, error: t.error });
    if (!isVideo[i]) return pool!.hashFile(t.file);
    const hashing = videos.then(() => hashVideoTarget(t.file, options.interval));
    videos = hashing;
    return hashing;
  });
  let failed = false;
  try {
    for (let i = 0; i < targets.length; i++) {
      const outcome = await outcomes[i]!;
      if (!outcome.ok) failed = true;
      progress.clear();
      process.stdout.write(outputLine(targets[i]!.file, outcome) + '\n');
      progress.tick();
    }
  } finally {
    progress.finish();
    await pool?.close();
  }
  return failed ? 1 : 0;
}
