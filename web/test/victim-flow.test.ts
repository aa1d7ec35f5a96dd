/**
 * The whole victim flow in Chromium, as a person goes through it: welcome, consent, photos from
 * the shared corpus, review, send, case number and secret. Then a platform checks the same photos
 * — hashed by the CLI, as a platform would with our tools — through POST /v1/match with its key:
 * every photo must match the item the page created, by its exact digest and by PDQ.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithShared, repoRoot, sharedPath } from '../../hash-core/src/test-support/shared.js';
import { startTestServer, type TestServer } from '../../server/test/helpers.js';
import { decodeImage } from '../../hash-core/src/node/decode.js';
import { straightenedPixels, turnedPixels } from '../../hash-core/src/test-support/pictures.js';
import { addPlatform, encodePng } from '../../server/test/platform-helpers.js';
import { runInBrowser, VictimPage } from './support/victim-page.js';

/** A representative subset for CI: every 15th photo of the corpus (12 of 180), and a large one. */
function corpusPhotos(): string[] {
  const all = readdirSync(sharedPath('corpus/images')).filter((f) => f.endsWith('.jpg')).sort();
  return all.filter((_, i) => i % 15 === 0).map((f) => sharedPath('corpus/images', f));
}

interface CliItem {
  file: string;
  type: 'image';
  sha256: string;
  md5: string;
  pdq: string;
  quality: number;
  blockhash: string;
}

function cliItems(files: string[]): CliItem[] {
  const out = execFileSync('node', [join(repoRoot, 'server/dist/cli/main.js'), 'hash', ...files], { encoding: 'utf8' });
  return out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as CliItem);
}

interface MatchResult {
  ref: string | null;
  matches: { itemId: number; signal: string; distance: number }[];
}

const describeBrowser = runInBrowser ? describe : describe.skip;

