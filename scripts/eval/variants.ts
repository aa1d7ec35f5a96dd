/**
 * The edited copies (variants) the evaluation queries with: named `<id>__<transform>.<ext>`.
 * Sixteen come from ImageMagick (`../shared/corpus/make-variants.sh`), six from sharp (libvips),
 * so that no result depends on one tool's resampling or encoder.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { straightenedCut, turnedInFrame } from '../../hash-core/src/test-support/turned-with-sharp.js';
import { collectFiles } from '../../server/src/cli/collect-files.js';

type Sharp = typeof import('sharp').default;
const sharp = createRequire(new URL('../../hash-core/package.json', import.meta.url))('sharp') as Sharp;

export const repoRoot = resolve(import.meta.dirname, '../..');
export const MAKE_VARIANTS = resolve(repoRoot, '../shared/corpus/make-variants.sh');

/** Made by make-variants.sh (ImageMagick 6), in its order. */
export const IMAGEMAGICK_TRANSFORMS = [
  'q30', 'q50', 'resize50', 'resize25', 'crop05', 'crop10', 'rot3', 'flip',
  'gray', 'bright20', 'contrast', 'blur15', 'watermark', 'letterbox', 'squash80', 'png',
] as const;
/** Made here with sharp. */
export const SHARP_TRANSFORMS = ['cropright10', 'rotm3', 'rot3grown', 'straighten3', 'padwhite10', 'screenshot', 'dark30', 'darkflip30', 'flipcrop05', 'flipcrop10', 'fliplbox'] as const;
export const ALL_TRANSFORMS: readonly string[] = [...IMAGEMAGICK_TRANSFORMS, ...SHARP_TRANSFORMS];

/** The files `disrupt hash` reads (sniffed by content; the extension only keeps other files out). */
const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.jpe', '.png', '.webp', '.gif', '.tif', '.tiff', '.avif', '.heic', '.heif']);

export interface Original {
  /** File name without extension, made unique and free of `__`. */
  id: string;
  file: string;
}

export interface Variant {
  id: string;
  transform: string;
  file: string;
}

/** The images of a folder (recursively, in the CLI's order), with unique ids. */
export async function collectOriginals(dir: string, limit = Infinity): Promise<Original[]> {
  if (!existsSync(dir)) throw new Error(`no such folder: ${dir}`);
  const files = (await collectFiles([dir]))
    .filter((t): t is { file: string } => !('error' in t) && IMAGE_EXTENSIONS.has(extname(t.file).toLowerCase()))
    .map((t) => t.file)
    .slice(0, limit);
  const seen = new Set<string>();
  return files.map((file) => {
    const base = basename(file, extname(file)).replace(/__+/g, '_').replace(/[^\w.-]/g, '_') || 'image';
    let id = base;
    for (let n = 2; seen.has(id); n++) id = `${base}-${n}`;
    seen.add(id);
    return { id, file };
  });
}

/** Variants found in a folder, for the given originals (other files are ignored). */
export function listVariants(dir: string, originals: readonly Original[]): Variant[] {
  const ids = new Set(originals.map((o) => o.id));
  const variants: Variant[] = [];
  for (const name of readdirSync(dir).sort()) {
    const stem = name.slice(0, name.length - extname(name).length);
    const at = stem.lastIndexOf('__');
    if (at <= 0 || !IMAGE_EXTENSIONS.has(extname(name).toLowerCase())) continue;
    const id = stem.slice(0, at);
    if (ids.has(id)) variants.push({ id, transform: stem.slice(at + 2), file: join(dir, name) });
  }
  return variants;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stderr }));
  });
}

/**
 * Writes every variant of the originals into `outDir`: make-variants.sh's sixteen (it reads
 * `<id>.jpg` files, so the originals are linked under those names; ImageMagick sniffs the format
 * from the content) and the eleven sharp ones. A file a tool cannot edit just has fewer variants.
 */
