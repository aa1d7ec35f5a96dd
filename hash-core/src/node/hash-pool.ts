/**
 * Hashes files on worker threads (decoding and PDQ are CPU-bound; one worker per core), while the
 * caller receives results as promises and decides the output order.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { HashedImage, HashFileOptions } from './hash-file.js';

export type HashOutcome = { ok: true; value: HashedImage } | { ok: false; error: string };

interface Pending {
  resolve: (outcome: HashOutcome) => void;
}

export interface HashPoolOptions extends HashFileOptions {
  /** Number of worker threads; defaults to the number of cores. */
  threads?: number;
}

export class HashPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: { path: string; pending: Pending }[] = [];
  private readonly inFlight = new Map<Worker, Pending>();

  constructor(private readonly options: HashPoolOptions = {}) {
    const threads = Math.max(1, options.threads ?? availableParallelism());
    for (let i = 0; i < threads; i++) this.spawn();
  }

  private spawn(): void {
    const worker = new Worker(new URL('./hash-worker.js', import.meta.url), {
      workerData: { dihedral: this.options.dihedral ?? false, decoder: this.options.decoder, maxPixels: this.options.maxPixels },
    });
    worker.on('message', (outcome: HashOutcome) => this.settle(worker, outcome));
    worker.on('error', (error) => {
      // A worker that dies (e.g. out of memory on a hostile file) fails its file, not the run.
      this.settle(worker, { ok: false, error: `the hasher crashed: ${error.message}` }, true);
    });
    worker.unref();
    this.workers.push(worker);
    this.idle.push(worker);
  }

  private settle(worker: Worker, outcome: HashOutcome, crashed = false): void {
    const pending = this.inFlight.get(worker);
    this.inFlight.delete(worker);
    pending?.resolve(outcome);
    if (crashed) {
      this.workers.splice(this.workers.indexOf(worker), 1);
      void worker.terminate();
      this.spawn();
    } else {
      this.idle.push(worker);
    }
    this.pump();
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const { path, pending } = this.queue.shift()!;
      this.inFlight.set(worker, pending);
      worker.ref();
      worker.postMessage(path);
    }
    for (const worker of this.idle) worker.unref();
  }

  hashFile(path: string): Promise<HashOutcome> {
    return new Promise((resolve) => {
      this.queue.push({ path, pending: { resolve } });
      this.pump();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
