/**
 * The page hashes in a real Chromium exactly as the CLI does, and sends nothing while doing it.
 * Runs the built page (the root global setup builds web/dist) served by the real server, picks
 * files through the real file input and reads the fingerprints the page shows.
 *
 * JPEG: Chromium and the CLI (sharp/libvips) both decode with libjpeg-turbo, but a different
 * build or IDCT setting may move a pixel by a level, so PDQ and blockhash are allowed 4 bits.
 * Measured with Debian's Chromium 156 and sharp 0.35.5: 0 bits (identical) on the 10 JPEG
 * fixtures and on all 194 JPEGs of ../shared/corpus (images/ and the 14 large/ photos).
 * Lossless formats must be identical, except blockhash of translucent images (TRANSLUCENT).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hamming } from '@disrupt/hash-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithShared, readTsv, repoRoot, sharedPath } from '../../hash-core/src/test-support/shared.js';
import { startTestServer, type TestServer } from '../../server/test/helpers.js';
import { asSentence } from '../src/components/choose-files/file-error.js';
import { estimateJpegQuality } from './support/jpeg-quality.js';
import { openHashPage, runInBrowser, type HashPage, type PageEntry } from './support/hash-page.js';

/** Largest browser-vs-CLI distances allowed (bits of 256). */
interface Tolerance {
  pdq: number;
  blockhash: number;
}
const EXACT: Tolerance = { pdq: 0, blockhash: 0 };
const JPEG: Tolerance = { pdq: 4, blockhash: 4 };
/**
 * Translucent images: a 2D canvas stores premultiplied alpha, so getImageData gives back each
 * half-transparent pixel's colour rounded (the CLI's PNG decoders keep it exactly). PDQ flattens
 * on white first, where that rounding all but cancels (identical on every fixture); blockhash-core
 * reads the raw colour of every pixel whose alpha is not 0, so it can move: 1 bit measured on
 * grey-alpha.png, 0 on transparent.png and palette.png.
 */
const TRANSLUCENT: Tolerance = { pdq: 0, blockhash: 4 };
/** Decoded in the worker by the CLI's own code (libheif's wasm build, jpeg-js), so identical. */
const SAME_DECODER: Record<string, Tolerance> = { 'cmyk.jpg': EXACT };
const TOLERANCES: Record<string, Tolerance> = { 'grey-alpha.png': TRANSLUCENT, 'transparent.png': TRANSLUCENT, 'palette.png': TRANSLUCENT, ...SAME_DECODER };

const SAMPLE = ['pattern.png', 'transparent.png', 'turned-by-exif.jpg'].map((f) => join(repoRoot, 'fixtures/sample', f));
const IMAGES = [
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((o) => `orientation-${o}.jpg`),
  'orientation-6.png',
  'transparent.png',
  'palette.png',
  'grey-alpha.png',
  'bilevel.png',
  'icc-p3.png',
  'icc-p3.jpg',
  'pattern.webp',
  'animated.gif',
  'photo.heic',
  'photo-transformed.heic',
  'transparent.heic',
  'cmyk.jpg',
].map((f) => join(repoRoot, 'fixtures/images', f));

/** Real photos (JPEG, 4:2:0 and 4:4:4, portrait and landscape) from the shared corpus. */
const CORPUS_PHOTOS = ['0001.jpg', '0002.jpg', '0004.jpg', '0006.jpg', '0007.jpg', '0012.jpg', '0022.jpg', '0027.jpg', '0035.jpg', '0036.jpg'];

/** The CLI's output for these files, keyed by path, as the page shows it. */
function cliHashes(files: string[]): Map<string, Record<string, string>> {
  const out = execFileSync('node', [join(repoRoot, 'server/dist/cli/main.js'), 'hash', ...files], { encoding: 'utf8' });
  const lines = out.trim().split('\n').map((line) => JSON.parse(line) as Record<string, string | number>);
  return new Map(lines.map((l) => [String(l.file), { sha256: String(l.sha256), md5: String(l.md5), pdq: String(l.pdq), quality: String(l.quality), blockhash: String(l.blockhash), size: `${l.width}×${l.height}` }]));
}

/** What the CLI prints as the reason each of these files cannot be hashed, keyed by path. */
function cliErrors(files: string[]): Map<string, string> {
  // The CLI exits with 1 when a file fails, so read its output whatever the exit code.
  const { stdout } = spawnSync('node', [join(repoRoot, 'server/dist/cli/main.js'), 'hash', ...files], { encoding: 'utf8' });
  const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, string>);
  return new Map(lines.map((l) => [String(l.file), String(l.error)]));
}

/**
 * The differences between the page's entries and the CLI's output for the same files, beyond each
 * file's tolerance (an empty list when they agree). Logs the measured distances.
 */
