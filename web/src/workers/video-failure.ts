import type { VideoErrorCode } from './video-protocol.js';

/** A video that cannot be fingerprinted, for a reason the page words for the person (its code). */
export class VideoFailure extends Error {
  override readonly name = 'VideoFailure';
  constructor(
    readonly code: Exclude<VideoErrorCode, 'failed'>,
    message: string,
  ) {
    super(message);
  }
}
