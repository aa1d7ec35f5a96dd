/**
 * The photos picked in this visit and their fingerprints, in memory only (nothing is stored in the
 * browser). Files are fingerprinted one after another in the hashing worker; `cancel` stops the
 * running one at once and drops the queue. The File objects stay here so previews can be shown if
 * — and only if — the person asks for them.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { HashError, HashWorkerBridge, type HashResult } from './worker-bridge.js';
import type { HashErrorCode } from '../workers/hash-protocol.js';

interface EntryBase {
  key: number;
  name: string;
  file: File;
}

export type HashEntry =
  | (EntryBase & { state: 'waiting' | 'hashing' | 'cancelled' })
  | (EntryBase & { state: 'done'; result: HashResult })
  /** `message`: the CLI's own sentence when preflight refused the file; otherwise the page words it from `code`. */
  | (EntryBase & { state: 'error'; code: HashErrorCode; message?: string });

export interface HashFiles {
  entries: HashEntry[];
  busy: boolean;
  add(files: readonly File[]): void;
  remove(key: number): void;
  /** Forgets every file and fingerprint (after a submission, or when the person leaves). */
  clear(): void;
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

  const update = (key: number, change: (entry: HashEntry) => HashEntry) =>
    setEntries((list) => list.map((entry) => (entry.key === key ? change(entry) : entry)));

  const add = (files: readonly File[]) => {
    const signal = controller.current.signal;
    const added = files.map((file): HashEntry => ({ key: nextKey.current++, name: file.name, file, state: 'waiting' }));
    setEntries((list) => [...list, ...added]);
    for (const entry of added) {
      const { key, name, file } = entry;
      const onStart = () => update(key, (e) => (e.state === 'waiting' ? { key, name, file, state: 'hashing' } : e));
      bridge.current!.hash(file, signal, { onStart }).then(
        (result) => update(key, () => ({ key, name, file, state: 'done', result })),
        (error: unknown) => {
          if (signal.aborted) update(key, () => ({ key, name, file, state: 'cancelled' }));
          else {
            const failure = error instanceof HashError ? error : new HashError('failed', String(error));
            update(key, () => ({ key, name, file, state: 'error', code: failure.code, ...(failure.fromWorker ? { message: failure.message } : {}) }));
          }
        },
      );
    }
  };

  const cancel = () => {
    controller.current.abort();
    controller.current = new AbortController();
  };

  const remove = (key: number) => setEntries((list) => list.filter((entry) => entry.key !== key));

  const clear = () => {
    cancel();
    setEntries([]);
  };

  const busy = entries.some((e) => e.state === 'hashing' || e.state === 'waiting');
  return { entries, busy, add, remove, clear, cancel };
}
