// @disrupt/hash-core — pure TypeScript, the same in a browser worker and in Node.
export * from './hex.js';
export * from './hamming.js';
export * from './pixels.js';
export * from './resize.js';
export * from './item.js';
export * from './image-item.js';
export * from './signals/signal-type.js';
export * from './signals/registry.js';
export * from './signals/pdq/index.js';
export { pdqSignal } from './signals/pdq/signal.js';
export { blockhashSignal } from './signals/blockhash/signal.js';
export { blockhash256 } from './signals/blockhash/blockhash.js';
export { md5Signal, sha256Signal } from './signals/exact/signal.js';
export { md5, sha256, createDigestStream } from './signals/exact/digests.js';
export * from './index/index.js';
