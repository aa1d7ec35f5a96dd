/**
 * The privacy proof, in a real Chromium: a person creates a case, shows previews, adds a photo and
 * withdraws one. Every request the page and its worker made is recorded, then:
 * - none goes to another origin;
 * - every request body validates against the server's fingerprint schemas (nothing else has one);
 * - no body contains any 64-byte window of the chosen files, nor a file name;
 * - the bytes sent stay under 2 KB per photo;
 * - the browser keeps nothing: no cookie, local or session storage, IndexedDB or cache.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithShared, repoRoot, sharedPath } from '../../hash-core/src/test-support/shared.js';
import { startTestServer, type TestServer } from '../../server/test/helpers.js';
import { victimBodyProblems } from '../../server/test/victim-bodies.js';
import { sharedWindow } from './support/byte-windows.js';
import { runInBrowser, VictimPage } from './support/victim-page.js';

const MAX_BYTES_PER_PHOTO = 2048;
const describeBrowser = runInBrowser ? describe : describe.skip;

describe('the 64-byte window check', () => {
  it('finds a window of a file inside a body, and nothing in an unrelated one', () => {
    const file = readFileSync(join(repoRoot, 'fixtures/sample/turned-by-exif.jpg'));
    const leaked = Buffer.concat([Buffer.from('{"items":"'), file.subarray(1000, 1064), Buffer.from('"}')]);
    expect(sharedWindow(leaked, file)).toBe(1000);
    expect(sharedWindow(leaked.subarray(0, 60), file)).toBe(-1); // shorter than a window
    expect(sharedWindow(Buffer.from(JSON.stringify({ items: [{ pdq: 'ab'.repeat(32) }] })), file)).toBe(-1);
  });
});

describeBrowser('what the victim page sends, in Chromium', () => {
  let server: TestServer;
  let victim: VictimPage;

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await victim?.close();
    await server?.close();
  });

  describeWithShared('with photos of the shared corpus', () => {
    it('sends fingerprints only, to its own origin, and leaves nothing in the browser', async () => {
      const first = [
        ...['0001.jpg', '0004.jpg', '0012.jpg', '0027.jpg', '0036.jpg'].map((f) => sharedPath('corpus/images', f)),
        sharedPath('corpus/large/Altai.jpg'),
        join(repoRoot, 'fixtures/sample/pattern.png'),
        join(repoRoot, 'fixtures/images/transparent.png'),
      ];
      const later = [sharedPath('corpus/images/0035.jpg')];
      const files = [...first, ...later];

      victim = await VictimPage.open(server.url, { locale: 'fr-FR', path: '/?ref=unknown-code' });
      await victim.start();
      await victim.page.locator('#show-previews').check(); // previews are blob: URLs of our origin
      expect((await victim.chooseFiles(first)).map((r) => r.state)).toEqual(first.map(() => 'done'));
      await victim.page.locator('img.preview').first().waitFor();
      await victim.toReview();
      expect(await victim.send()).toBe('created');

      // My case: add a photo, then withdraw the first one.
      await victim.page.locator('[data-step="created"] .actions button.primary').click();
      await victim.page.locator('[data-case-status="active"]').waitFor();
      await victim.page.locator('[data-case-status] .actions button.primary').click();
      await victim.waitForStep('choose');
      await victim.chooseFiles(later);
      await victim.toReview();
      expect(await victim.send()).toBe('case');
      await victim.page.locator('.case-items li').first().locator('button').click();
      await victim.page.locator('.confirm button.danger').click();
      await victim.page.locator('.case-items li[data-status="withdrawn"]').waitFor();

      const origin = new URL(server.url).origin;
      const withBodies = victim.requests.filter((r) => r.body !== null);
      expect(withBodies.map((r) => `${r.method} ${new URL(r.url).pathname.replace(/DSR-[\w-]+/, 'ID')}`)).toEqual(['POST /v1/cases', 'POST /v1/cases/ID/items']);
      for (const request of victim.requests) {
        expect(new URL(request.url).origin, request.url).toBe(origin);
      }

      const contents = files.map((f) => readFileSync(f));
      const names = files.map((f) => f.split('/').pop()!);
      let bytesSent = 0;
      for (const request of withBodies) {
        const body = request.body!;
        bytesSent += body.length;
        expect(victimBodyProblems(request.method, new URL(request.url).pathname, body)).toEqual([]);
        contents.forEach((content, i) => expect(sharedWindow(body, content), `${names[i]} in ${request.url}`).toBe(-1));
        // A name is looked for as a whole key or value (its bare stem, "0001", also occurs inside hex hashes).
        const texts = jsonStrings(JSON.parse(body.toString('utf8')));
        for (const name of names) expect(texts.filter((t) => t.includes(name) || t === name.replace(/\.\w+$/, '')), name).toEqual([]);
      }
      console.info(`sent ${bytesSent} bytes for ${files.length} photos (${Math.round(bytesSent / files.length)} per photo)`);
      expect(bytesSent / files.length).toBeLessThan(MAX_BYTES_PER_PHOTO);
      for (const request of withBodies) expect(request.body!.length).toBeLessThan(MAX_BYTES_PER_PHOTO * files.length);

      expect(await victim.storage()).toEqual({ local: 0, session: 0, cookies: '', indexedDb: 0, caches: 0 });
      expect(await victim.context.cookies()).toEqual([]);
      expect(victim.problems).toEqual([]);
    });
  });
});

/** Every key and string value of a parsed JSON body. */
function jsonStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(jsonStrings);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, v]) => [key, ...jsonStrings(v)]);
  return [];
}
