// @disrupt/hash-core/node — Node-only: image decoding (sharp or pure JS) and file hashing.
export { decodeImage, defaultDecoder } from './decode.js';
export type { DecodedImage, DecodeOptions, DecoderName } from './decode.js';
export { DecodeError } from '../format/decode-error.js';
export type { DecodeErrorCode } from '../format/decode-error.js';
export { DEFAULT_MAX_PIXELS } from './limits.js';
export { sniffFormat } from '../format/sniff-format.js';
export type { SniffedFormat, SniffedKind } from '../format/sniff-format.js';
export { describeHashError, hashImageBytes, hashImageFile } from './hash-file.js';
export type { HashedImage, HashFileOptions } from './hash-file.js';
export { HashPool } from './hash-pool.js';
export type { HashOutcome, HashPoolOptions } from './hash-pool.js';
export { hashVideoFile, probeVideo, FFMPEG_MISSING_MESSAGE, videoTools } from './video/index.js';
export type { HashVideoOptions, HashedVideo, VideoProbe, VideoTools } from './video/index.js';
