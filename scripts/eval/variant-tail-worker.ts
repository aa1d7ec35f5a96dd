/** Worker for `pnpm eval:variant-tail`: generates bank chunks with variants, or scores query pairs. */
import { parentPort, workerData } from 'node:worker_threads';
import { loadPhotos, type PhotoFile } from './distractors-photos.js';
import { CHUNK } from './distractors.js';
import { ALSO_SEARCHED, DISTANCES, generateVariantChunk, HISTOGRAM_SIZE, scorePairs, type BankQuality, type VariantBank, type VariantQuery } from './variant-tail.js';

type Job =
  | { task: 'generate'; files: PhotoFile[]; seed: number; chunks: number[]; lastChunk: number; lastCount: number; keep: BankQuality }
  | { task: 'score'; bank: VariantBank; queries: VariantQuery[]; radii: number[] };

const job = workerData as Job;
const port = parentPort!;

if (job.task === 'generate') {
  const photos = await loadPhotos(job.files);
  for (const c of job.chunks) {
    const bank = generateVariantChunk(photos, job.seed, c, c === job.lastChunk ? job.lastCount : CHUNK, job.keep);
    port.postMessage({ chunk: c, bank }, [bank.plain.buffer as ArrayBuffer, bank.variants.buffer as ArrayBuffer, bank.present.buffer as ArrayBuffer, bank.sources.buffer as ArrayBuffer, bank.blockhash.buffer as ArrayBuffer, bank.blockhashPresent.buffer as ArrayBuffer, bank.sides.buffer as ArrayBuffer, bank.sidesPresent.buffer as ArrayBuffer, bank.quality.buffer as ArrayBuffer, bank.detailed.buffer as ArrayBuffer, bank.framed.buffer as ArrayBuffer, bank.framedPresent.buffer as ArrayBuffer, bank.framedDetailed.buffer as ArrayBuffer]);
  }
} else {
  const plain = new Float64Array(HISTOGRAM_SIZE);
  const joint = new Float64Array(HISTOGRAM_SIZE * DISTANCES);
  const blockhash = Array.from({ length: 3 + ALSO_SEARCHED.length }, () => new Float64Array(HISTOGRAM_SIZE));
  const perQuery = { radii: job.radii, hists: new Float64Array(job.queries.length * (1 + job.radii.length) * HISTOGRAM_SIZE) };
  scorePairs(job.queries, job.bank, plain, joint, blockhash, perQuery);
  port.postMessage({ plain, joint, blockhash, perQuery: perQuery.hists });
}
