/**
 * The hashing worker: decodes one image and computes its `Item` with hash-core, off the main
 * thread. Its only requests are for its own decoders (HEIC, CMYK), from our origin, when needed;
 * the bytes it gets never leave it, only fingerprints do.
 * One request at a time (the bridge never sends a second before the first is answered).
 */
import { exactDigests, imageItem, releaseScratch } from '@disrupt/hash-core';
import { decodeImage, DecodeFailure } from './decode-image.js';
import type { HashRequest, HashResponse } from './hash-protocol.js';

declare const self: DedicatedWorkerGlobalScope;

/**
 * hash-core keeps its big buffers between photos (up to ~50 MB: allocating them anew cost ~11 ms
 * a photo); they are freed once no photo came for this long, so an idle page does not hold them.
 */
const RELEASE_AFTER_MS = 5_000;
let idle: ReturnType<typeof setTimeout> | undefined;

self.addEventListener('message', (event: MessageEvent<HashRequest>) => {
  clearTimeout(idle);
  void handle(event.data).then((response) => {
    self.postMessage(response);
    idle = setTimeout(releaseScratch, RELEASE_AFTER_MS);
  });
});

async function handle(request: HashRequest): Promise<HashResponse> {
  try {
    const file = 'file' in request ? request.file : new Blob([request.bytes], { type: request.type });
    const bytes = await readBytes(file);
    const decoding = decodeImage(file, bytes);
    // The browser decodes on a thread of its own: this one computes the digests meanwhile.
    const digests = exactDigests(bytes);
    digests.catch(() => {}); // awaited by imageItem, unless decoding fails first
    const pixels = await decoding;
    const item = await imageItem(bytes, pixels, { dihedral: request.dihedral, digests });
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
