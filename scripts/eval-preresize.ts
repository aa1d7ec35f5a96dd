/**
 * `pnpm eval:preresize [--sides 512,768,1024,1536]`: how far the pre-resize policy moves PDQ hashes
 * from Meta's reference algorithm on full-resolution pixels (shared/reference/pdq jpeg.tsv and
 * large.tsv), and what it costs. For each long-side limit: distances (max, median, share within
 * 10 bits among images of quality >= 80) and the hashing time per image after decoding. The row
 * "full" hashes without any pre-resize: the decoder's own share of the distance.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { areaResize, hamming, pdq, preResizeSize, type Pixels } from '@disrupt/hash-core';
import { decodeImage } from '@disrupt/hash-core/node';

const shared = resolve(import.meta.dirname, '../../shared');
const sidesArg = process.argv.indexOf('--sides');
const sides = (sidesArg > 0 ? process.argv[sidesArg + 1]! : '512,768,1024,1536').split(',').map(Number);

function readTsv(path: string): Record<string, string>[] {
  const [head, ...rows] = readFileSync(path, 'utf8').trim().split('\n');
  const cols = head!.split('\t');
  return rows.map((r) => Object.fromEntries(r.split('\t').map((v, i) => [cols[i], v])));
}

function summary(distances: number[]): string {
  const s = [...distances].sort((a, b) => a - b);
  const median = s[Math.floor(s.length / 2)]!;
  const within = s.filter((d) => d <= 10).length;
  return `max ${String(s[s.length - 1]).padStart(2)}  median ${String(median).padStart(2)}  within 10: ${within}/${s.length}`;
}

function resized(pixels: Pixels, side: number): Pixels {
  const size = preResizeSize(pixels.width, pixels.height, side);
  return size.width === pixels.width && size.height === pixels.height ? pixels : areaResize(pixels, size.width, size.height);
}

for (const [tsv, dir] of [['reference/pdq/jpeg.tsv', 'corpus/images'], ['reference/pdq/large.tsv', 'corpus/large']] as const) {
  const rows = readTsv(join(shared, tsv)).filter((r) => Number(r.quality) >= 80);
  const decoded = await Promise.all(rows.map(async (r) => ({ ref: r.pdq!, pixels: await decodeImage(readFileSync(join(shared, dir, r.file!))) })));
  console.log(`\n${tsv}: ${rows.length} images of quality >= 80 (decoded with sharp)`);
  for (const side of [Infinity, ...sides]) {
    const t = performance.now();
    const distances = decoded.map(({ ref, pixels }) => hamming(pdq(resized(pixels, side)).hash, ref));
    const ms = (performance.now() - t) / decoded.length;
    console.log(`  ${(side === Infinity ? 'full' : `≤ ${side} px`).padEnd(10)} ${summary(distances)}   ${ms.toFixed(1)} ms/image (resize + PDQ)`);
  }
}
