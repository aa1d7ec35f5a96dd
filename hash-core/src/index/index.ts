// Hash indexes: exact radius search over 256-bit hashes (PDQ, blockhash-256).
export { MihIndex } from './mih-index.js';
export type { MihIndexOptions, MihIndexStats } from './mih-index.js';
export { LinearIndex } from './linear-index.js';
export { MIH_MAX_RADIUS } from './pair-scheme.js';
export { SegmentFormatError } from './static-segment.js';
export type { HashIndex, HashInput, Match, SearchResult, SearchStrategy, VariantMatch } from './types.js';
