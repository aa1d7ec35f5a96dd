/**
 * The fallback decoder: ffmpeg.wasm's single-thread core (@ffmpeg/core, the same build its
 * @ffmpeg/ffmpeg wrapper loads, used directly: this worker is already off the main thread). It is
 * imported only when a file needs it, and its wasm (~31 MB) is a hashed file of our own origin,
 * never a CDN. The file is mounted read-only (WORKERFS reads it lazily, never copied whole into
 * the wasm memory), and each sampled frame is decoded on its own (`-ss t -frames:v 1`), so memory
 * holds one frame at a time however long the video is.
 */
import type { Pixels } from '@disrupt/hash-core';
import ffmpegWasmUrl from '@ffmpeg/core/wasm?url';
import { VideoFailure } from './video-failure.js';

interface FfmpegCore {
  exec(...args: string[]): number;
  reset(): void;
  setLogger(logger: (entry: { type: string; message: string }) => void): void;
  FS: {
    mkdir(path: string): void;
    mount(type: unknown, options: unknown, mountPoint: string): void;
    unmount(mountPoint: string): void;
    readFile(path: string): Uint8Array;
    unlink(path: string): void;
    analyzePath(path: string): { exists: boolean };
    filesystems: Record<string, unknown>;
  };
}

export interface FfmpegVideoInfo {
  durationMs: number;
  width: number;
  height: number;
  /** Frames per second as ffmpeg announces them, or null when it does not. */
  fps: number | null;
}

const INPUT_DIR = '/input';
const INPUT = `${INPUT_DIR}/video`;
const OUTPUT = '/frame.pam';

let loading: Promise<FfmpegCore> | undefined;
let log: string[] = [];

async function instantiate(): Promise<FfmpegCore> {
  const createFFmpegCore = (await import('@ffmpeg/core')).default as (options: object) => Promise<FfmpegCore>;
  // The core finds its wasm through this URL's fragment (how @ffmpeg/ffmpeg passes it too).
  const core = await createFFmpegCore({ mainScriptUrlOrBlob: `core#${btoa(JSON.stringify({ wasmURL: ffmpegWasmUrl, workerURL: '' }))}` });
  core.setLogger(({ message }) => {
    if (log.length < 200) log.push(message);
  });
  core.FS.mkdir(INPUT_DIR);
  return core;
}

function loadCore(): Promise<FfmpegCore> {
  loading ??= instantiate().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

function run(core: FfmpegCore, args: string[]): { status: number; log: string[] } {
  log = [];
  const status = core.exec(...args);
  core.reset();
  return { status, log };
}

/**
 * How many frames one core decodes before a fresh one takes over: each `exec` leaves some of the
 * core's memory behind, and a 60 s 720p video at a frame every 0.5 s (120 runs) ran it out of
 * bounds. A new instance costs a few hundred milliseconds (the wasm module stays compiled).
 */
const FRAMES_PER_CORE = 40;

/**
 * Opens `file` with ffmpeg.wasm: its duration and picture size from ffmpeg's own description of
 * the input (`ffmpeg -i`), then `frameAt(t)` for each sampled time.
 */
export async function openWithFfmpeg(file: Blob): Promise<{ info: FfmpegVideoInfo; frameAt(t: number): Promise<Pixels | undefined>; close(): void }> {
  let core = await loadCore();
  const mount = () => core.FS.mount(core.FS.filesystems.WORKERFS, { blobs: [{ name: 'video', data: file }] }, INPUT_DIR);
  const close = () => core.FS.unmount(INPUT_DIR);
  mount();
  try {
    const info = describeInput(run(core, ['-hide_banner', '-i', INPUT]).log);
    let decoded = 0;
    const frameAt = async (t: number) => {
      if (++decoded % FRAMES_PER_CORE === 0) {
        close();
        loading = undefined; // the next loadCore() makes a fresh instance; the old one is garbage
        core = await loadCore();
        mount();
      }
      return decodeFrame(core, shownAt(t, info.fps));
    };
    return { info, frameAt, close };
  } catch (error) {
    close();
    throw error;
  }
}

function describeInput(lines: readonly string[]): FfmpegVideoInfo {
  const text = lines.join('\n');
  const videoStream = /Stream #\d+:\d+.*?: Video: .*?(\d{2,5})x(\d{2,5})/.exec(text);
  if (!/Input #0/.test(text)) throw new VideoFailure('video-unreadable', `ffmpeg cannot read it: ${lines.slice(-3).join(' | ')}`);
  if (!videoStream) throw new VideoFailure('no-picture', 'no video stream');
  const duration = /Duration: (\d+):(\d{2}):(\d{2}(?:\.\d+)?)/.exec(text);
  if (!duration) throw new VideoFailure('video-unreadable', 'ffmpeg gives no duration');
  const seconds = Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3]);
  const fps = /Stream #\d+:\d+.*?: Video: .*?, (\d+(?:\.\d+)?) fps/.exec(text);
  return { durationMs: Math.round(seconds * 1000), width: Number(videoStream[1]), height: Number(videoStream[2]), fps: fps ? Number(fps[1]) : null };
}

/**
 * Where to seek for the frame shown at `t`: the last one starting at or before it, as the CLI's
 * ffmpeg and the browser's decoder take. `-ss t` gives the frame starting nearest `t` (the seek
 * point is rounded to the stream's time base), a frame later between frame starts — between whole
 * seconds, as at a frame every 0.5 s at 25 fps, and at a cut that is another picture. A quarter
 * of a frame before that frame's start selects it whether ffmpeg rounds or takes the next start.
 */
function shownAt(t: number, fps: number | null): number {
  if (fps === null || !(fps > 0)) return t;
  const frame = Math.floor(t * fps + 1e-6);
  return Math.max(0, (frame - 0.25) / fps);
}

/** The frame shown at `t` seconds as RGBA (rotation applied, as ffmpeg does by default), or undefined past the end. */
function decodeFrame(core: FfmpegCore, t: number): Pixels | undefined {
  const args = ['-v', 'error', '-ss', t.toFixed(3), '-i', INPUT, '-an', '-sn', '-frames:v', '1', '-f', 'image2', '-c:v', 'pam', '-pix_fmt', 'rgba', OUTPUT];
  run(core, args);
  if (!core.FS.analyzePath(OUTPUT).exists) return undefined;
  const bytes = core.FS.readFile(OUTPUT);
  core.FS.unlink(OUTPUT);
  return parsePam(bytes);
}

/** A PAM image (`P7`, WIDTH, HEIGHT, DEPTH 4, MAXVAL 255, ENDHDR) as RGBA pixels. */
export function parsePam(bytes: Uint8Array): Pixels {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 256)));
  const end = head.indexOf('ENDHDR\n');
  if (!head.startsWith('P7\n') || end < 0) throw new Error('ffmpeg gave no PAM image');
  const field = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(head)?.[1]);
  const width = field('WIDTH');
  const height = field('HEIGHT');
  if (field('DEPTH') !== 4 || field('MAXVAL') !== 255) throw new Error('ffmpeg gave a PAM image that is not 8-bit RGBA');
  const start = end + 'ENDHDR\n'.length;
  if (bytes.length < start + width * height * 4) throw new Error('ffmpeg gave a PAM image cut short');
  return { width, height, data: bytes.subarray(start, start + width * height * 4) };
}
