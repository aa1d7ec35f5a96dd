/**
 * Malformed media, to `disrupt hash` and to /v1/match/file: truncated, corrupt and zero-byte
 * files, a decompression-bomb PNG (30000 × 30000 in its header), wrong extensions, a video whose
 * frames are 8192 × 8192 (1 GB of decoding from a few hundred KB), a video whose header lies about
 * its size, a two-hour video. Each must end in a clear error (or, for the harmless ones, a result)
 * within bounded time and memory: the CLI's peak resident memory (GNU time, the process and the
 * ffmpeg it waits for) and the server's (VmHWM) are measured.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { residentWithChildren } from './fuzz-setup.js';
import { CLI, REPO_ROOT } from './server-process.js';

export interface MediaReport {
  target: 'disrupt hash' | '/v1/match/file';
  file: string;
  /** exit code, or HTTP status */
  outcome: string;
  message: string;
  ms: number;
  rssMB: number;
  violations: string[];
}

interface MediaFile {
  path: string;
  /** true: must be refused; false: a result is fine too (a misnamed but valid file). */
  refused: boolean;
}

/** Peak memory allowed while hashing one malformed file (CLI: with its ffmpeg; server: growth). */
export const MEDIA_MAX_RSS_MB = 600;
export const MEDIA_MAX_MS = 30_000;

const hasFfmpeg = spawnSync('ffmpeg', ['-version']).status === 0;

function ffmpeg(args: string[]): void {
  const result = spawnSync('ffmpeg', ['-v', 'error', '-y', ...args]);
  if (result.status !== 0) throw new Error(`ffmpeg ${args.join(' ')}: ${result.stderr}`);
}

let made: { dir: string; files: MediaFile[]; long: boolean } | undefined;

/** The files, made once per process in a temporary folder removed at exit. */
function media(long: boolean, only?: readonly string[]): MediaFile[] {
  if (!made || (long && !made.long)) {
    if (made) rmSync(made.dir, { recursive: true, force: true });
    const dir = mkdtempSync(join(tmpdir(), 'disrupt-media-'));
    made = { dir, files: makeMedia(dir, long), long };
    process.once('exit', removeMedia);
  }
  return made.files.filter((file) => (only ? only.includes(basename(file.path)) : long || !file.path.endsWith('two-hours.mp4')));
}

/** Removes the files made for the fuzzing (a test worker may be ended without an 'exit' event). */
export function removeMedia(): void {
  if (made) rmSync(made.dir, { recursive: true, force: true });
  made = undefined;
}

