/** Worker for `pnpm eval:video`: hashes its share of the video files with hashVideoFile, one at a time. */
import { parentPort, workerData } from 'node:worker_threads';
import { hashVideoFile } from '@disrupt/hash-core/node';

const { files, interval } = workerData as { files: { index: number; file: string }[]; interval?: number };
for (const { index, file } of files) {
  try {
    const { item } = await hashVideoFile(file, { interval });
    parentPort!.postMessage({ index, ok: true, item });
  } catch (error) {
    parentPort!.postMessage({ index, ok: false, error: (error as Error).message });
  }
}
