/**
 * The one error a decode throws. `code` is for programs, `message` is for the person who chose the
 * file (messages.ts builds the shared ones). Pure, so the browser worker reports the same codes.
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
