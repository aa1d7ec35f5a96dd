/**
 * HEIC in Node: the same libheif WebAssembly build as the browser page (libheif-js), read from
 * node_modules and instantiated once per thread, on the first HEIC only. sharp is not used for
 * HEIC even where its libheif could decode HEVC: the page and the CLI must hash the same pixels.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DecodeError } from '../format/decode-error.js';
import { decodeHeif, type LibheifModule } from '../decode/heif.js';
import type { RawImage } from '../decode/raw-image.js';

type LibheifFactory = (options: { wasmBinary: Uint8Array }) => LibheifModule;

let libheif: LibheifModule | undefined;

/** Instantiates libheif (about 25 ms, 1.4 MB of wasm); synchronous, like the build it comes from. */
function loadLibheif(): LibheifModule {
  if (libheif === undefined) {
    try {
      const require = createRequire(import.meta.url);
      const factory = require('libheif-js/libheif-wasm/libheif.js') as LibheifFactory;
      libheif = factory({ wasmBinary: readFileSync(require.resolve('libheif-js/libheif-wasm/libheif.wasm')) });
    } catch (error) {
      throw new DecodeError('decoder-unavailable', `the HEIC decoder (libheif-js) could not be loaded (${error instanceof Error ? error.message : String(error)})`, { cause: error });
    }
  }
  return libheif;
}

export function decodeHeifInNode(bytes: Uint8Array, maxPixels: number): RawImage {
  return decodeHeif(loadLibheif(), bytes, maxPixels);
}
