/**
 * The page's side of the hashing worker (Squoosh's worker-bridge pattern): every call takes an
 * AbortSignal, aborting the running call terminates the worker (the next call starts a fresh
 * one), and a worker left idle is terminated after a while. Calls run one at a time, in order.
 */
import type { ImageItem } from '@disrupt/hash-core';
import type { HashErrorCode, HashRequest, HashResponse } from '../workers/hash-protocol.js';

/**
 * Developer-facing defaults when the worker gives no sentence of its own; the page words every
 * error in the person's language from its code (components/choose-files/file-error.ts).
 */
export const HASH_ERROR_MESSAGES = {
  unreadable: 'this file could not be read as a photo',
  failed: 'the fingerprinting of this file stopped unexpectedly; please try again',
} as const;

export class HashError extends Error {
  override readonly name = 'HashError';
  /** True when the message is hash-core's own sentence (the CLI's words, in English). */
  readonly fromWorker: boolean;
  constructor(
    readonly code: HashErrorCode,
    /** Technical detail for developers; never shown to the person. */
    readonly detail: string,
    message?: string,
  ) {
    super(message ?? (code === 'unreadable' ? HASH_ERROR_MESSAGES.unreadable : HASH_ERROR_MESSAGES.failed));
    this.fromWorker = message !== undefined;
  }
}

export interface HashResult {
  item: ImageItem;
  width: number;
  height: number;
}

/** A picked File (or any Blob), or bytes with their MIME type (the buffer is transferred). */
export type HashInput = Blob | { bytes: ArrayBuffer; type: string };

export interface HashOptions {
  /** Also compute PDQ of the 8 rotations and flips. */
  dihedral?: boolean;
  /** Called when the worker starts on this call (calls wait their turn before). */
  onStart?: () => void;
}

export interface WorkerBridgeOptions {
  /** An idle worker is terminated after this long (default 10 s); the next call starts a new one. */
  idleTimeoutMs?: number;
  createWorker?: () => Worker;
}

interface Job {
  input: HashInput;
  options: HashOptions;
  signal: AbortSignal;
  resolve(result: HashResult): void;
  reject(reason: unknown): void;
  onAbort(): void;
}

const defaultCreateWorker = () => new Worker(new URL('../workers/hash.worker.ts', import.meta.url), { type: 'module', name: 'hash' });

export class HashWorkerBridge {
  readonly #idleTimeoutMs: number;
  readonly #createWorker: () => Worker;
  readonly #queue: Job[] = [];
  #running: { job: Job; id: number } | undefined;
  #worker: Worker | undefined;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  #nextId = 1;

  constructor(options: WorkerBridgeOptions = {}) {
    this.#idleTimeoutMs = options.idleTimeoutMs ?? 10_000;
    this.#createWorker = options.createWorker ?? defaultCreateWorker;
  }

  /** Fingerprints one image; rejects with a HashError, or with `signal.reason` when aborted. */
  hash(input: HashInput, signal: AbortSignal, options: HashOptions = {}): Promise<HashResult> {
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<HashResult>((resolve, reject) => {
      const job: Job = {
        input,
        options,
        signal,
        resolve,
        reject,
        onAbort: () => this.#abort(job),
      };
      signal.addEventListener('abort', job.onAbort, { once: true });
      this.#queue.push(job);
      this.#next();
    });
  }

  /** Stops the worker now; the running and queued calls reject with an AbortError. */
  terminate(): void {
    clearTimeout(this.#idleTimer);
    this.#worker?.terminate();
    this.#worker = undefined;
    const jobs = [...(this.#running ? [this.#running.job] : []), ...this.#queue.splice(0)];
    this.#running = undefined;
    const reason = new DOMException('the hashing worker was terminated', 'AbortError');
    for (const job of jobs) this.#settle(job, () => job.reject(reason));
  }

  #abort(job: Job): void {
    if (this.#running?.job === job) {
      this.#running = undefined;
      this.#worker?.terminate(); // the only way to stop a decode or a hash half-way
      this.#worker = undefined;
    } else {
      const index = this.#queue.indexOf(job);
      if (index >= 0) this.#queue.splice(index, 1);
    }
    this.#settle(job, () => job.reject(job.signal.reason));
    this.#next();
  }

  #settle(job: Job, settle: () => void): void {
    job.signal.removeEventListener('abort', job.onAbort);
    settle();
  }

  #next(): void {
    if (this.#running) return;
    const job = this.#queue.shift();
    if (!job) {
      this.#scheduleIdle();
      return;
    }
    clearTimeout(this.#idleTimer);
    const worker = this.#ensureWorker();
    const id = this.#nextId++;
    this.#running = { job, id };
    job.options.onStart?.();
    const dihedral = job.options.dihedral ?? false;
    const { input } = job;
    if (input instanceof Blob) worker.postMessage({ id, file: input, dihedral } satisfies HashRequest);
    else worker.postMessage({ id, bytes: input.bytes, type: input.type, dihedral } satisfies HashRequest, [input.bytes]);
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = this.#createWorker();
    worker.addEventListener('message', (event: MessageEvent<HashResponse>) => this.#onResponse(event.data));
    // A worker that fails to load or crashes: the running call fails, the next gets a new worker.
    const onFailure = (event: Event) => {
      event.preventDefault();
      if (this.#worker !== worker) return;
      const detail = event instanceof ErrorEvent ? event.message : event.type;
      this.#worker = undefined;
      worker.terminate();
      const running = this.#running;
      this.#running = undefined;
      if (running) this.#settle(running.job, () => running.job.reject(new HashError('failed', detail)));
      this.#next();
    };
    worker.addEventListener('error', onFailure);
    worker.addEventListener('messageerror', onFailure);
    this.#worker = worker;
    return worker;
  }

  #onResponse(response: HashResponse): void {
    const running = this.#running;
    if (!running || running.id !== response.id) return;
    this.#running = undefined;
    const { job } = running;
    if (response.ok) this.#settle(job, () => job.resolve({ item: response.item, width: response.width, height: response.height }));
    else this.#settle(job, () => job.reject(new HashError(response.code, response.detail, response.message)));
    this.#next();
  }

  #scheduleIdle(): void {
    clearTimeout(this.#idleTimer);
    if (!this.#worker) return;
    this.#idleTimer = setTimeout(() => {
      this.#worker?.terminate();
      this.#worker = undefined;
    }, this.#idleTimeoutMs);
  }
}
