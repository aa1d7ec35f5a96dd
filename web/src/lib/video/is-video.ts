import { sniffFormat } from '@disrupt/hash-core';

/** Enough for every signature sniffFormat reads (ISO BMFF brands, the EBML DocType). */
const HEAD_BYTES = 4096;

/** Whether the file is a video by its first bytes (never by its name, which can be anything). */
export async function isVideoFile(file: Blob): Promise<boolean> {
  try {
    return sniffFormat(new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer())).kind === 'video';
  } catch {
    return false; // unreadable: the photo path says so in its words
  }
}
