/**
 * `pnpm bench:hash [--repeat N]`: end-to-end hashing throughput on ../shared/corpus/images (180
 * small JPEGs) and ../shared/corpus/large (14 photos of 1600–5120 px), with baselines measured in
 * the same run:
 *  - decode only (sharp, one thread): the floor any hasher pays;
 *  - "Meta-tool pipeline": what Meta's pdq-photo-hasher does per image — run ImageMagick on the
 *    file, squash it to 512×512, hash — emulated as one `convert` process per image (needs Debian's
 *    imagemagick) plus our PDQ on its output; skipped with a message when ImageMagick is missing;
 *  - plain PDQ vs PDQ with the 8 dihedral variants on the same pixels (the dihedral overhead);
 *  - a photo's hashes as the page stores them vs as a platform queries (dihedral and mirrored).
 * Runs against the built packages (`pnpm install` builds them).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { imageItem, pdq, pdqDihedral, perceptualHashes, preResize } from '@disrupt/hash-core';
import { decodeImage, HashPool } from '@disrupt/hash-core/node';

const shared = resolve(import.meta.dirname, '../../shared');
const repeatArg = process.argv.indexOf('--repeat');
const repeat = repeatArg > 0 ? Number(process.argv[repeatArg + 1]) : 1;

interface Set {
  name: string;
  files: string[];
  megapixels: number;
}

async function loadSet(name: string, dir: string): Promise<Set> {
  const files = readdirSync(dir).filter((f) => /\.jpe?g$/i.test(f)).sort().map((f) => join(dir, f));
  let megapixels = 0;
  for (const f of files) {
    const px = await decodeImage(readFileSync(f));
    megapixels += (px.width * px.height) / 1e6;
  }
  return { name, files, megapixels };
}

async function time(fn: () => Promise<void>): Promise<number> {
  await fn(); // warm-up: JIT, caches, worker start
  let best = Infinity;
  for (let r = 0; r < repeat; r++) {
    const t = performance.now();
    await fn();
    best = Math.min(best, performance.now() - t);
  }
  return best / 1000;
}

function line(label: string, set: Set, seconds: number, baseline?: number): string {
  const ips = set.files.length / seconds;
  const ratio = baseline === undefined ? '' : `  ${(baseline / seconds).toFixed(2)}× vs baseline`;
  return `  ${label.padEnd(34)} ${ips.toFixed(1).padStart(8)} images/s ${(set.megapixels / seconds).toFixed(1).padStart(8)} MP/s${ratio}`;
}

const hasImageMagick = spawnSync('convert', ['-version']).status === 0;

async function bench(set: Set): Promise<void> {
  console.log(`\n${set.name}: ${set.files.length} files, ${set.megapixels.toFixed(1)} MP`);
  let sink = 0;
  const decodeOnly = await time(async () => {
    for (const f of set.files) sink += (await decodeImage(readFileSync(f))).width;
  });
  console.log(line('decode only (sharp, 1 thread)', set, decodeOnly));
  const oneThread = await time(async () => {
    for (const f of set.files) {
      const bytes = readFileSync(f);
      sink += (await imageItem(bytes, await decodeImage(bytes))).quality;
    }
  });
  console.log(line('end to end, 1 thread', set, oneThread, decodeOnly));
  const threads = availableParallelism();
  const pool = new HashPool({ threads });
  const pooled = await time(async () => {
    const outcomes = await Promise.all(set.files.map((f) => pool.hashFile(f)));
    sink += outcomes.filter((o) => o.ok).length;
  });
  await pool.close();
  console.log(line(`end to end, ${threads} worker threads`, set, pooled, decodeOnly));

  if (hasImageMagick) {
    const metaTool = await time(async () => {
      for (const f of set.files) {
        const rgb = execFileSync('convert', [f, '-resize', '512x512!', '-depth', '8', 'rgb:-'], { maxBuffer: 1 << 24 });
        sink += pdq({ width: 512, height: 512, data: rgb }).quality;
      }
    });
    console.log(line('Meta-tool pipeline (convert + PDQ)', set, metaTool));
    console.log(`  → ours (${threads} threads) is ${(metaTool / pooled).toFixed(1)}× the Meta-tool pipeline; 1 thread ${(metaTool / oneThread).toFixed(1)}×`);
  } else {
    console.log('  Meta-tool pipeline: skipped (ImageMagick `convert` not installed: apt-get install imagemagick)');
  }

  const pixels = await Promise.all(set.files.map(async (f) => preResize(await decodeImage(readFileSync(f)))));
  const plain = await time(async () => {
    for (const p of pixels) sink += pdq(p).quality;
  });
  const dihedral = await time(async () => {
    for (const p of pixels) sink += pdqDihedral(p).quality;
  });
  console.log(`  PDQ alone ${(plain * 1000 / pixels.length).toFixed(2)} ms/image, with 8 dihedral ${(dihedral * 1000 / pixels.length).toFixed(2)} ms/image: ${(dihedral / plain).toFixed(2)}× (target ≤ 1.3×)`);
  // A platform's query (CLI --dihedral, /v1/match/file) against the photo as the page stores it:
  // the dihedral hashes, and the hashes of the picture mirrored (a flipped copy cut or framed).
  const stored = await time(async () => {
    for (const p of pixels) sink += perceptualHashes(p).quality;
  });
  const query = await time(async () => {
    for (const p of pixels) sink += perceptualHashes(p, { dihedral: true }).quality;
  });
  const ms = (seconds: number) => ((seconds * 1000) / pixels.length).toFixed(2);
  console.log(`  perceptual hashes as stored ${ms(stored)} ms/image, as a query (dihedral and mirrored) ${ms(query)} ms/image: ${(query / stored).toFixed(2)}×`);
  if (sink === 42) console.log('');
}

if (!existsSync(join(shared, 'corpus'))) {
  console.error(`bench:hash needs the shared corpus at ${shared}`);
  process.exit(1);
}
console.log(`bench:hash — node ${process.version}, ${availableParallelism()} cores, best of ${repeat} after a warm-up`);
for (const [name, dir] of [['corpus/images', 'corpus/images'], ['corpus/large', 'corpus/large']] as const) {
  await bench(await loadSet(name, join(shared, dir)));
}
