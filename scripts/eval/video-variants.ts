/**
 * The edited copies of videos the evaluation queries with, made by
 * `../shared/corpus/make-video-variants.sh <folder> <out>` (Debian's ffmpeg): 8 per clip, named
 * `<id>__<transform>.<ext>`, and EMBEDDED.tsv saying which other clip ("host") each embedded copy
 * was inserted into, and where.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { darkenedFilter } from '../../hash-core/src/test-support/darkened.js';
import { repoRoot } from './variants.js';

export const MAKE_VIDEO_VARIANTS = resolve(repoRoot, '../shared/corpus/make-video-variants.sh');

/** make-video-variants.sh's transforms, in its order. */
export const VIDEO_TRANSFORMS = ['crf35', 'scale50', 'trim2', 'crop10', 'fps15', 'letterbox', 'vp9', 'embedded'] as const;

/**
 * Made here with ffmpeg:
 * - `trim2.5` (no target): the first 2.5 s cut, off the whole second — what any re-upload cut at an
 *   arbitrary point, or an embedded clip, meets. Against originals sampled at 1 frame/s
 *   (`--stored-interval 1`) every copy frame falls half a second from a stored one; the page's
 *   0.5 s puts them back in step. `trim2` cuts on a whole second.
 * - `dark30`, `dark15`: the clip at 30 % and 15 % of its brightness (a dim room, a night video, a
 *   screen filmed in the dark): many frames fall under PDQ's quality floor, their hashes near the
 *   clip's.
 * - `mirror`: the clip flipped left to right (ffmpeg's `hflip`), the commonest way of getting a
 *   re-upload past matching; every frame's plain PDQ changes.
 */
export const OWN_VIDEO_TRANSFORMS = ['trim2.5', 'dark30', 'dark15', 'mirror'] as const;

/** ffmpeg's video filter per transform made by filtering every frame. */
const FILTERED: Record<string, string> = { dark30: darkenedFilter(0.3), dark15: darkenedFilter(0.15), mirror: 'hflip' };

/** Seconds cut from the start, per trimming transform. */
export const TRIMMED_SECONDS: Record<string, number> = { trim2: 2, 'trim2.5': 2.5 };

const VIDEO_EXTENSIONS = new Set(['.mp4', '.webm', '.mkv', '.mov']);

export interface VideoOriginal {
  /** File name without extension (the script names variants after it). */
  id: string;
  file: string;
}

export interface VideoVariant {
  id: string;
  transform: string;
  file: string;
}

/** Where an embedded copy sits in its host: the host clip's id and the insert's start and end, seconds. */
export interface Embedding {
  host: string;
  start: number;
  end: number;
  total: number;
}

/** The clips the script reads: `*.mp4` directly in the folder (not in sub-folders), sorted. */
export function collectVideoOriginals(dir: string, limit = Infinity): VideoOriginal[] {
  if (!existsSync(dir)) throw new Error(`no such folder: ${dir}`);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.mp4') && !name.includes('__'))
    .sort()
    .slice(0, limit)
    .map((name) => ({ id: basename(name, '.mp4'), file: join(dir, name) }));
}

/** Variants found in a folder, for the given originals (other files are ignored). */
export function listVideoVariants(dir: string, originals: readonly VideoOriginal[]): VideoVariant[] {
  const ids = new Set(originals.map((o) => o.id));
  const variants: VideoVariant[] = [];
  for (const name of readdirSync(dir).sort()) {
    const stem = name.slice(0, name.length - extname(name).length);
    const at = stem.lastIndexOf('__');
    if (at <= 0 || !VIDEO_EXTENSIONS.has(extname(name).toLowerCase())) continue;
    const id = stem.slice(0, at);
    if (ids.has(id)) variants.push({ id, transform: stem.slice(at + 2), file: join(dir, name) });
  }
  return variants;
}

/** EMBEDDED.tsv, by the embedded variant's id; empty when the folder has none. */
export function readEmbeddings(dir: string): Map<string, Embedding> {
  const out = new Map<string, Embedding>();
  const path = join(dir, 'EMBEDDED.tsv');
  if (!existsSync(path)) return out;
  const [header, ...lines] = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const columns = header!.split('\t');
  const at = (name: string) => {
    const i = columns.indexOf(name);
    if (i < 0) throw new Error(`${path}: no column ${name}`);
    return i;
  };
  const [variant, host, start, end, total] = ['variant', 'host', 'insert_start_s', 'insert_end_s', 'total_s'].map(at) as [number, number, number, number, number];
  for (const line of lines) {
    const cells = line.split('\t');
    const name = cells[variant]!;
    const stem = name.slice(0, name.length - extname(name).length);
    out.set(stem.slice(0, stem.lastIndexOf('__')), { host: cells[host]!, start: Number(cells[start]), end: Number(cells[end]), total: Number(cells[total]) });
  }
  return out;
}

function ffmpeg(args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-nostdin', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done() : fail(new Error(`ffmpeg exited with ${code}: ${stderr.trim().slice(-1000)}`))));
  });
}

/** Our own variants (OWN_VIDEO_TRANSFORMS), encoded like the script's (H.264, CRF 29). */
export async function makeOwnVideoVariants(originals: readonly VideoOriginal[], out: string): Promise<void> {
  const encode = ['-c:v', 'libx264', '-preset', 'medium', '-crf', '29', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', '-an'];
  for (const original of originals) {
    const seconds = TRIMMED_SECONDS['trim2.5']!;
    await ffmpeg(['-i', original.file, '-ss', String(seconds), ...encode, join(out, `${original.id}__trim2.5.mp4`)]);
    for (const [transform, filter] of Object.entries(FILTERED)) {
      await ffmpeg(['-i', original.file, '-vf', filter, ...encode, join(out, `${original.id}__${transform}.mp4`)]);
    }
  }
}

/**
 * Runs make-video-variants.sh on the originals' folder into `out`. The script takes every `*.mp4`
 * of the folder (the hosts of embedded copies are the folder's own clips), so a subset must be a
 * folder of its own. Rejects with the script's message when it fails.
 */
export function makeVideoVariants(originalsDir: string, out: string, log: (line: string) => void): Promise<void> {
  if (!existsSync(MAKE_VIDEO_VARIANTS)) return Promise.reject(new Error(`make-video-variants.sh not found at ${MAKE_VIDEO_VARIANTS}`));
  return new Promise((done, fail) => {
    const child = spawn('bash', [MAKE_VIDEO_VARIANTS, originalsDir, out], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // The script says "<id> done" per clip: progress for long runs.
      for (const line of chunk.toString().split('\n')) if (/ done$/.test(line)) log(`  variants: ${line}`);
    });
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done() : fail(new Error(`make-video-variants.sh exited with ${code}: ${stderr.trim().slice(-2000)}`))));
  });
}
