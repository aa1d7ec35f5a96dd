import { HashFormatError } from '../../hex.js';
import type { SignalExamples, SignalType } from '../signal-type.js';

/** Cryptographic digests match only when identical: distance 0 (same) or 1 (different). */
export function exactSignal(spec: {
  name: string;
  description: string;
  hexLength: number;
  examples: SignalExamples;
}): SignalType {
  const pattern = new RegExp(`^[0-9a-fA-F]{${spec.hexLength}}$`);
  return {
    ...spec,
    kind: 'exact',
    maxDistance: 1,
    threshold: 0,
    normalize(value: unknown, field = spec.name): string {
      if (typeof value !== 'string') {
        throw new HashFormatError(field, `expected a string of ${spec.hexLength} hex characters, got ${value === null ? 'null' : typeof value}`);
      }
      if (!pattern.test(value)) {
        const reason = value.length !== spec.hexLength
          ? `expected ${spec.hexLength} hex characters, got ${value.length}`
          : `expected only hex characters 0-9 a-f, found ${JSON.stringify(value[value.search(/[^0-9a-fA-F]/)])}`;
        throw new HashFormatError(field, reason);
      }
      return value.toLowerCase();
    },
    distance: (a, b) => (a.toLowerCase() === b.toLowerCase() ? 0 : 1),
  };
}