describeBrowser('the victim flow in Chromium', () => {
  let server: TestServer;
  let victim: VictimPage;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await victim?.close();
    await server?.close();
  });

  describeWithShared('on photos of the shared corpus', () => {
    it('creates a case from the page, and a platform then matches every photo hashed by the CLI', async () => {
      const files = [...corpusPhotos(), sharedPath('corpus/large/Kite.jpg')];
      victim = await VictimPage.open(server.url, { locale: 'fr-FR' });
      expect(await victim.page.locator('h1').textContent()).toBe('Empêcher la diffusion de vos images intimes');
      await victim.start();
      const rows = await victim.chooseFiles(files);
      expect(rows.map((r) => r.state)).toEqual(files.map(() => 'done'));
      await victim.toReview();
      const review = await victim.reviewEntries();
      expect(review.map((e) => e.name)).toEqual(files.map((f) => f.split('/').pop()));
      expect(await victim.send()).toBe('created');
      const { caseId, secret } = await victim.credentials();
      expect(caseId).toMatch(/^DSR-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(secret.length).toBeGreaterThanOrEqual(32);

      // The case as its owner sees it through the API: one active item per photo.
      const view = (await (await server.request(`/v1/cases/${caseId}`, { headers: { authorization: `Case ${secret}` } })).json()) as {
        status: string;
        items: { itemId: number; status: string }[];
      };
      expect(view.status).toBe('active');
      expect(view.items.map((i) => i.status)).toEqual(files.map(() => 'active'));
      const itemIds = new Set(view.items.map((i) => i.itemId));

      const platform = await addPlatform(server, 'Photo Site', ['match']);
      const cli = cliItems(files);
      const query = async (items: object[]) => {
        const response = await server.request('/v1/match', { method: 'POST', headers: platform.auth, json: { items } });
        expect(response.status).toBe(200);
        return ((await response.json()) as { results: MatchResult[] }).results;
      };

      // Full items: each photo matches one distinct item of the case, by its exact digest.
      const full = await query(
        cli.map((c) => ({ type: 'image', sha256: c.sha256, md5: c.md5, pdq: c.pdq, quality: c.quality, blockhash: c.blockhash, ref: c.file.split('/').pop() })),
      );
      const matched = full.map((result) => {
        expect(result.matches, `${result.ref}`).toHaveLength(1);
        const [match] = result.matches;
        expect(['md5', 'sha256']).toContain(match!.signal);
        expect(itemIds.has(match!.itemId)).toBe(true);
        return match!.itemId;
      });
      expect(new Set(matched).size).toBe(files.length);

      // PDQ alone (what a platform has for a re-encoded copy) finds the same item, at distance 0:
      // the page and the CLI computed the same hash.
      const perceptual = await query(cli.map((c) => ({ type: 'image', pdq: c.pdq, quality: c.quality })));
      perceptual.forEach((result, i) => {
        expect(result.matches.map((m) => [m.itemId, m.signal, m.distance])).toContainEqual([matched[i], 'pdq', 0]);
      });
      expect(victim.problems).toEqual([]);
    });

    /** A victim sends `file` through the page; a new platform then uploads `upload`: the signals it matched by. */
    async function sentThenUploaded(file: string, upload: Uint8Array, platformName: string): Promise<[string, string | undefined][]> {
      const page = await VictimPage.open(server.url, { locale: 'en-GB' });
      try {
        await page.start();
        expect((await page.chooseFiles([file])).map((r) => r.state)).toEqual(['done']);
        await page.toReview();
        expect(await page.send()).toBe('created');
        expect(page.problems).toEqual([]);
      } finally {
        await page.close();
      }
      const platform = await addPlatform(server, platformName, ['match']);
      const form = new FormData();
      form.append('image', new Blob([new Uint8Array(upload)]), 'upload.png');
      const response = await server.request('/v1/match/file', { method: 'POST', headers: platform.auth, body: form });
      const { results } = (await response.json()) as { results: { matches: { signal: string; query?: string }[] }[] };
      return results[0]!.matches.map((m) => [m.signal, m.query]);
    }

    it('stores the straightened centre of a tilted photo, so a platform uploading the straight one finds it', async () => {
      // The victim only has a copy turned 4.5° anticlockwise on black; the platform gets the original.
      const original = readFileSync(sharedPath('corpus/images/0034.jpg'));
      const dir = mkdtempSync(join(tmpdir(), 'disrupt-tilted-'));
      const tilted = join(dir, 'tilted.png');
      try {
        writeFileSync(tilted, encodePng(turnedPixels(await decodeImage(original), -4.5)));
        expect(await sentThenUploaded(tilted, original, 'Straight Uploads')).toContainEqual(['pdqStraightened90', 'pdqCenter90']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('stores the photo turned and cut as an editor straightens it, so a platform uploading a straightened copy finds it', async () => {
      // The victim has the photo as taken; the copy posted was straightened 3° anticlockwise in an editor.
      const photo = sharedPath('corpus/images/0107.jpg');
      const straightened = encodePng(straightenedPixels(await decodeImage(readFileSync(photo)), -3));
      expect(await sentThenUploaded(photo, straightened, 'Straightened Uploads')).toContainEqual(['pdqTurnCropCcw325', 'pdq']);
    });
  });

  it('shows the platforms that agreed to be named and how long a case is kept, in English when the browser asks for it', async () => {
    const kept = await startTestServer({ config: { retentionDays: 365 } });
    kept.app.store.platforms.create({ name: 'Listed Social', scopes: ['match'], listed: true });
    kept.app.store.platforms.create({ name: 'Quiet Partner', scopes: ['match'] });
    const page = await VictimPage.open(kept.url, { locale: 'en-GB' });
    try {
      await page.page.locator('.platforms[data-state="ready"]').waitFor();
      expect(await page.page.locator('.platform-list li').allTextContents()).toEqual(['Listed Social']);
      await page.page.locator('[data-retention="365"]').waitFor();
      expect(await page.page.locator('[data-retention]').textContent()).toContain('kept for 365 days after your last change');
      expect(await page.page.locator('h1').textContent()).toBe('Stop intimate images of you from being shared');
      expect(await page.page.evaluate(() => document.documentElement.lang)).toBe('en');
    } finally {
      await page.close();
      await kept.close();
    }
  });

  it('asks for both confirmations before photos can be chosen, asks for nothing about the person, and prints only the case number and secret', async () => {
    const page = await VictimPage.open(server.url, { locale: 'en-GB' });
    try {
      await page.page.locator('[data-step="welcome"] .actions button.primary').click();
      await page.waitForStep('consent');
      await page.page.locator('#consent-person').check();
      await page.page.locator('[data-step="consent"] button[type="submit"]').click();
      expect(await page.alertText()).toBe('Please tick both boxes to go on.');
      expect(await page.currentStep()).toBe('consent');
      // No field asks for a name, an e-mail address or a phone number, anywhere in the flow.
      expect(await page.page.locator('input[type="email"], input[type="tel"], input[autocomplete~="name"], input[name]').count()).toBe(0);
      await page.page.locator('#consent-understand').check();
      await page.page.locator('[data-step="consent"] button[type="submit"]').click();
      await page.waitForStep('choose');
      await page.chooseFiles([join(repoRoot, 'fixtures/sample/pattern.png')]);
      await page.toReview();
      // pattern.png has quality 31: the review says it cannot be protected reliably.
      const [entry] = await page.reviewEntries();
      expect(entry!.lowQuality).toBe(true);
      expect(await page.page.locator('.fingerprints .warning').textContent()).toBe(
        'This image has too little detail to be protected reliably: exact copies will be recognised, but edited copies may not be.',
      );

      // Printed, the case-created step keeps only what must be kept: no quick exit, buttons or footer.
      expect(await page.send()).toBe('created');
      await page.page.emulateMedia({ media: 'print' });
      const visible = async (selector: string) => page.page.locator(selector).first().isVisible();
      expect(await visible('#case-id')).toBe(true);
      expect(await visible('#case-secret')).toBe(true);
      expect(await visible('.credentials .warning')).toBe(true);
      for (const hidden of ['#quick-exit', 'footer', '[data-step="created"] .actions', '.credentials button']) expect(await visible(hidden), hidden).toBe(false);
      await page.page.emulateMedia({ media: 'screen' });
      expect(await visible('#quick-exit')).toBe(true);
    } finally {
      await page.close();
    }
  });
});
