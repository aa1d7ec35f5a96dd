/**
 * One video file in, one VideoItem out: ffmpeg decodes the frames at the sampling interval into raw
 * RGB through a pipe, each frame is hashed as it arrives (hash-core's videoFrameHashes, as in the
 * page), and the file's bytes stream through MD5 and SHA-256 meanwhile. Memory stays at one frame
 * plus pipe buffers, whatever the video's length.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { DecodeError } from '../../format/decode-error.js';
import { emptyFileMessage } from '../../format/messages.js';
import { createDigestStream } from '../../signals/exact/digests.js';
import { MAX_VIDEO_FRAMES, roundSeconds, samplingInterval, videoFrameHashes, type VideoFrame, type VideoItem } from '../../video/video-item.js';
import { collectTail, exitCode, spawnTool, toolReason, videoTools, type VideoTools } from './ffmpeg-tools.js';
import { probeVideo, type VideoProbe } from './probe-video.js';

export interface HashVideoOptions {
  /** Seconds between sampled frames (default 1); made sparser for videos over an hour. */
  interval?: number;
  /** Called after each frame with its time and the video's duration (ms, null when unknown). */
  onFrame?: (t: number, durationMs: number | null) => void;
  /** Stops ffmpeg and rejects. */
  signal?: AbortSignal;
  tools?: VideoTools;
}

export interface HashedVideo {
  item: VideoItem;
  width: number;
  height: number;
}

/** ffmpeg's arguments: the first video stream, frames at the interval, scaled like vPDQ (area) into RGB24. */
export function decodeArgs(path: string, probe: VideoProbe, interval: number): string[] {
  const filters = [
    'setpts=PTS-STARTPTS',
    // One frame per interval: the last frame at or before each k·interval, so the frame at exactly
    // k·interval when there is one, as vPDQ takes every (fps·interval)-th frame (round=near, the
    // default, would take the frame half an interval later).
    `fps=1000/${Math.round(interval * 1000)}:round=up`,
    // The size ffprobe announced, made explicit so every frame on the pipe has it; the area scaler
    // for the conversion to RGB is what Meta's vPDQ uses.
    `scale=${probe.width}:${probe.height}:flags=area`,
    'format=rgb24',
  ];
  return ['-hide_banner', '-nostdin', '-v', 'error', '-i', path, '-map', '0:v:0', '-an', '-sn', '-dn', '-vf', filters.join(','), '-frames:v', String(MAX_VIDEO_FRAMES), '-f', 'rawvideo', 'pipe:1'];
}

async function digestFile(path: string, signal?: AbortSignal): Promise<{ md5: string; sha256: string }> {
  const digest = createDigestStream();
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20, signal })) digest.update(chunk as Buffer);
  return digest.digest();
}

/** Hashes the frames ffmpeg writes to its stdout, `frameBytes` at a time, without keeping them. */
function hashFrames(stdout: NodeJS.ReadableStream, probe: VideoProbe, times: (k: number) => number, onFrame?: HashVideoOptions['onFrame']): Promise<VideoFrame[]> {
  const frameBytes = probe.width * probe.height * 3;
  const buffer = new Uint8Array(frameBytes);
  const frames: VideoFrame[] = [];
  let filled = 0;
  return new Promise((resolve, reject) => {
    stdout.on('data', (chunk: Buffer) => {
      try {
        let offset = 0;
        while (offset < chunk.length) {
          const n = Math.min(frameBytes - filled, chunk.length - offset);
          buffer.set(chunk.subarray(offset, offset + n), filled);
          filled += n;
          offset += n;
          if (filled === frameBytes) {
            const t = times(frames.length);
            frames.push(videoFrameHashes({ width: probe.width, height: probe.height, data: buffer }, t));
            filled = 0;
            onFrame?.(t, probe.durationMs);
          }
        }
      } catch (error) {
        reject(error);
      }
    });
    stdout.once('end', () => resolve(frames));
    stdout.once('error', reject);
  });
}

/** The VideoItem of a video file (and its frame size), decoded by the system's ffmpeg. */
export async function hashVideoFile(path: string, options: HashVideoOptions = {}): Promise<HashedVideo> {
  const size = (await stat(path)).size;
  if (size === 0) throw new DecodeError('empty', emptyFileMessage());
  const tools = options.tools ?? videoTools();
  // The digests read the file while ffmpeg decodes it; stopped early when the video fails.
  const reading = new AbortController();
  const stopReading = () => reading.abort();
  options.signal?.addEventListener('abort', stopReading, { once: true });
  const digesting = digestFile(path, reading.signal);
  digesting.catch(() => {});
  try {
    const probe = await probeVideo(path, { tools, signal: options.signal });
    const interval = samplingInterval(probe.durationMs ?? 0, options.interval);
    const frames = await decodeFrames(path, probe, interval, tools, options);
    const durationMs = probe.durationMs ?? Math.round((frames[frames.length - 1]!.t + interval) * 1000);
    const { md5, sha256 } = await digesting;
    return { item: { type: 'video', sha256, md5, durationMs, frameInterval: interval, frames }, width: probe.width, height: probe.height };
  } finally {
    stopReading();
    options.signal?.removeEventListener('abort', stopReading);
  }
}

async function decodeFrames(path: string, probe: VideoProbe, interval: number, tools: VideoTools, options: HashVideoOptions): Promise<VideoFrame[]> {
  const { child, failed } = spawnTool(tools.ffmpeg, decodeArgs(path, probe, interval), options.signal);
  const stderr = collectTail(child.stderr);
  const hashing = hashFrames(child.stdout, probe, (k) => roundSeconds(k * interval), options.onFrame).catch((error: unknown) => {
    child.kill();
    throw error;
  });
  const [frames, code] = await Promise.all([hashing, exitCode(child, failed)]);
  // ffmpeg decodes what it can of a cut-off MP4/MOV and exits 0; its demuxer says "partial file".
  if (/partial file/.test(stderr())) {
    const upTo = frames.length > 0 ? `after ${Math.round(frames[frames.length - 1]!.t + interval)} s` : 'before its first frame';
    const of = probe.durationMs === null ? '' : ` of ${Math.round(probe.durationMs / 1000)} s`;
    throw new DecodeError('truncated', `the video file is incomplete: it ends ${upTo}${of} (it may have been cut off while downloading or copying)`);
  }
  if (code !== 0 || frames.length === 0) {
    const reason = toolReason(stderr(), path);
    const what = frames.length === 0 ? 'no frame could be decoded from this video' : 'ffmpeg could not decode this video to its end';
    throw new DecodeError('corrupt', `${what}${reason ? ` (${reason})` : ''}`);
  }
  return frames;
}
