/**
 * "My case" in Chromium, end to end against a real server: a case created through the page, its
 * number and secret downloaded and copied, then opened in a fresh browser (nothing remembered)
 * with that number and secret. A platform matches and confirms through the real HTTP API; each
 * withdrawal on the page must stop the server matching exactly what was withdrawn.
 *
 * Photos: the fixtures whose PDQ is reliable (quality ≥ 50) and distinct from each other's. The
 * orientation-*.jpg fixtures share one PDQ of quality 45, which the bank never indexes, so a
 * withdrawal could not be seen through PDQ matching with them.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../hash-core/src/test-support/shared.js';
import { startTestServer, type TestServer } from '../../server/test/helpers.js';
import { addPlatform, match } from '../../server/test/platform-helpers.js';
import { launchChromium, runInBrowser, VictimPage } from './support/victim-page.js';

const FIRST = ['sample/transparent.png', 'images/bilevel.png'].map((f) => join(repoRoot, 'fixtures', f));
const MORE = ['images/palette.png', 'images/grey-alpha.png'].map((f) => join(repoRoot, 'fixtures', f));

const describeBrowser = runInBrowser ? describe : describe.skip;

describeBrowser('my case, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let platform: Awaited<ReturnType<typeof addPlatform>>;
  /** The page that created the case, left on the "case created" step. */
  let creator: VictimPage;
  /** A fresh browser that opens the case with its number and secret. */
  let owner: VictimPage;
  let credentials: { caseId: string; secret: string };
  /** The PDQ of each photo, as the review step showed it (what was sent), in order. */
  const pdqs: string[] = [];

  /** The stored items a platform's PDQ-only query matches. */
  const matchedItems = async (pdq: string): Promise<number[]> => {
    const { status, body } = await match(server, platform.auth, [{ type: 'image', pdq }]);
    expect(status).toBe(200);
    return (body.results[0].matches as { itemId: number }[]).map((m) => m.itemId);
  };
  const caseSection = () => owner.page.locator('[data-case-status]');

  beforeAll(async () => {
    server = await startTestServer({ config: { victimLimits: { requestsPerMinute: 10_000 } } });
    platform = await addPlatform(server, 'PicShare', ['match', 'feedback']);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await creator?.close();
    await owner?.close();
    await browser?.close();
    await server?.close();
  });

  it('creates a case from two photos and shows its number, and its secret in groups of four', async () => {
    creator = await VictimPage.open(server.url, { browser, locale: 'fr-FR' });
    await creator.start();
    expect((await creator.chooseFiles(FIRST)).map((row) => row.state)).toEqual(['done', 'done']);
    await creator.toReview();
    pdqs.push(...(await creator.reviewEntries()).map((entry) => entry.fields.pdq!));
    expect(await creator.send()).toBe('created');
    credentials = await creator.credentials();
    expect(credentials.caseId).toMatch(/^DSR-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(credentials.secret.length).toBeGreaterThanOrEqual(24);
    expect(await creator.page.locator('#case-secret').textContent()).toBe(credentials.secret.match(/.{1,4}/g)!.join(' '));
    expect(await creator.page.locator('[data-step="created"] h1').textContent()).toBe('Vos empreintes ont été reçues');
  });

  it('downloads the number and secret in a text file with a neutral name', async () => {
    const { page } = creator;
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-step="created"] a[download]').click()]);
    const name = download.suggestedFilename();
    // Someone glancing at a downloads folder must learn nothing from the name.
    expect(name).toMatch(/\.txt$/);
    expect(name).not.toMatch(/disrupt|dsr|case|dossier|secret|image|intim/i);
    expect(name).not.toContain(credentials.caseId.slice(4));
    const text = await readFile((await download.path())!, 'utf8');
    // The secret whole, without the display spaces: it can be pasted back as it is.
    expect(text).toContain(`Numéro de dossier : ${credentials.caseId}\nCode secret : ${credentials.secret}\n`);
  });

  it('copies the case number and the secret to the clipboard', async () => {
    const { page, context } = creator;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const status = page.locator('[data-step="created"] [role="status"]');
    const buttons = page.locator('[data-step="created"] dl button');
    await buttons.nth(0).click();
    await expect.poll(() => status.textContent()).toBe('Numéro de dossier copié.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(credentials.caseId);
    await buttons.nth(1).click();
    await expect.poll(() => status.textContent()).toBe('Code secret copié.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(credentials.secret); // without the display spaces
  });

  it('opens the case in a fresh browser with its number and secret: status, photos and 1 confirmed match', async () => {
    // A platform matches the first photo and tells us it blocked the copy.
    const { body } = await match(server, platform.auth, [{ type: 'image', pdq: pdqs[0] }]);
    const matchId = body.results[0].matches[0].matchId as number;
    const feedback = await server.request(`/v1/matches/${matchId}/feedback`, { method: 'POST', headers: platform.auth, json: { decision: 'blocked' } });
    expect(feedback.status).toBe(200);

    owner = await VictimPage.open(server.url, { browser, locale: 'en-GB' });
    await owner.openCase(credentials.caseId, credentials.secret);
    const view = await owner.caseOnPage();
    expect(view.status).toBe('active');
    expect(view.confirmedMatches).toBe(1);
    expect(view.items.map((item) => item.status)).toEqual(['active', 'active']);
    expect(await caseSection().locator('h1').textContent()).toBe(`My case ${credentials.caseId}`);
    expect(await caseSection().locator('.case-status').textContent()).toBe('This case is active: partner platforms recognise copies of your photos.');
    expect(await caseSection().locator('.matches').textContent()).toBe('1 blocked copy, confirmed by the platforms.');
    expect(await caseSection().locator('.item-name').allTextContents()).toEqual(['Photo 1', 'Photo 2']);
    // The page lists the items the server matches, in the order the photos were sent.
    for (const [i, pdq] of pdqs.entries()) expect(await matchedItems(pdq)).toEqual([view.items[i]!.itemId]);
    expect(await owner.storage()).toEqual({ local: 0, session: 0, cookies: '', indexedDb: 0, caches: 0 });
  });

  it('withdraws one photo only after "Yes, withdraw": the server stops matching it, the other still matches', async () => {
    const [kept, withdrawn] = (await owner.caseOnPage()).items;
    const row = caseSection().locator(`li[data-item="${withdrawn!.itemId}"]`);
    await row.getByRole('button', { name: 'Withdraw photo 2' }).click();
    await expect.poll(() => row.locator('.confirm p').textContent()).toBe('Withdraw photo 2? Its fingerprints will be deleted and its copies no longer recognised.');
    await row.getByRole('button', { name: 'No, keep it' }).click();
    await row.locator('.confirm').waitFor({ state: 'detached' });
    expect(await row.getAttribute('data-status')).toBe('active');
    expect(await matchedItems(pdqs[1]!)).toEqual([withdrawn!.itemId]);

    await row.getByRole('button', { name: 'Withdraw photo 2' }).click();
    await row.getByRole('button', { name: 'Yes, withdraw' }).click();
    await owner.page.locator(`li[data-item="${withdrawn!.itemId}"][data-status="withdrawn"]`).waitFor();
    expect(await row.locator('.item-status').textContent()).toBe('withdrawn, fingerprints deleted');
    expect(await row.getByRole('button').count()).toBe(0); // nothing left to withdraw
    expect(await caseSection().locator('.notice').textContent()).toBe('Photo 2 was withdrawn; its fingerprints are deleted.');
    expect((await owner.caseOnPage()).status).toBe('active');
    expect(await matchedItems(pdqs[1]!)).toEqual([]);
    expect(await matchedItems(pdqs[0]!)).toEqual([kept!.itemId]);
  });

  it('adds photos to the case: Add photos or videos → choose → review → send, and they appear and match', async () => {
    await caseSection().getByRole('button', { name: 'Add photos or videos' }).click();
    await owner.waitForStep('choose');
    expect(await owner.page.locator('[data-step="choose"] h1').textContent()).toBe('Add to your case: choose your photos and videos');
    expect((await owner.chooseFiles(MORE)).map((row) => row.state)).toEqual(['done', 'done']);
    await owner.toReview();
    const added = (await owner.reviewEntries()).map((entry) => entry.fields.pdq!);
    expect(await owner.send()).toBe('case');
    await caseSection().waitFor();
    expect(await caseSection().locator('.notice').textContent()).toBe('2 photos added to the case.');
    const view = await owner.caseOnPage();
    expect(view.items.map((item) => item.status)).toEqual(['active', 'withdrawn', 'active', 'active']);
    for (const [i, pdq] of added.entries()) expect(await matchedItems(pdq)).toEqual([view.items[2 + i]!.itemId]);
    pdqs.push(...added);
  });

  it('withdraws the whole case only after confirming: nothing matches any more, and adding is no longer offered', async () => {
    const withdrawAll = caseSection().getByRole('button', { name: 'Withdraw the whole case' });
    await withdrawAll.click();
    const confirm = caseSection().getByRole('group', { name: /^Withdraw the whole case\?/ });
    await confirm.getByRole('button', { name: 'No, keep it' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect((await owner.caseOnPage()).status).toBe('active');
    expect((await matchedItems(pdqs[0]!)).length).toBe(1);

    await withdrawAll.click();
    await confirm.getByRole('button', { name: 'Yes, withdraw' }).click();
    await owner.page.locator('[data-case-status="withdrawn"]').waitFor();
    const view = await owner.caseOnPage();
    expect(view.items.map((item) => item.status)).toEqual(['withdrawn', 'withdrawn', 'withdrawn', 'withdrawn']);
    expect(await caseSection().locator('.notice').textContent()).toBe('The case was withdrawn; all its fingerprints are deleted.');
    expect(await caseSection().locator('.case-status').textContent()).toMatch(/^This case was withdrawn on \d{1,2} [A-Z][a-z]+ \d{4}\. Its fingerprints were deleted\.$/);
    expect(await caseSection().getByRole('button', { name: 'Add photos or videos' }).count()).toBe(0);
    expect(await caseSection().getByRole('button', { name: /withdraw/i }).count()).toBe(0);
    for (const pdq of pdqs) expect(await matchedItems(pdq)).toEqual([]);
    const seen = await server.request(`/v1/cases/${credentials.caseId}`, { headers: { authorization: `Case ${credentials.secret}` } });
    expect(((await seen.json()) as { status: string }).status).toBe('withdrawn');
  });

  // Last: covers everything the pages did above.
  it('had no console error, uncaught error or CSP violation', () => {
    expect([...creator.problems, ...owner.problems]).toEqual([]);
  });
});
