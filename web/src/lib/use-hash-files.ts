/**
 * The photos and videos picked in this visit and their fingerprints, in memory only (nothing is
 * stored in the browser). Photos are fingerprinted one after another in the hashing worker, videos
 * one after another in a video worker of their own (lib/video); `cancel` stops the running ones at
 * once and drops the queue. The File objects stay here so previews can be shown if — and only if —
 * the person asks for them.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { isVideoFile } from './video/is-video.js';
import type { VideoProgress } from './video/progress.js';
import { hashVideo, VideoHashError, type VideoResult } from './video/video-hasher.js';
import { HashError, HashWorkerBridge, type HashResult } from './worker-bridge.js';
import type { HashErrorCode } from '../workers/hash-protocol.js';
import type { VideoErrorCode } from '../workers/video-protocol.js';

interface EntryBase {
  key: number;
  name: string;
  file: File;
}

export type HashEntry =
  | (EntryBase & { state: 'waiting' | 'cancelled' })
  /** `progress`: for a video, how far it is and the estimated time left. */
  | (EntryBase & { state: 'hashing'; progress?: VideoProgress })
  | (EntryBase & { state: 'done'; result: HashResult | VideoResult })
  /** `message`: the CLI's own sentence when preflight refused the file; otherwise the page words it from `code`. */
  | (EntryBase & { state: 'error'; code: HashErrorCode | VideoErrorCode; message?: string });

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
  // Videos take their turn one after another (each decodes and hashes on both cores already).
  const videoTurn = useRef<Promise<unknown>>(Promise.resolve());
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
    // Sniffed first, all of them, so photos still reach their worker in the order picked.
    const kinds = Promise.all(added.map((entry) => isVideoFile(entry.file)));
    added.forEach((entry, position) => {
      const { key, name, file } = entry;
      const onStart = () => update(key, (e) => (e.state === 'waiting' ? { key, name, file, state: 'hashing' } : e));
      const onProgress = (progress: VideoProgress) => update(key, (e) => (e.state === 'hashing' ? { key, name, file, state: 'hashing', progress } : e));
      const hashed = kinds.then((videos): Promise<HashResult | VideoResult> => (videos[position] ? takeVideoTurn(() => hashVideo(file, signal, onProgress), signal, onStart) : bridge.current!.hash(file, signal, { onStart })));
      hashed.then(
        (result) => update(key, () => ({ key, name, file, state: 'done', result })),
        (error: unknown) => {
          if (signal.aborted) update(key, () => ({ key, name, file, state: 'cancelled' }));
          else if (error instanceof VideoHashError) update(key, () => ({ key, name, file, state: 'error', code: error.code }));
          else {
            const failure = error instanceof HashError ? error : new HashError('failed', String(error));
            update(key, () => ({ key, name, file, state: 'error', code: failure.code, ...(failure.fromWorker ? { message: failure.message } : {}) }));
          }
        },
      );
    });
  };

  /** Runs `hash` once the videos before it are done (or dropped, when cancelled meanwhile). */
  const takeVideoTurn = <T,>(hash: () => Promise<T>, signal: AbortSignal, onStart: () => void): Promise<T> => {
    const turn = videoTurn.current.then(() => {
      signal.throwIfAborted();
      onStart();
      return hash();
    });
    videoTurn.current = turn.catch(() => {});
    return turn;
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