function compareWithCli(files: string[], entries: PageEntry[]): string[] {
  const cli = cliHashes(files);
  const mismatches: string[] = [];
  const measured: string[] = [];
  let maxPdq = 0;
  let maxBlockhash = 0;
  entries.forEach((entry, i) => {
    const file = files[i]!;
    const name = file.split('/').pop()!;
    const expected = cli.get(file)!;
    if (entry.state !== 'done') return mismatches.push(`${name}: ${entry.state} ${entry.alert}`);
    const pdq = hamming(entry.fields.pdq!, expected.pdq!);
    const blockhash = hamming(entry.fields.blockhash!, expected.blockhash!);
    maxPdq = Math.max(maxPdq, pdq);
    maxBlockhash = Math.max(maxBlockhash, blockhash);
    if (pdq > 0 || blockhash > 0) measured.push(`${name}: pdq ${pdq}, blockhash ${blockhash}`);
    const tolerance = TOLERANCES[name] ?? (name.endsWith('.jpg') ? JPEG : EXACT);
    if (pdq > tolerance.pdq) mismatches.push(`${name}: PDQ ${pdq} bits from the CLI's (allowed ${tolerance.pdq})`);
    if (blockhash > tolerance.blockhash) mismatches.push(`${name}: blockhash ${blockhash} bits from the CLI's (allowed ${tolerance.blockhash})`);
    for (const field of ['sha256', 'md5', 'size', ...(tolerance === EXACT ? ['quality'] : [])] as const) {
      if (entry.fields[field] !== expected[field]) mismatches.push(`${name}: ${field} ${entry.fields[field]} ≠ CLI ${expected[field]}`);
    }
    return undefined;
  });
  if (entries.length !== files.length) mismatches.push(`${entries.length} entries for ${files.length} files`);
  console.info(`browser vs CLI, ${files.length} files: max PDQ distance ${maxPdq}, max blockhash distance ${maxBlockhash}${measured.length > 0 ? ` (${measured.join('; ')})` : ''}`);
  return mismatches;
}

const describeBrowser = runInBrowser ? describe : describe.skip;
const title = runInBrowser ? 'the page in Chromium' : 'the page in Chromium (skipped: /usr/bin/chromium not found; scripts/test installs it)';

