/**
 * The messages between the page (lib/worker-bridge.ts) and the hashing worker (hash.worker.ts).
 * Types only: both sides import it, and it needs neither DOM nor worker globals.
 */
import type { ImageItem } from '@disrupt/hash-core';

/** One image to fingerprint: a File/Blob as picked, or bytes with their MIME type. */
export type HashRequest =
  | { id: number; file: Blob; dihedral: boolean }
  | { id: number; bytes: ArrayBuffer; type: string; dihedral: boolean };

/**
 * Why an image could not be fingerprinted: `unreadable` (the browser cannot decode it as an image),
 * `too-large` (over the pixel limit), `failed` (anything else: a bug or the device out of memory).
 */
export type HashErrorCode = 'unreadable' | 'too-large' | 'failed';

export type HashResponse =
  | { id: number; ok: true; item: ImageItem; width: number; height: number }
  | { id: number; ok: false; code: HashErrorCode; detail: string };
