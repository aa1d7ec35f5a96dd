/**
 * The messages between the page (lib/video/video-hasher.ts) and the video worker
 * (video.worker.ts). Types only: both sides import it.
 */
import type { VideoItem } from '@disrupt/hash-core';

/** Which decoder read the file: the browser's own (WebCodecs), or ffmpeg.wasm. */
export type VideoDecoderPath = 'native' | 'ffmpeg';

/** One video to fingerprint; the worker reads, decodes and hashes it on its own. */
export interface VideoRequest {
  file: Blob;
  /**
   * Benchmarks only (scripts/bench-video.ts speaks to the built worker directly): `ffmpeg` goes
   * straight to ffmpeg.wasm, to time the fallback on a file the browser could read. The page
   * never sets it: victims always get the browser's decoder first.
   */
  decoder?: VideoDecoderPath;
}

/**
 * Why a video could not be fingerprinted: `video-unreadable` (neither the browser nor ffmpeg.wasm
 * could decode it), `no-picture` (no video stream: a sound file), `failed` (anything else).
 */
export type VideoErrorCode = 'video-unreadable' | 'no-picture' | 'failed';

export type VideoResponse =
  | { type: 'progress'; framesDone: number; framesTotal: number; bytesDone: number; bytesTotal: number }
  | { type: 'done'; item: VideoItem; width: number; height: number; decoder: VideoDecoderPath }
  | { type: 'error'; code: VideoErrorCode; detail: string };
