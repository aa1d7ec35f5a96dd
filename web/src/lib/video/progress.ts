/** How far a video is, and about how long it has left, from the worker's counts. */

export interface VideoProgress {
  /** 0 to 1. */
  fraction: number;
  framesDone: number;
  framesTotal: number;
  /** Estimated seconds left; absent until the estimate means something. */
  secondsLeft?: number;
}

/** Reading the file for its exact fingerprints counts for this share; decoding and hashing frames for the rest. */
const BYTES_SHARE = 0.1;
/** No estimate before this much work or time: the first frames include starting the decoder. */
const MIN_FRACTION = 0.03;
const MIN_ELAPSED_MS = 1500;

export function progressEstimate(counts: { framesDone: number; framesTotal: number; bytesDone: number; bytesTotal: number }, elapsedMs: number): VideoProgress {
  const frames = counts.framesTotal > 0 ? counts.framesDone / counts.framesTotal : 0;
  const bytes = counts.bytesTotal > 0 ? counts.bytesDone / counts.bytesTotal : 1;
  const fraction = Math.min(1, (1 - BYTES_SHARE) * frames + BYTES_SHARE * bytes);
  const progress: VideoProgress = { fraction, framesDone: counts.framesDone, framesTotal: counts.framesTotal };
  if (fraction < MIN_FRACTION || elapsedMs < MIN_ELAPSED_MS || fraction >= 1) return progress;
  return { ...progress, secondsLeft: Math.ceil(((elapsedMs / fraction) * (1 - fraction)) / 1000) };
}
