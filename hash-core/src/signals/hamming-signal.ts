import { hamming } from '../hamming.js';
import { HASH256_HEX_LENGTH, normalizeHash } from '../hex.js';
import type { MirroredQuery, SignalExamples, SignalType, UnderFloorQuery, WhenPdqReliable } from './signal-type.js';

/** A 256-bit perceptual hash compared by Hamming distance (PDQ, blockhash-256, video frames). */
export function hamming256Signal(spec: {
  name: string;
  description: string;
  threshold: number;
  qualityFloor?: number;
  underFloorQuery?: UnderFloorQuery;
  matchable?: (value: string) => boolean;
  whenPdqReliable?: WhenPdqReliable;
  examples: SignalExamples;
  searchIn?: readonly string[];
  mirrored?: MirroredQuery;
}): SignalType {
  return {
    ...spec,
    kind: 'perceptual',
    hexLength: HASH256_HEX_LENGTH,
    maxDistance: 256,
    normalize: (value, field = spec.name) => normalizeHash(value, field),
    distance: (a, b) => hamming(a, b),
  };
}
