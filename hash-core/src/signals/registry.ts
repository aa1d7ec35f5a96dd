import { blockhashSignal } from './blockhash/signal.js';
import { blockhashVariantSignals } from './blockhash-variants/signal.js';
import { md5Signal, sha256Signal } from './exact/signal.js';
import { pdqSignal } from './pdq/signal.js';
import { pdqVariantSignals } from './pdq-variants/signal.js';
import type { SignalType } from './signal-type.js';

/** Every signal an image item can carry, in the order they are reported. */
export const IMAGE_SIGNALS: readonly SignalType[] = [pdqSignal, ...pdqVariantSignals, blockhashSignal, ...blockhashVariantSignals, md5Signal, sha256Signal];

const byName = new Map(IMAGE_SIGNALS.map((s) => [s.name, s]));

export function signalType(name: string): SignalType | undefined {
  return byName.get(name);
}
