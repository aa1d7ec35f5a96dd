/**
 * The corpus photos as the distractor generator reads them: decoded once with sharp (EXIF
 * orientation applied, colours as stored, like the CLI), shrunk to ≤ BASE_SIDE px, RGB.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, extname, join } from 'node:path';
import type { Photo } from './distractors.js';
import { BASE_SIDE } from './distractors.js';

type Sharp = typeof import('sharp').default;
const sharp = createRequire(new URL('../../hash-core/package.json', import.meta.url))('sharp') as Sharp;
sharp.cache(false);

export interface PhotoFile {
  /** File name without extension: the id variants are named after (<id>__<transform>.<ext>). */
  id: string;
  path: string;
}

/** Image files of the given folders, each folder sorted, in the order given. */
export function listPhotos(dirs: readonly string[]): PhotoFile[] {
  const out: PhotoFile[] = [];
  for (const dir of dirs) {
    for (const f of readdirSync(dir).filter((f) => /\.(jpe?g|png|webp)$/i.test(f) && !f.startsWith('.')).sort()) {
      out.push({ id: basename(f, extname(f)), path: join(dir, f) });
    }
  }
  return out;
}

export async function loadPhoto(path: string, side = BASE_SIDE): Promise<Photo> {
  const { data, info } = await sharp(path, { autoOrient: true, ignoreIcc: true } as never)
    .resize(side, side, { fit: 'inside', withoutEnlargement: true })
    .toColourspace('srgb')
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`${path}: expected 3 channels, got ${info.channels}`);
  return { width: info.width, height: info.height, rgb: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

export async function loadPhotos(files: readonly PhotoFile[], side = BASE_SIDE): Promise<Photo[]> {
  const out: Photo[] = [];
  for (const f of files) out.push(await loadPhoto(f.path, side));
  return out;
}

/**
 * Pairs of photos known to show the same picture (NEAR_PAIRS.tsv in a folder, a header line then
 * `a<TAB>b` file names), as photo indexes: a match between them is not false.
 */
export function nearPairs(dirs: readonly string[], byId: ReadonlyMap<string, number>): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>();
  for (const dir of dirs) {
    const path = join(dir, 'NEAR_PAIRS.tsv');
    if (!existsSync(path)) continue;
    for (const line of readFileSync(path, 'utf8').split('\n').slice(1)) {
      const [a, b] = line.split('\t');
      const ia = byId.get(basename(a ?? '', extname(a ?? '')));
      const ib = byId.get(basename(b ?? '', extname(b ?? '')));
      if (ia === undefined || ib === undefined) continue;
      if (!out.has(ia)) out.set(ia, new Set());
      if (!out.has(ib)) out.set(ib, new Set());
      out.get(ia)!.add(ib);
      out.get(ib)!.add(ia);
    }
  }
  return out;
}
