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
    port.postMessage({ chunk: c, bank }, [bank.plain.buffer, bank.variants.buffer, bank.present.buffer, bank.sources.buffer, bank.blockhash.buffer, bank.blockhashPresent.buffer, bank.sides.buffer, bank.sidesPresent.buffer, bank.quality.buffer, bank.detailed.buffer, bank.framed.buffer, bank.framedPresent.buffer, bank.framedDetailed.buffer]);
  }
} else {
  const plain = new Float64Array(HISTOGRAM_SIZE);
  const joint = new Float64Array(HISTOGRAM_SIZE * DISTANCES);
  const blockhash = Array.from({ length: 3 + ALSO_SEARCHED.length }, () => new Float64Array(HISTOGRAM_SIZE));
  const perQuery = { radii: job.radii, hists: new Float64Array(job.queries.length * (1 + job.radii.length) * HISTOGRAM_SIZE) };
  scorePairs(job.queries, job.bank, plain, joint, blockhash, perQuery);
  port.postMessage({ plain, joint, blockhash, perQuery: perQuery.hists });
}
