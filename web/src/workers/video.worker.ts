/**
 * The video worker: one video per worker (the page starts one per video and terminates it when
 * done or cancelled). It digests the file in chunks and hashes each sampled frame with hash-core's
 * videoFrameHashes — the CLI's and the server's function — then answers with the VideoItem.
 * Frames come from the browser's own decoder (WebCodecs, webcodecs-frames.ts) or, when it cannot
 * read the file or fails half-way, from ffmpeg.wasm (ffmpeg-frames.ts), loaded only then.
 */
import { frameTimes, samplingInterval, STORED_FRAME_INTERVAL, videoFrameHashes, type ExactDigests, type Pixels, type VideoFrame as FrameHashes, type VideoItem } from '@disrupt/hash-core';
import { openWithFfmpeg } from './ffmpeg-frames.js';
import { streamDigests } from './file-digests.js';
import { VideoFailure } from './video-failure.js';
import type { VideoDecoderPath, VideoRequest, VideoResponse } from './video-protocol.js';
import { openNative } from './webcodecs-frames.js';

declare const self: DedicatedWorkerGlobalScope;

const post = (message: VideoResponse) => self.postMessage(message);

/** Counts for the progress bar: bytes digested, frames hashed. */
const counts = { framesDone: 0, framesTotal: 0, bytesDone: 0, bytesTotal: 0 };
let lastProgress = 0;

self.addEventListener('message', (event: MessageEvent<VideoRequest>) => {
  void hashVideo(event.data.file, event.data.decoder).then(post, (error: unknown) => post(failure(error)));
});

async function hashVideo(file: Blob, forced: VideoDecoderPath | undefined): Promise<VideoResponse> {
  counts.bytesTotal = file.size;
  const digests = streamDigests(file, (bytes) => {
    counts.bytesDone = bytes;
    progress(false);
  });
  digests.catch(() => {}); // awaited below, unless decoding fails first
  const { frames, decoder } = await decodedFrames(file, digests, forced);
  if (frames.hashes.length === 0) throw new VideoFailure('video-unreadable', 'no frame could be decoded');
  const { sha256, md5 }: ExactDigests = await digests;
  const item: VideoItem = { type: 'video', sha256, md5, durationMs: frames.durationMs, frameInterval: frames.frameInterval, frames: frames.hashes };
  return { type: 'done', item, width: frames.width, height: frames.height, decoder };
}

/** The browser's decoder first, ffmpeg.wasm when it cannot read the file (or when a benchmark asks for it). */
async function decodedFrames(file: Blob, digests: Promise<unknown>, forced: VideoDecoderPath | undefined): Promise<{ frames: HashedFrames; decoder: VideoDecoderPath }> {
  if (forced !== 'ffmpeg') {
    try {
      return { frames: await nativeFrames(file), decoder: 'native' };
    } catch (error) {
      if (error instanceof VideoFailure) throw error;
      console.info(`video: the browser's decoder cannot read this file (${(error as Error).message}); trying ffmpeg.wasm`);
    }
  }
  await digests; // ffmpeg's calls block this thread: the digests finish first
  return { frames: await ffmpegFrames(file), decoder: 'ffmpeg' };
}

/** The sampled times of one video and the hashes of its frames, as they come. */
class HashedFrames {
  readonly frameInterval: number;
  readonly times: number[];
  readonly hashes: FrameHashes[] = [];
  width = 0;
  height = 0;

  constructor(readonly durationMs: number) {
    this.frameInterval = samplingInterval(durationMs, STORED_FRAME_INTERVAL);
    this.times = frameTimes(durationMs, this.frameInterval);
    counts.framesDone = 0;
    counts.framesTotal = this.times.length;
  }

  /** `pixels` is undefined when the decoder had no frame for `t` (past the last one). */
  add(pixels: Pixels | undefined, t: number): void {
    if (pixels) {
      this.width ||= pixels.width;
      this.height ||= pixels.height;
      this.hashes.push(videoFrameHashes(pixels, t));
    }
    counts.framesDone++;
    progress(true);
  }
}

async function nativeFrames(file: Blob): Promise<HashedFrames> {
  const video = await openNative(file);
  try {
    const frames = new HashedFrames(video.durationMs);
    let index = 0;
    for await (const pixels of video.framesAt(frames.times)) frames.add(pixels, frames.times[index++]!);
    return frames;
  } finally {
    video.close();
  }
}

async function ffmpegFrames(file: Blob): Promise<HashedFrames> {
  const video = await openWithFfmpeg(file);
  try {
    const frames = new HashedFrames(video.info.durationMs);
    for (const t of frames.times) frames.add(await video.frameAt(t), t);
    return frames;
  } finally {
    video.close();
  }
}

/** At most a few messages a second for the bytes; every frame is reported. */
function progress(force: boolean): void {
  const now = performance.now();
  if (!force && now - lastProgress < 200) return;
  lastProgress = now;
  post({ type: 'progress', ...counts });
}

function failure(error: unknown): VideoResponse {
  if (error instanceof VideoFailure) return { type: 'error', code: error.code, detail: error.message };
  return { type: 'error', code: 'failed', detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}
