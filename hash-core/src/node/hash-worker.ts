import { parentPort, workerData } from 'node:worker_threads';
import { describeHashError, hashImageFile, type HashFileOptions } from './hash-file.js';
import type { HashOutcome } from './hash-pool.js';

const options = workerData as HashFileOptions;

parentPort!.on('message', async (path: string) => {
  let outcome: HashOutcome;
  try {
    outcome = { ok: true, value: await hashImageFile(path, options) };
  } catch (error) {
    outcome = { ok: false, error: describeHashError(error) };
  }
  parentPort!.postMessage(outcome);
});
