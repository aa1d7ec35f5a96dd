/**
 * Reading the one file of a /v1/match/file request. An image stays in memory (50 MB at most) and
 * is never written anywhere. A video cannot be hashed from memory — ffmpeg reads an MP4's index
 * from its end, so it needs a seekable file — so its bytes go to a private temporary file (in
 * /dev/shm, memory-backed, when the system has it; mode 0600 in a 0700 folder), removed as soon as
 * its frames are hashed, whatever happens. The kind is told from the first bytes, as they arrive.
 */
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sniffFormat } from '@disrupt/hash-core';
import type { MultipartFile } from '@fastify/multipart';
import { problems } from '../../errors.js';

export const MATCH_FILE_MAX_BYTES = 50 * 1024 * 1024;
export const MATCH_VIDEO_MAX_BYTES = 256 * 1024 * 1024;
/** Enough of the file's start to recognise its format. */
const SNIFF_BYTES = 4096;

export type Upload = { kind: 'image'; bytes: Buffer } | { kind: 'video'; path: string; remove(): Promise<void> };

/** A memory-backed folder when there is one, so a video's bytes never reach a disk. */
async function temporaryFolder(): Promise<string> {
  for (const base of ['/dev/shm', tmpdir()]) {
    try {
      if ((await stat(base)).isDirectory()) return await mkdtemp(join(base, 'disrupt-match-'));
    } catch {
      // not there or not writable: the next one
    }
  }
  throw new Error('no temporary folder is writable');
}

/**
 * Reads `part` to its end (so the request is always consumed), keeping an image in memory and
 * writing a video to a temporary file. Too large: a 413 naming the limit for its kind.
 */
export async function readUpload(part: MultipartFile): Promise<Upload> {
  const head: Buffer[] = [];
  let headBytes = 0;
  let kind: 'image' | 'video' | undefined;
  let size = 0;
  let folder: string | undefined;
  let file: Awaited<ReturnType<typeof open>> | undefined;
  const chunks: Buffer[] = [];
  const decide = async () => {
    kind = sniffFormat(Buffer.concat(head)).kind === 'video' ? 'video' : 'image';
    if (kind === 'video') {
      folder = await temporaryFolder();
      file = await open(join(folder, 'upload'), 'wx', 0o600);
      for (const piece of head) await file.write(piece);
    } else chunks.push(...head);
  };
  try {
    for await (const chunk of part.file as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (kind === undefined) {
        head.push(chunk);
        headBytes += chunk.length;
        if (headBytes >= SNIFF_BYTES) await decide();
      } else if (file) await file.write(chunk);
      else if (size <= MATCH_FILE_MAX_BYTES) chunks.push(chunk); // over it: read on, keep nothing
    }
    if (kind === undefined) await decide(); // a file shorter than the sniffed prefix
    const truncated = (part.file as { truncated?: boolean }).truncated === true;
    if (kind === 'video') {
      if (truncated) throw problems.tooLarge(MATCH_VIDEO_MAX_BYTES, 'for a video');
      await file!.close();
      file = undefined;
      const own = folder!;
      folder = undefined; // the caller removes it now
      return { kind: 'video', path: join(own, 'upload'), remove: () => rm(own, { recursive: true, force: true }) };
    }
    if (truncated || size > MATCH_FILE_MAX_BYTES) throw problems.tooLarge(MATCH_FILE_MAX_BYTES, 'for an image');
    return { kind: 'image', bytes: Buffer.concat(chunks) };
  } finally {
    await file?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  }
}
