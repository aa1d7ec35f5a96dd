/**
 * Sending again, in Chromium against a real server. When a POST reaches Disrupt but its answer is
 * lost (the connection cut on the way back), "Try again" must show the case Disrupt already made
 * — not make a second one the person never hears of — and adding photos again must not double
 * them. Photos already in the case are said to be so, in French and English.
 */
import { join } from 'node:path';
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../hash-core/src/test-support/shared.js';
import { openDb } from '../../server/test/case-helpers.js';
import { startTestServer, type TestServer } from '../../server/test/helpers.js';
import { launchChromium, runInBrowser, VictimPage } from './support/victim-page.js';

const [A, B, C, D] = ['sample/transparent.png', 'images/bilevel.png', 'images/palette.png', 'images/grey-alpha.png'].map((f) => join(repoRoot, 'fixtures', f)) as [
  string,
  string,
  string,
  string,
];
const CANNOT_REACH = 'We cannot reach Disrupt. Check your Internet connection, then try again: nothing is lost.';

const describeBrowser = runInBrowser ? describe : describe.skip;

describeBrowser('sending again, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  const pages: VictimPage[] = [];
  const open = async () => {
    const victim = await VictimPage.open(server.url, { browser, locale: 'en-GB' });
    pages.push(victim);
    return victim;
  };
  const count = (sql: string, ...params: string[]) => {
    const db = openDb(server);
    try {
      return (db.prepare(sql).get(...params) as { n: number }).n;
    } finally {
      db.close();
    }
  };
  const casesStored = () => count('SELECT COUNT(*) AS n FROM cases');
  const itemsStored = (caseId: string) => count('SELECT COUNT(*) AS n FROM items WHERE case_id = ?', caseId);

  /**
   * The first POST matching `url` reaches Disrupt (route.fetch) but its answer is dropped, as if
   * the connection were cut on the way back; later ones pass. Records each try's Idempotency-Key.
   */
  const loseFirstAnswer = async (page: Page, url: string) => {
    const keys: string[] = [];
    let lost: unknown;
    await page.route(url, async (route: Route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key'] ?? '(none)');
      if (lost !== undefined) return route.continue();
      const response = await route.fetch();
      lost = await response.json();
      return route.abort('connectionreset');
    });
    return { keys, lost: () => lost };
  };

  const caseSection = (victim: VictimPage) => victim.page.locator('[data-case-status]');
  /** From "my case": Add photos or videos → choose → review → send; back on "my case", its notice. */
  const addPhotos = async (victim: VictimPage, files: string[]) => {
    await caseSection(victim).getByRole('button', { name: 'Add photos or videos' }).click();
    await victim.chooseFiles(files);
    await victim.toReview();
    expect(await victim.send()).toBe('case');
    await caseSection(victim).waitFor();
    return caseSection(victim).locator('.notice').textContent();
  };

  beforeAll(async () => {
    server = await startTestServer({ config: { victimLimits: { requestsPerMinute: 10_000 } } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const victim of pages) await victim.close();
    await browser?.close();
    await server?.close();
  });

  it('a case made but its answer lost: "try again" shows that very case, and only one exists', async () => {
    const victim = await open();
    const { page } = victim;
    await victim.start();
    await victim.chooseFiles([A, B]);
    await victim.toReview();
    const before = casesStored();
    const tries = await loseFirstAnswer(page, '**/v1/cases');

    expect(await victim.send()).toBe('review');
    expect(await victim.alertText()).toBe(CANNOT_REACH);
    expect(casesStored()).toBe(before + 1); // Disrupt did make it
    expect(await page.locator('#send').textContent()).toBe('Try sending again');
    await page.locator('#send').click();
    await victim.waitForStep('created');

    expect(casesStored()).toBe(before + 1);
    const made = tries.lost() as { caseId: string; secret: string };
    expect(await victim.credentials()).toEqual({ caseId: made.caseId, secret: made.secret });
    expect(await page.locator('#case-id').textContent()).toBe(made.caseId);
    expect(itemsStored(made.caseId)).toBe(2);
    // One random key (192 bits, base64url, as the draft's quoted string), the same on both tries.
    expect(tries.keys).toHaveLength(2);
    expect(tries.keys[0]).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(tries.keys[1]).toBe(tries.keys[0]);

    // Finished, then the same photos again: a new submission, a new key, a new case.
    await page.getByRole('button', { name: 'Finish' }).click();
    await victim.start();
    await victim.chooseFiles([A, B]);
    await victim.toReview();
    expect(await victim.send()).toBe('created');
    expect((await victim.credentials()).caseId).not.toBe(made.caseId);
    expect(casesStored()).toBe(before + 2);
    expect(tries.keys).toHaveLength(3);
    expect(tries.keys[2]).not.toBe(tries.keys[0]);
  });

  it('says how many photos were new and how many already in the case, and a lost answer adds nothing twice', async () => {
    const victim = await open();
    const { page } = victim;
    await victim.start();
    await victim.chooseFiles([A]);
    await victim.toReview();
    expect(await victim.send()).toBe('created');
    const { caseId } = await victim.credentials();
    await page.locator('[data-step="created"] .actions button.primary').click(); // See my case
    await caseSection(victim).waitFor();

    // One new, one already there.
    expect(await addPhotos(victim, [A, B])).toBe('1 new photo added to the case; 1 other was already in it.');
    expect((await victim.caseOnPage()).items).toHaveLength(2);
    await page.locator('header button.language').click();
    await expect.poll(() => caseSection(victim).locator('.notice').textContent()).toBe('1 nouvelle photo ajoutée au dossier ; 1 autre y était déjà.');
    await page.locator('header button.language').click();

    // Nothing new.
    expect(await addPhotos(victim, [B])).toBe('This photo was already in your case: nothing was added, it is kept once.');
    expect(await addPhotos(victim, [A, B])).toBe('These 2 photos were already in your case: nothing was added, each is kept once.');
    await page.locator('header button.language').click();
    await expect.poll(() => caseSection(victim).locator('.notice').textContent()).toBe(
      'Ces 2 photos étaient déjà dans votre dossier : rien n’a été ajouté, chacune y est gardée une seule fois.',
    );
    await page.locator('header button.language').click();
    expect(itemsStored(caseId)).toBe(2);

    // Two new photos whose answer is lost: "try again" says they were added, not "already there".
    const tries = await loseFirstAnswer(page, '**/v1/cases/*/items');
    await caseSection(victim).getByRole('button', { name: 'Add photos or videos' }).click();
    await victim.chooseFiles([C, D]);
    await victim.toReview();
    expect(await victim.send()).toBe('review');
    expect(await victim.alertText()).toBe(CANNOT_REACH);
    await page.locator('#send').click();
    await victim.waitForStep('case');
    await caseSection(victim).waitFor();
    expect(await caseSection(victim).locator('.notice').textContent()).toBe('2 photos added to the case.');
    expect(tries.keys).toHaveLength(2);
    expect(tries.keys[1]).toBe(tries.keys[0]);
    expect((await victim.caseOnPage()).items.map((item) => item.status)).toEqual(['active', 'active', 'active', 'active']);
    expect(itemsStored(caseId)).toBe(4);
  });

  // Last: covers the pages above. The dropped answers are logged by Chromium itself.
  it('had no console error, uncaught error or CSP violation beyond the dropped answers', () => {
    const problems = pages.flatMap((victim) => victim.problems).filter((problem) => !/Failed to load resource/.test(problem));
    expect(problems).toEqual([]);
  });
});
