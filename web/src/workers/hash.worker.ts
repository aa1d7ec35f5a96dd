/**
 * The hashing worker: decodes one image and computes its `Item` with hash-core, off the main
 * thread. It makes no network request; the bytes it gets never leave it, only fingerprints do.
 * One request at a time (the bridge never sends a second before the first is answered).
 */
import { imageItem } from '@disrupt/hash-core';
import { decodeImage, DecodeFailure } from './decode-image.js';
import type { HashRequest, HashResponse } from './hash-protocol.js';

declare const self: DedicatedWorkerGlobalScope;

self.addEventListener('message', (event: MessageEvent<HashRequest>) => {
  void handle(event.data).then((response) => self.postMessage(response));
});

async function handle(request: HashRequest): Promise<HashResponse> {
  try {
    const file = 'file' in request ? request.file : new Blob([request.bytes], { type: request.type });
    const bytes = await readBytes(file);
    const pixels = await decodeImage(file, bytes);
    const item = await imageItem(bytes, pixels, { dihedral: request.dihedral });
    return { id: request.id, ok: true, item, width: pixels.width, height: pixels.height };
  } catch (error) {
    if (error instanceof DecodeFailure) {
      const failure = { id: request.id, ok: false, code: error.code, detail: error.message } as const;
      return error.userMessage === undefined ? failure : { ...failure, message: error.userMessage };
    }
    return { id: request.id, ok: false, code: 'failed', detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

async function readBytes(file: Blob): Promise<Uint8Array> {
  try {
    return new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    // The file was moved or changed after it was picked, or the disk failed.
    throw new DecodeFailure('unreadable', `reading the file: ${(error as Error).message}`);
  }
}
