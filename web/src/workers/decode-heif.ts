/**
 * HEIC through libheif's WebAssembly build (libheif-js), the very module the CLI uses. Imported
 * only when a HEIC file is picked: the wasm file (a hashed asset of our own origin, allowed by the
 * CSP's 'wasm-unsafe-eval') is then fetched once and kept for the worker's life.
 */
import { decodeHeif, type LibheifModule, type RawImage } from '@disrupt/hash-core';
import createLibheif from 'libheif-js/libheif-wasm/libheif.js';
import libheifWasmUrl from 'libheif-js/libheif-wasm/libheif.wasm?url';

let loading: Promise<LibheifModule> | undefined;

async function instantiate(): Promise<LibheifModule> {
  const response = await fetch(libheifWasmUrl);
  if (!response.ok) throw new Error(`GET ${libheifWasmUrl}: ${response.status}`);
  const wasmBinary = new Uint8Array(await response.arrayBuffer());
  // This build instantiates synchronously from wasmBinary, so the module is ready on return.
  return createLibheif({ wasmBinary, print: () => {}, printErr: (text: string) => console.warn(text) }) as unknown as LibheifModule;
}

function loadLibheif(): Promise<LibheifModule> {
  loading ??= instantiate().catch((error: unknown) => {
    loading = undefined; // the next HEIC tries again
    throw error;
  });
  return loading;
}

export async function decodeHeic(bytes: Uint8Array, maxPixels: number): Promise<RawImage> {
  return decodeHeif(await loadLibheif(), bytes, maxPixels);
}
