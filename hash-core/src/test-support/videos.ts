/**
 * Videos for tests, made on the spot with the system's ffmpeg (Debian package; scripts/test
 * installs it). Without ffmpeg, video tests skip with a visible reason instead of failing.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { extname } from 'node:path';
import { describe, it } from 'vitest';

export const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0 && spawnSync('ffprobe', ['-version']).status === 0;

export function describeWithFfmpeg(name: string, body: () => void): void {
  if (hasFfmpeg) describe(name, body);
  else describe(name, () => it.skip('skipped: ffmpeg/ffprobe not found (apt-get install ffmpeg)', () => {}));
}

export interface TestVideoOptions {
  seconds?: number;
  width?: number;
  height?: number;
  fps?: number;
  /** Display rotation written in the container (degrees), as phones do. */
  rotate?: number;
  /** ffmpeg output arguments replacing the default H.264/MP4 ones. */
  codec?: string[];
}

/** Writes a moving test pattern (ffmpeg's testsrc2) to `path`. */
export function makeTestVideo(path: string, options: TestVideoOptions = {}): void {
  const { seconds = 5, width = 320, height = 240, fps = 25, rotate, codec = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'] } = options;
  const encoded = rotate === undefined ? path : `${path}.unturned${extname(path)}`;
  ffmpeg(['-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${fps}:duration=${seconds}`, ...codec, encoded]);
  if (rotate !== undefined) {
    // ffmpeg 5 writes the rotation only when copying a stream, not while encoding it.
    ffmpeg(['-i', encoded, '-c', 'copy', '-metadata:s:v:0', `rotate=${rotate}`, path]);
    rmSync(encoded);
  }
}

function ffmpeg(args: string[]): void {
  const run = spawnSync('ffmpeg', ['-v', 'error', '-y', ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`ffmpeg could not make a test video: ${run.stderr}`);
}
