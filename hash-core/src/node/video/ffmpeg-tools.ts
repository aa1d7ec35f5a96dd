/**
 * Where the system's ffmpeg and ffprobe are (Debian package `ffmpeg`), and how to run them: the CLI
 * and the server decode videos with them, never in-process. `DISRUPT_FFMPEG` names another ffmpeg
 * binary (its ffprobe is taken from the same folder).
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { DecodeError } from '../../format/decode-error.js';

export const FFMPEG_MISSING_MESSAGE = 'ffmpeg is needed to hash videos: apt-get install ffmpeg';

export interface VideoTools {
  ffmpeg: string;
  ffprobe: string;
}

export function videoTools(env: NodeJS.ProcessEnv = process.env): VideoTools {
  const ffmpeg = env.DISRUPT_FFMPEG || 'ffmpeg';
  const ffprobe = ffmpeg.includes('/') ? join(dirname(ffmpeg), basename(ffmpeg).replace('ffmpeg', 'ffprobe')) : 'ffprobe';
  return { ffmpeg, ffprobe };
}

export type ToolProcess = ChildProcessByStdio<null, Readable, Readable>;

/** Spawns a tool with stdout and stderr piped; a missing binary becomes the DecodeError people read. */
export function spawnTool(command: string, args: string[], signal?: AbortSignal): { child: ToolProcess; failed: Promise<never> } {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], signal });
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'EACCES') reject(new DecodeError('decoder-unavailable', FFMPEG_MISSING_MESSAGE, { cause: error }));
      else reject(error);
    });
  });
  failed.catch(() => {});
  return { child, failed };
}

/** The last `limit` characters a stream writes (ffmpeg's stderr can be long on a damaged file). */
export function collectTail(stream: Readable, limit = 4096): () => string {
  let tail = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    tail = (tail + chunk).slice(-limit);
  });
  return () => tail;
}

/** ffmpeg's own reason for a failure, last line first, with the file's path taken out (never shown). */
export function toolReason(stderr: string, path: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.split(`${path}: `).join('').split(path).join('the file').trim())
    .filter((l) => l !== '');
  return lines[lines.length - 1] ?? '';
}

/** Resolves with the exit code once the process has ended (or rejects when it could not start). */
export function exitCode(child: ToolProcess, failed: Promise<never>): Promise<number | null> {
  return Promise.race([new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code))), failed]);
}
