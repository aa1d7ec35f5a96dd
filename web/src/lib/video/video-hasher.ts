/**
 * Fingerprints one video in a worker of its own (workers/video.worker.ts): the browser's decoder
 * first, ffmpeg.wasm when it cannot read the file. Nothing is decoded on this thread. Aborting
 * terminates the worker at once; it never outlives the call.
 */
import type { VideoItem } from '@disrupt/hash-core';
import type { VideoDecoderPath, VideoErrorCode, VideoRequest, VideoResponse } from '../../workers/video-protocol.js';
import { progressEstimate, type VideoProgress } from './progress.js';

export class VideoHashError extends Error {
  override readonly name = 'VideoHashError';
  constructor(
    readonly code: VideoErrorCode,
    /** Technical detail for developers; never shown to the person. */
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

export interface VideoResult {
  item: VideoItem;
  width: number;
  height: number;
  /** Which decoder read the file (the page shows it to no one; tests and support read it). */
  decoder: VideoDecoderPath;
}

const createWorker = () => new Worker(new URL('../../workers/video.worker.ts', import.meta.url), { type: 'module', name: 'video' });

export function hashVideo(file: Blob, signal: AbortSignal, onProgress: (progress: VideoProgress) => void): Promise<VideoResult> {
  if (signal.aborted) return Promise.reject(signal.reason);
  const worker = createWorker();
  const started = performance.now();
  return new Promise<VideoResult>((resolve, reject) => {
    const finish = (settle: () => void) => {
      worker.terminate();
      signal.removeEventListener('abort', onAbort);
      settle();
    };
    const onAbort = () => finish(() => reject(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    worker.addEventListener('message', (event: MessageEvent<VideoResponse>) => {
      const message = event.data;
      if (message.type === 'progress') onProgress(progressEstimate(message, performance.now() - started));
      else if (message.type === 'done') finish(() => resolve({ item: message.item, width: message.width, height: message.height, decoder: message.decoder }));
      else finish(() => reject(new VideoHashError(message.code, message.detail)));
    });
    const onWorkerFailure = (event: Event) => {
      event.preventDefault();
      finish(() => reject(new VideoHashError('failed', event instanceof ErrorEvent ? event.message : event.type)));
    };
    worker.addEventListener('error', onWorkerFailure);
    worker.addEventListener('messageerror', onWorkerFailure);
    worker.postMessage({ file } satisfies VideoRequest);
  });
}
