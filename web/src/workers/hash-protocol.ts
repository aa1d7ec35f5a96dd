/**
 * The messages between the page (lib/worker-bridge.ts) and the hashing worker (hash.worker.ts).
 * Types only: both sides import it, and it needs neither DOM nor worker globals.
 */
import type { DecodeErrorCode, ImageItem } from '@disrupt/hash-core';

/** One image to fingerprint: a File/Blob as picked, or bytes with their MIME type. */
export type HashRequest =
  | { id: number; file: Blob; dihedral: boolean }
  | { id: number; bytes: ArrayBuffer; type: string; dihedral: boolean };

/**
 * Why an image could not be fingerprinted: a DecodeErrorCode when hash-core's preflight (or the
 * pixel limit) refused the file, with the CLI's message; otherwise `unreadable` (the browser could
 * not decode it as an image) or `failed` (anything else: a bug or the device out of memory).
 */
export type HashErrorCode = DecodeErrorCode | 'unreadable' | 'failed';

export type HashResponse =
  | { id: number; ok: true; item: ImageItem; width: number; height: number }
  /** `message`: the sentence to show, shared with the CLI; absent for the generic codes. */
  | { id: number; ok: false; code: HashErrorCode; detail: string; message?: string };