export async function makeVariants(originals: readonly Original[], outDir: string, log: (line: string) => void = () => {}): Promise<string[]> {
  const warnings: string[] = [];
  mkdirSync(outDir, { recursive: true });
  if (!existsSync(MAKE_VARIANTS)) throw new Error(`make-variants.sh not found at ${MAKE_VARIANTS}; pass --variants <dir>`);
  const stage = mkdtempSync(join(tmpdir(), 'disrupt-eval-stage-'));
  try {
    for (const o of originals) symlinkSync(resolve(o.file), join(stage, `${o.id}.jpg`));
    log(`  ImageMagick variants (make-variants.sh, ${IMAGEMAGICK_TRANSFORMS.length} per image)…`);
    const result = await run('bash', [MAKE_VARIANTS, stage, outDir], { ...process.env, JOBS: String(availableParallelism()) });
    if (result.code !== 0) warnings.push(`make-variants.sh exited with ${result.code}: ${result.stderr.trim().split('\n').slice(-3).join(' / ')}`);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  log(`  sharp variants (${SHARP_TRANSFORMS.join(', ')})…`);
  let next = 0;
  const worker = async () => {
    while (next < originals.length) {
      const o = originals[next++]!;
      try {
        await sharpVariants(o, outDir);
      } catch (error) {
        warnings.push(`sharp could not edit ${o.file}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: availableParallelism() }, worker));
  return warnings;
}

const JPEG = { quality: 75, chromaSubsampling: '4:2:0' } as const; // as make-variants.sh (VQ=75)

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The eleven sharp variants of one original (its EXIF orientation applied, metadata dropped). */
export async function sharpVariants(original: Original, outDir: string): Promise<void> {
  const upright = await sharp(original.file).rotate().toColourspace('srgb').removeAlpha().png({ compressionLevel: 1 }).toBuffer();
  const { width: w, height: h } = await sharp(upright).metadata() as { width: number; height: number };
  const out = (transform: string, ext: string) => join(outDir, `${original.id}__${transform}.${ext}`);

  // One side cut: the right 10 % removed (a photo cropped to hide something at its edge).
  const keep = Math.max(1, Math.round(w * 0.9));
  await sharp(upright).extract({ left: 0, top: 0, width: keep, height: h }).jpeg(JPEG).toFile(out('cropright10', 'jpg'));

  // Rotated 3° counter-clockwise, same size, black corners (sharp's angle is clockwise).
  await (await turnedInFrame(upright, -3)).jpeg(JPEG).toFile(out('rotm3', 'jpg'));

  // Rotated 3° clockwise on a canvas grown to hold the whole picture, white corners (ImageMagick's
  // plain -rotate, an editor's rotate tool): the picture is smaller in its frame, and its corners kept.
  await sharp(upright).rotate(3, { background: '#ffffff' }).jpeg(JPEG).toFile(out('rot3grown', 'jpg'));

  // Straightened as a phone's photo editor does: turned 3° clockwise, then cut to the largest
  // upright rectangle of the photo's shape that holds no corner (no wedge left to find the angle by).
  await (await straightenedCut(upright, 3)).jpeg(JPEG).toFile(out('straighten3', 'jpg'));

  // White padding, 10 % of the width on the left and right, 10 % of the height above and below.
  const px = Math.round(w * 0.1);
  const py = Math.round(h * 0.1);
  await sharp(upright).extend({ left: px, right: px, top: py, bottom: py, background: '#ffffff' }).jpeg(JPEG).toFile(out('padwhite10', 'jpg'));

  // Screenshot-like: a phone screen (720 × 1560) with a status bar, an app bar, the photo fitted
  // in the black viewer area, and a bottom bar of actions; saved as PNG like a real screenshot.
  const W = 720;
  const H = 1560;
  const top = 56 + 96;
  const bottom = 176;
  const area = { width: W, height: H - top - bottom };
  const photo = await sharp(upright).resize({ ...area, fit: 'inside' }).png().toBuffer();
  const p = (await sharp(photo).metadata()) as { width: number; height: number };
  const font = 'DejaVu Sans, sans-serif';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">
    <rect x="0" y="0" width="${W}" height="56" fill="#101418"/>
    <text x="24" y="38" font-family="${font}" font-size="26" fill="#ffffff">9:41</text>
    <text x="${W - 24}" y="38" font-family="${font}" font-size="24" fill="#ffffff" text-anchor="end">5G  87 %</text>
    <rect x="0" y="56" width="${W}" height="96" fill="#2d6cdf"/>
    <text x="24" y="116" font-family="${font}" font-size="34" font-weight="bold" fill="#ffffff">‹  ${escapeXml(original.id.slice(0, 18))}</text>
    <text x="${W - 28}" y="116" font-family="${font}" font-size="34" fill="#ffffff" text-anchor="end">⋮</text>
    <rect x="0" y="${H - bottom}" width="${W}" height="${bottom}" fill="#f2f2f2"/>
    <text x="40" y="${H - bottom + 60}" font-family="${font}" font-size="28" fill="#333333">♥ 1,204   Comment   Share</text>
    <text x="40" y="${H - bottom + 120}" font-family="${font}" font-size="24" fill="#777777">Seen by 3,981 people · 2 h</text>
  </svg>`;
  await sharp({ create: { width: W, height: H, channels: 3, background: '#000000' } })
    .composite([
      { input: Buffer.from(svg), left: 0, top: 0 },
      { input: photo, left: Math.floor((W - p.width) / 2), top: top + Math.floor((area.height - p.height) / 2) },
    ])
    .png()
    .toFile(out('screenshot', 'png'));

  // Darkened to 30 % (a dim screen photographed, an underexposed copy, a dark filter): bright20's
  // opposite, further. PDQ's quality, a count of clear steps, often falls under 50; the layout stays.
  await sharp(upright).linear(0.3, 0).jpeg(JPEG).toFile(out('dark30', 'jpg'));
  // The same, flipped left to right as well: a dark copy under the floor meets the stored mirror too.
  await sharp(upright).linear(0.3, 0).flop().jpeg(JPEG).toFile(out('darkflip30', 'jpg'));

  // Flipped left to right and cut 5 % or 10 % from every edge, or flipped with black bars of 10 %
  // above and below: a mirrored repost that is also cropped or framed.
  for (const [transform, cut] of [['flipcrop05', 0.05], ['flipcrop10', 0.1]] as const) {
    const [left, top] = [Math.round(w * cut), Math.round(h * cut)];
    await sharp(upright).extract({ left, top, width: w - 2 * left, height: h - 2 * top }).flop().jpeg(JPEG).toFile(out(transform, 'jpg'));
  }
  const bar = Math.round(h * 0.1);
  await sharp(upright).flop().extend({ top: bar, bottom: bar, background: '#000000' }).jpeg(JPEG).toFile(out('fliplbox', 'jpg'));
}
