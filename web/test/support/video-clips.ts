/**
 * Video files for the page's tests, made with the system ffmpeg (Debian package) in a temporary
 * folder: what only ffmpeg.wasm can decode (AVI with MPEG-4 Part 2), and long clips for cancel and
 * memory. Tests that need them skip visibly when ffmpeg is absent.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { darkenedFilter } from '../../../hash-core/src/test-support/darkened.js';

export const hasFfmpeg = spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0;

export class ClipFolder {
  readonly dir = mkdtempSync(join(tmpdir(), 'disrupt-clips-'));

  private make(name: string, args: string[]): string {
    const path = join(this.dir, name);
    execFileSync('ffmpeg', ['-v', 'error', '-y', ...args, path], { stdio: ['ignore', 'ignore', 'inherit'] });
    return path;
  }

  /** `source` re-encoded as MPEG-4 Part 2 in AVI: Chromium plays neither, ffmpeg.wasm both. */
  avi(source: string, name = 'clip.avi'): string {
    return this.make(name, ['-i', source, '-an', '-c:v', 'mpeg4', '-q:v', '4', '-f', 'avi']);
  }

  /**
   * A synthetic H.264 MP4 of `seconds`: a moving test pattern (`mandelbrot` for pictures unlike
   * testsrc2's), small and few frames per second unless asked. `bitrate` with `noise` makes a big file (noise cannot be compressed away).
   */
  longMp4(seconds: number, name: string, options: { size?: string; fps?: number; bitrate?: string; noise?: boolean; pattern?: 'testsrc2' | 'mandelbrot' } = {}): string {
    const { size = '320x180', fps = 5, bitrate, noise = false, pattern = 'testsrc2' } = options;
    return this.make(name, [
      ...['-f', 'lavfi', '-i', `${pattern}=size=${size}:rate=${fps}`, '-t', String(seconds)],
      ...(noise ? ['-vf', 'noise=alls=30:allf=t'] : []),
      ...['-c:v', 'libx264', '-preset', 'ultrafast', ...(bitrate === undefined ? [] : ['-b:v', bitrate]), '-g', String(Math.max(1, fps * 2)), '-pix_fmt', 'yuv420p'],
    ]);
  }

  /** `source` re-encoded as VP9 in WebM (what a browser's MediaRecorder and many sites make). */
  webm(source: string, name = 'clip.webm'): string {
    return this.make(name, ['-i', source, '-an', '-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '2M']);
  }

  /** `source` stored as it is with a 90° rotation in its header, as phones store portrait videos. */
  sideways(source: string, name = 'sideways.mp4'): string {
    return this.make(name, ['-i', source, '-c', 'copy', '-metadata:s:v:0', 'rotate=90']);
  }

  /** `source` decoded by ffmpeg (its rotation applied) and stored upright, re-encoded nearly losslessly. */
  upright(source: string, name = 'upright.mp4'): string {
    return this.make(name, ['-i', source, '-an', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '12', '-pix_fmt', 'yuv420p']);
  }

  /** `source` at `level` (0–1) of its brightness, every colour channel scaled: a video filmed in a dim room. */
  darkened(source: string, level: number, name = 'dark.mp4'): string {
    return this.make(name, ['-i', source, '-an', '-vf', darkenedFilter(level), '-c:v', 'libx264', '-crf', '29', '-pix_fmt', 'yuv420p']);
  }

  /** A sound-only file (an M4A in the MP4 container). */
  soundOnly(name = 'sound.mp4'): string {
    return this.make(name, ['-f', 'lavfi', '-i', 'sine=frequency=440:duration=3', '-c:a', 'aac']);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
