/**
 * One file in, one fingerprint record out: decode (sharp or the fallback), then the shared
 * hash-core pipeline. Used by the CLI's worker pool and by the server's `/v1/match/file`.
 */
import { readFile } from 'node:fs/promises';
import { imageItem, type ImageItem, type PerceptualOptions } from '../index.js';
import { DecodeError } from '../format/decode-error.js';
import { decodeImage, type DecodeOptions } from './decode.js';

export interface HashedImage {
  item: ImageItem;
  width: number;
  height: number;
}

export type HashFileOptions = PerceptualOptions & DecodeOptions;

export async function hashImageBytes(bytes: Uint8Array, options: HashFileOptions = {}): Promise<HashedImage> {
  const pixels = await decodeImage(bytes, options);
  const item = await imageItem(bytes, pixels, options);
  return { item, width: pixels.width, height: pixels.height };
}

/** A user-facing reason for a failure: decoder errors keep their message, file errors say what happened. */
export function describeHashError(error: unknown): string {
  if (error instanceof DecodeError) return error.message;
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return error instanceof Error ? error.message : String(error);
}

export async function hashImageFile(path: string, options: HashFileOptions = {}): Promise<HashedImage> {
  return hashImageBytes(await readFile(path), options);
}

