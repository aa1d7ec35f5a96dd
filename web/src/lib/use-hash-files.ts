/**
 * Fingerprints picked files one after another in the hashing worker, and keeps the results in
 * memory only (nothing is stored in the browser). `cancel` stops the file being hashed at once.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { HASH_ERROR_MESSAGES, HashError, HashWorkerBridge, type HashResult } from './worker-bridge.js';

export type HashEntry =
  | { key: number; name: string; state: 'hashing' | 'cancelled' }
  | { key: number; name: string; state: 'done'; result: HashResult }
  | { key: number; name: string; state: 'error'; message: string };

export interface HashFiles {
  entries: HashEntry[];
  busy: boolean;
  add(files: readonly File[]): void;
  cancel(): void;
}

export function useHashFiles(): HashFiles {
  const bridge = useRef<HashWorkerBridge | undefined>(undefined);
  const controller = useRef(new AbortController());
  const nextKey = useRef(1);
  const [entries, setEntries] = useState<HashEntry[]>([]);

  useEffect(() => {
    bridge.current = new HashWorkerBridge();
    return () => bridge.current?.terminate();
  }, []);

  const update = (key: number, entry: HashEntry) => setEntries((list) => list.map((e) => (e.key === key ? entry : e)));

  const add = (files: readonly File[]) => {
    const signal = controller.current.signal;
    const added = files.map((file) => ({ key: nextKey.current++, name: file.name, state: 'hashing' as const }));
    setEntries((list) => [...list, ...added]);
    files.forEach((file, i) => {
      const { key, name } = added[i]!;
      bridge.current!.hash(file, signal).then(
        (result) => update(key, { key, name, state: 'done', result }),
        (error: unknown) => {
          if (signal.aborted) update(key, { key, name, state: 'cancelled' });
          else update(key, { key, name, state: 'error', message: error instanceof HashError ? error.message : HASH_ERROR_MESSAGES.failed });
        },
      );
    });
  };

  const cancel = () => {
    controller.current.abort();
    controller.current = new AbortController();
  };

  const busy = entries.some((e) => e.state === 'hashing');
  return { entries, busy, add, cancel };
}
