/**
 * The video side of `disrupt hash`: which files are videos (from their first bytes, never their
 * name), hashing one with the system's ffmpeg, a progress line on a terminal, and a note when a
 * long video had to be sampled more sparsely than asked.
 */
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { MAX_VIDEO_FRAMES } from '@disrupt/hash-core';
import { describeHashError, hashVideoFile, sniffFormat, type HashedVideo } from '@disrupt/hash-core/node';

/** Enough of the head for every container sniffFormat knows (ISO BMFF brands, MPEG-TS packets). */
const SNIFF_BYTES = 4096;

/** Whether `file` starts like a video. Unreadable files say no: the image path reports why. */
export async function isVideoFile(file: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'r');
    const head = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    return sniffFormat(head.subarray(0, bytesRead)).kind === 'video';
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

export type VideoOutcome = { ok: true; value: HashedVideo } | { ok: false; error: string };

/** Hashes one video, drawing `name: 12 s of 60 s` on stderr when it is a terminal. */
export async function hashVideoTarget(file: string, interval: number | undefined, stream: NodeJS.WriteStream = process.stderr): Promise<VideoOutcome> {
  const showProgress = stream.isTTY === true;
  let lastDraw = 0;
  try {
    const value = await hashVideoFile(file, {
      interval,
      onFrame: (t, durationMs) => {
        const now = Date.now();
        if (!showProgress || now - lastDraw < 100) return;
        lastDraw = now;
        const total = durationMs === null ? '' : ` of ${Math.round(durationMs / 1000)} s`;
        stream.write(`\r\x1b[K${basename(file)}: ${Math.round(t)} s${total}`);
      },
    });
    const requested = interval ?? 1;
    if (value.item.frameInterval > requested) {
      const limit = requested * MAX_VIDEO_FRAMES;
      const longer = limit >= 3600 ? `${Number((limit / 3600).toFixed(1))} h` : `${Math.round(limit / 60)} min`;
      stream.write(`${showProgress ? '\r\x1b[K' : ''}note: ${file}: longer than ${longer}, so its frames are sampled every ${value.item.frameInterval} s instead of ${requested} s (at most ${MAX_VIDEO_FRAMES} frames)\n`);
    }
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: describeHashError(error) };
  } finally {
    if (showProgress && lastDraw > 0) stream.write('\r\x1b[K');
  }
}
