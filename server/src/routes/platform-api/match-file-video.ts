/**
 * Hashing an uploaded video for /v1/match/file with hash-core's Node hasher (the system's ffmpeg,
 * frames at 1 per second like the page and the CLI). Decoding a video takes a core for seconds, so
 * only a few run at once; more get a 503 with Retry-After rather than a queue that grows unseen.
 * A client that hangs up stops its ffmpeg.
 */
import { availableParallelism } from 'node:os';
import type { VideoItem } from '@disrupt/hash-core';
import { hashVideoFile } from '@disrupt/hash-core/node';
import type { FastifyRequest } from 'fastify';
import { Problem } from '../../errors.js';

const MAX_CONCURRENT_VIDEOS = Math.max(1, Math.min(4, availableParallelism() - 1));
let running = 0;

export async function hashUploadedVideo(request: FastifyRequest, path: string): Promise<VideoItem> {
  if (running >= MAX_CONCURRENT_VIDEOS) {
    throw new Problem(503, 'busy', 'Service busy', `${running} videos are being hashed; send this one again in a few seconds`, undefined, { 'retry-after': '5' });
  }
  running++;
  const abort = new AbortController();
  const stop = () => abort.abort();
  // The connection, not the request: a request's own 'close' comes as soon as its body was read.
  request.raw.socket.once('close', stop);
  try {
    return (await hashVideoFile(path, { signal: abort.signal })).item;
  } finally {
    running--;
    request.raw.socket.off('close', stop);
  }
}