describeBrowser(title, () => {
  let server: TestServer;
  let browser: HashPage;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await openHashPage(`${server.url}/`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('serves the page under the CSP, with long-lived caching for hashed assets only', async () => {
    const page = await server.request('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    expect(html).not.toMatch(/<style|\sstyle=/); // no inline style
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//); // no other origin
    const asset = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
    expect(asset).toBeDefined();
    const script = await server.request(asset!);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await server.request('/v1/no-such-route')).status).toBe(404); // the API keeps its 404s
  });

  it('fetches the HEIC decoder (a hashed wasm file of its own origin) only once a HEIC is picked', async () => {
    const { requests } = browser.victim;
    const heicDecoder = () => requests.filter((r) => /\.wasm$|decode-heif/.test(new URL(r.url).pathname)).map((r) => new URL(r.url).pathname);
    expect((await browser.hashFiles([join(repoRoot, 'fixtures/images/orientation-1.jpg')]))[0]!.state).toBe('done');
    expect(heicDecoder()).toEqual([]);
    const [entry] = await browser.hashFiles([join(repoRoot, 'fixtures/images/photo.heic')]);
    expect([entry!.state, entry!.fields.size]).toEqual(['done', '192×128']);
    const wasm = heicDecoder().filter((path) => path.endsWith('.wasm'));
    expect(wasm).toEqual([expect.stringMatching(/^\/assets\/libheif-[\w-]+\.wasm$/)]);
    const served = await server.request(wasm[0]!);
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const size = (await served.arrayBuffer()).byteLength;
    console.info(`HEIC decoder: ${wasm[0]} (${(size / 1e6).toFixed(2)} MB), fetched on the first HEIC only`);
    expect(size).toBeGreaterThan(1e6);
  });

  it('gives the same Item as the CLI for every kind of image', async () => {
    const entries = [...(await browser.hashFiles(SAMPLE)), ...(await browser.hashFiles(IMAGES))];
    expect(compareWithCli([...SAMPLE, ...IMAGES], entries)).toEqual([]);
  });

  it("refuses what is not a complete photo with the CLI's words", async () => {
    // (A video is no longer refused: a broken one gets the page's own words, in victim-video.test.ts.)
    const files = ['empty.jpg', 'not-an-image.jpg', 'truncated.jpg', 'truncated.png', 'bomb.png', 'corrupt.heic'].map((f) => join(repoRoot, 'fixtures/images', f));
    const cli = cliErrors(files);
    const entries = await browser.hashFiles(files);
    // The CLI's clause ("x.jpg: the file is empty"), shown as a sentence.
    expect(entries.map((e) => [e.name, e.state, e.alert])).toEqual(files.map((f) => [f.split('/').pop(), 'error', asSentence(cli.get(f)!)]));
    expect(new Set(cli.values()).size).toBe(files.length); // a different reason each, none generic
  });

  it('refuses a decompression bomb from its header, before Chromium decodes it', async () => {
    const started = performance.now();
    const [entry] = await browser.hashFiles([join(repoRoot, 'fixtures/images/bomb.png')]); // 30000×30000
    const elapsed = performance.now() - started;
    console.info(`bomb.png refused in ${Math.round(elapsed)} ms (file pick to message shown)`);
    expect(entry!.alert).toMatch(/^The image is 30000×30000 = 900 megapixels, over the limit/);
    // Picking the file, the worker and the page's update together; decoding 900 MP would take seconds.
    expect(elapsed).toBeLessThan(1_000);
  });

  describeWithShared('with the shared reference data', () => {
    it("gives exactly Meta's reference PDQ and quality for every reference PNG, and the CLI's whole Item", async () => {
      const rows = readTsv(sharedPath('reference/pdq/png.tsv'));
      const files = rows.map((row) => sharedPath('reference/pdq/png', row.file!));
      const entries = await browser.hashFiles(files);
      expect(entries.map((e) => [e.name, e.fields.pdq, e.fields.quality])).toEqual(rows.map((row) => [row.file, row.pdq, row.quality]));
      expect(compareWithCli(files, entries)).toEqual([]);
    });

    it("is within 10 bits of Meta's full-resolution reference for every JPEG of quality 80 or more", async () => {
      const tables = [
        { tsv: 'reference/pdq/jpeg.tsv', dir: 'corpus/images' },
        { tsv: 'reference/pdq/large.tsv', dir: 'corpus/large' },
      ];
      const distances: number[] = [];
      const far: string[] = [];
      for (const { tsv, dir } of tables) {
        const rows = readTsv(sharedPath(tsv)).filter((row) => (estimateJpegQuality(readFileSync(sharedPath(dir, row.file!))) ?? 0) >= 80);
        expect(rows.length).toBeGreaterThan(0);
        const entries = await browser.hashFiles(rows.map((row) => sharedPath(dir, row.file!)));
        entries.forEach((entry, i) => {
          const distance = entry.state === 'done' ? hamming(entry.fields.pdq!, rows[i]!.pdq!) : 256;
          distances.push(distance);
          if (distance > 10) far.push(`${entry.name}: ${distance} bits`);
        });
      }
      distances.sort((a, b) => a - b);
      console.info(`browser vs Meta full-resolution PDQ, ${distances.length} JPEGs: median ${distances[distances.length >> 1]}, max ${distances.at(-1)}`);
      expect(far).toEqual([]);
    });

    it("gives the CLI's Item for real photos, a 14.7 MP one included (pre-resized)", async () => {
      const files = [...CORPUS_PHOTOS.map((f) => sharedPath('corpus/images', f)), sharedPath('corpus/large/Altai.jpg')];
      expect(compareWithCli(files, await browser.hashFiles(files))).toEqual([]);
    });

    it('cancel stops at once, and the next file is hashed by a fresh worker', async () => {
      const large = ['Altai.jpg', 'Autumn.jpg', 'BytheWater.jpg', 'ColdRipple.jpg', 'ColorfulCups.jpg', 'Grey.jpg', 'Kite.jpg', 'LadyBird.jpg'];
      const { page } = browser.victim;
      const before = await page.locator('ol.files > li').count();
      await page.locator('#files').setInputFiles(large.map((f) => sharedPath('corpus/large', f)));
      await page.locator('#cancel-hashing').click();
      await page.waitForFunction(() => document.querySelectorAll('ol.files > li[data-state="hashing"], ol.files > li[data-state="waiting"]').length === 0, null, { timeout: 5_000 });
      const states = await page.locator('ol.files > li').evaluateAll((items, from) => items.slice(from).map((li) => li.getAttribute('data-state')), before);
      expect(states).toHaveLength(large.length);
      expect(states.every((state) => state === 'done' || state === 'cancelled')).toBe(true);
      expect(states.at(-1)).toBe('cancelled');
      const [after] = await browser.hashFiles([join(repoRoot, 'fixtures/sample/pattern.png')]);
      expect(after!.state).toBe('done');
    });
  });

  // Last: covers every request made by the tests above.
  it('never sends media: only GETs to its own origin, no request body, no console error or CSP violation', () => {
    const origin = new URL(server.url).origin;
    const { requests, problems } = browser.victim;
    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) {
      expect(new URL(request.url).origin, request.url).toBe(origin);
      expect(request.method, request.url).toBe('GET');
      expect(request.body, request.url).toBeNull();
    }
    expect(requests.map((r) => r.resourceType)).toContain('script');
    expect(problems).toEqual([]);
  });
});
