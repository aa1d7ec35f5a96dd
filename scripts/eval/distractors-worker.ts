/**
 * Worker for `pnpm eval:distractors`: either generates bank chunks, or computes each query's
 * distance histogram against the (shared) bank for the tail fit.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { generateChunk, hamming, fromPhotos, type Bank } from './distractors.js';
import { loadPhotos, type PhotoFile } from './distractors-photos.js';

type Job =
  | { task: 'generate'; files: PhotoFile[]; seed: number; chunks: number[]; lastCount: number; lastChunk: number }
  | {
      task: 'histogram';
      words: SharedArrayBuffer;
      sources: SharedArrayBuffer;
      count: number;
      /** 8 dihedral hashes per query, 8 words each. */
      queries: Uint32Array;
      excluded: number[][];
    };

const job = workerData as Job;
const port = parentPort!;

if (job.task === 'generate') {
  const photos = await loadPhotos(job.files);
  for (const c of job.chunks) {
    const bank = generateChunk(photos, job.seed, c, c === job.lastChunk ? job.lastCount : undefined);
    port.postMessage({ chunk: c, bank }, [bank.words.buffer as ArrayBuffer, bank.quality.buffer as ArrayBuffer, bank.sources.buffer as ArrayBuffer, bank.kinds.buffer as ArrayBuffer]);
  }
  port.postMessage({ done: true });
} else {
  const words = new Uint32Array(job.words);
  const bank = { count: job.count, sources: new Uint16Array(job.sources) } as Bank;
  const q = job.queries;
  const nq = q.length / 64;
  // One histogram per query (257 bins each): the min over the 8 query orientations, and the query as it is.
  const histMin = new Float64Array(nq * 257);
  const histPlain = new Float64Array(nq * 257);
  for (let i = 0; i < nq; i++) {
    const ex = new Set(job.excluded[i]);
    for (let j = 0; j < job.count; j++) {
      if (fromPhotos(bank, j, ex)) continue;
      let best = 256;
      for (let v = 0; v < 8; v++) {
        const d = hamming(q, i * 8 + v, words, j);
        if (v === 0) histPlain[i * 257 + d]++;
        if (d < best) best = d;
      }
      histMin[i * 257 + best]++;
    }
  }
  port.postMessage({ histMin, histPlain });
}
