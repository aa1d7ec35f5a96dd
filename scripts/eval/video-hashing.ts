/**
 * Hashing videos for the evaluation: hash-core's hashVideoFile (system ffmpeg, frames at 1/s, the
 * CLI's and /v1/match/file's code) in worker threads, so that the PDQ of one video's frames runs
 * beside another's. Each worker takes every n-th file; `interval` as `disrupt hash --interval`.
 */
import { availableParallelism } from 'node:os';
import type { VideoItem } from '@disrupt/hash-core';
import { runTsWorker } from '../lib/ts-worker.js';

export type VideoOutcome = { ok: true; item: VideoItem } | { ok: false; error: string };

const WORKER = new URL('./video-hash-worker.ts', import.meta.url);

export async function hashVideos(files: readonly string[], options: { workers?: number; interval?: number; onDone?: (done: number) => void } = {}): Promise<VideoOutcome[]> {
  const outcomes: VideoOutcome[] = new Array(files.length);
  const workers = Math.max(1, Math.min(files.length, options.workers ?? Math.min(2, availableParallelism())));
  let done = 0;
  await Promise.all(
    Array.from({ length: workers }, (_, w) =>
      runTsWorker(WORKER, { interval: options.interval, files: files.map((file, index) => ({ index, file })).filter(({ index }) => index % workers === w) }, (message: { index: number } & VideoOutcome) => {
        const { index, ...outcome } = message;
        outcomes[index] = outcome;
        options.onDone?.(++done);
      }),
    ),
  );
  return outcomes;
}
