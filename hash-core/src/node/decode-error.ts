/**
 * The one error a decode throws. `code` is for programs, `message` is for the person who chose the
 * file: plain, specific, and free of file names or metadata.
 */

export type DecodeErrorCode =
  | 'empty'
  | 'not-an-image'
  | 'video'
  | 'unsupported-format'
  | 'truncated'
  | 'corrupt'
  | 'too-many-pixels'
  | 'decoder-unavailable';

export class DecodeError extends Error {
  override readonly name = 'DecodeError';

  constructor(
    readonly code: DecodeErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
