/**
 * The signal registry as the server knows it (GET /v1/signals): the photos' signals and their
 * variants, and the video frames' ones (vpdq, vpdqTrimmed…). The console lists what the server
 * matches rather than a copy of it; until the answer comes (or if it fails), hash-core's photo
 * signals stand in.
 */
import { IMAGE_SIGNALS, pdqSignal, signalType } from '@disrupt/hash-core';
import { useEffect, useState } from 'preact/hooks';
import { http } from './admin-api.js';

export interface RegistrySignal {
  name: string;
  kind: 'exact' | 'perceptual';
  /** The default distance, in bits, for perceptual signals. */
  threshold?: number;
  description: string;
}

const FALLBACK: readonly RegistrySignal[] = IMAGE_SIGNALS.map(({ name, kind, threshold, description }) => ({ name, kind, threshold, description }));

let loading: Promise<readonly RegistrySignal[]> | undefined;

/** Fetched once per page load: the registry changes only with a new server version. */
function loadSignals(): Promise<readonly RegistrySignal[]> {
  loading ??= http.get<{ signals: RegistrySignal[] }>('/v1/signals').then(
    (answer) => answer.signals,
    () => {
      loading = undefined; // try again next time
      return FALLBACK;
    },
  );
  return loading;
}

export function useSignals(): readonly RegistrySignal[] {
  const [signals, setSignals] = useState<readonly RegistrySignal[]>(FALLBACK);
  useEffect(() => {
    let live = true;
    void loadSignals().then((loaded) => live && setSignals(loaded));
    return () => {
      live = false;
    };
  }, []);
  return signals;
}

/** The largest threshold a signal takes: its own maximum, or PDQ's for frame signals (PDQs of frames). */
export function maxDistanceOf(name: string): number {
  return signalType(name)?.maxDistance ?? pdqSignal.maxDistance;
}
