/**
 * Starting a worker thread from a TypeScript file under tsx: its hooks are not inherited by a
 * worker started from a .ts file, so the worker registers them first, then imports the file.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export function runTsWorker(file: URL, data: unknown, onMessage: (message: any) => void): Promise<void> {
  return new Promise((ok, fail) => {
    const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
    const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(file.href)}); })`;
    const worker = new Worker(boot, { eval: true, workerData: data });
    worker.on('message', onMessage);
    worker.on('error', fail);
    worker.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`worker exited with ${code}`))));
  });
}