/** The files, made in `dir` (videos only when ffmpeg is there; `long` adds a two-hour video). */
function makeMedia(dir: string, long: boolean): MediaFile[] {
  const fixture = (name: string) => join(REPO_ROOT, 'fixtures/images', name);
  const files: MediaFile[] = ['bomb.png', 'truncated.png', 'truncated.jpg', 'corrupt.png', 'corrupt.jpg', 'corrupt.heic', 'empty.jpg', 'not-an-image.jpg', 'clip.mp4'].map((name) => ({ path: fixture(name), refused: true }));
  const put = (name: string, content: Buffer | string, refused: boolean) => {
    writeFileSync(join(dir, name), content);
    files.push({ path: join(dir, name), refused });
  };
  put('zero-byte.mp4', '', true);
  put('text.mp4', 'a text file named like a video\n', true);
  put('truncated-header.png', readFileSync(fixture('pattern.png')).subarray(0, 30), true);
  copyFileSync(join(REPO_ROOT, 'fixtures/sample/pattern.png'), join(dir, 'png-named.mp4'));
  files.push({ path: join(dir, 'png-named.mp4'), refused: false });
  if (!hasFfmpeg) return files;
  const small = join(dir, 'small.mp4');
  ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=64x64:rate=10', '-t', '2', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', small]);
  const bytes = readFileSync(small);
  put('truncated.mp4', bytes.subarray(0, bytes.length >> 1), true);
  // The container says 65535 × 65535; the stream inside is 64 × 64.
  const lying = Buffer.from(bytes);
  const sampleEntry = lying.indexOf('avc1');
  lying.writeUInt16BE(0xffff, sampleEntry + 28);
  lying.writeUInt16BE(0xffff, sampleEntry + 30);
  put('lying-header.mp4', lying, false);
  put('video-named.png', bytes, false);
  const bomb = join(dir, 'huge-frames.mp4');
  ffmpeg(['-f', 'lavfi', '-i', 'color=c=red:size=8192x8192:rate=1', '-t', '1', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', bomb]);
  files.push({ path: bomb, refused: true });
  if (long) {
    const hours = join(dir, 'two-hours.mp4');
    ffmpeg(['-f', 'lavfi', '-i', 'color=c=gray:size=16x16:rate=1', '-t', '7200', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', hours]);
    files.push({ path: hours, refused: false });
  }
  return files;
}

function judge(report: Omit<MediaReport, 'violations'>, file: MediaFile, refused: boolean, clear: boolean): MediaReport {
  const violations: string[] = [];
  const what = `${report.target} ${report.file}`;
  if (file.refused && !refused) violations.push(`${what}: accepted (${report.outcome}), should be refused`);
  if (refused && !clear) violations.push(`${what}: refused without a clear message (${report.outcome}: ${report.message})`);
  if (report.ms > MEDIA_MAX_MS) violations.push(`${what}: took ${report.ms} ms`);
  if (report.rssMB > MEDIA_MAX_RSS_MB) violations.push(`${what}: ${report.rssMB} MB resident`);
  return { ...report, violations };
}

/** `disrupt hash <file>` on each file, under GNU time for the peak memory. */
export async function fuzzCli(options: { long: boolean; only?: readonly string[] }): Promise<MediaReport[]> {
  return media(options.long, options.only).map((file) => {
    const started = performance.now();
    const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, CLI, 'hash', file.path], { encoding: 'utf8', timeout: 120_000 });
    const ms = Math.round(performance.now() - started);
    const rssMB = Math.round(Number(result.stderr.trim().split('\n').at(-1)) / 1024);
    const line = JSON.parse(result.stdout.trim().split('\n')[0] || '{}') as { error?: string };
    const refused = result.status !== 0;
    const message = line.error ?? (refused ? (result.stderr.trim().split('\n')[0] ?? '') : 'hashed');
    // A clear refusal: exit code 1 (not a signal or a crash) and the reason in plain words.
    const clear = result.status === 1 && typeof line.error === 'string' && line.error.length > 10;
    return judge({ target: 'disrupt hash', file: basename(file.path), outcome: `exit ${result.status ?? result.signal}`, message, ms, rssMB }, file, refused, clear);
  });
}

const MEDIA_TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.heic': 'image/heic', '.mp4': 'video/mp4' };

/**
 * Each file as a platform's upload to /v1/match/file; memory is the growth of the server and its
 * ffmpeg children over their level before (sampled every 20 ms: a brief peak can be missed).
 */
export async function fuzzMatchFile(url: string, apiKey: string, serverPid: number): Promise<MediaReport[]> {
  const reports: MediaReport[] = [];
  for (const file of media(false)) {
    const before = residentWithChildren(serverPid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, residentWithChildren(serverPid))), 20);
    const form = new FormData();
    form.append('file', new Blob([readFileSync(file.path)], { type: MEDIA_TYPES[extname(file.path)] ?? 'application/octet-stream' }), basename(file.path));
    const started = performance.now();
    const response = await fetch(`${url}/v1/match/file`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}` }, body: form });
    const text = await response.text();
    const ms = Math.round(performance.now() - started);
    clearInterval(sampler);
    peak = Math.max(peak, residentWithChildren(serverPid));
    const refused = response.status >= 400;
    let message = text.slice(0, 200);
    let clear = false;
    try {
      const problem = JSON.parse(text) as { detail?: string };
      message = problem.detail ?? message;
      clear = refused && response.status < 500 && (response.headers.get('content-type') ?? '').startsWith('application/problem+json') && (problem.detail ?? '').length > 10;
    } catch {
      // not JSON: not clear
    }
    const report = judge({ target: '/v1/match/file', file: basename(file.path), outcome: String(response.status), message, ms, rssMB: Math.round((peak - before) / 1e6) }, file, refused, clear);
    if (response.status >= 500) report.violations.push(`/v1/match/file ${basename(file.path)}: ${response.status}`);
    reports.push(report);
  }
  return reports;
}
