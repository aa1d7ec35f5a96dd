/**
 * Every step of the victim page, in French and in English, passes axe-core with no "serious" or
 * "critical" violation — including the states people meet when something goes wrong: the consent
 * error, a refused file, previews, a low-quality warning, a wrong secret, a withdrawal being
 * confirmed. Lesser findings are printed, not failed. axe is injected through page.evaluate (run
 * by DevTools, so the page's CSP — which rightly refuses any other script — does not apply).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../hash-core/src/test-support/shared.js';
import { startTestServer, type TestServer } from '../../server/test/helpers.js';
import { audit } from './support/axe.js';
import { runInBrowser, VictimPage } from './support/victim-page.js';

const step = (name: string) => `[data-step="${name}"]`;
const fixture = (path: string) => join(repoRoot, 'fixtures', path);
const describeBrowser = runInBrowser ? describe : describe.skip;
const title = runInBrowser ? 'accessibility of every step (axe-core)' : 'accessibility of every step (skipped: /usr/bin/chromium not found)';

describeBrowser(title, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    // A listed partner, so the welcome step shows its list rather than "none yet".
    server.app.store.platforms.create({ name: 'Listed Social', scopes: ['match'], listed: true });
  });
  afterAll(() => server?.close());

  describe.each([
    ['French', 'fr-FR', 'fr'],
    ['English', 'en-GB', 'en'],
  ])('in %s', (_language, locale, lang) => {
    let victim: VictimPage;
    let page: Page;
    let credentials: { caseId: string; secret: string };
    beforeAll(async () => {
      victim = await VictimPage.open(server.url, { locale });
      page = victim.page;
      // Tall enough that nothing sits under the sticky header, so axe can measure every contrast.
      await page.setViewportSize({ width: 1024, height: 3000 });
    });
    afterAll(() => victim?.close());

    it('welcome', async () => {
      await page.locator('.platforms[data-state="ready"]').waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
      expect(await audit(page, `welcome (${lang})`)).toEqual([]);
    });

    it('consent, and consent with the "tick both boxes" error', async () => {
      await page.locator(`${step('welcome')} .actions button.primary`).click();
      await victim.waitForStep('consent');
      expect(await audit(page, `consent (${lang})`)).toEqual([]);
      await page.locator(`${step('consent')} button[type="submit"]`).click();
      await page.locator('#consent-missing').waitFor();
      expect(await audit(page, `consent error (${lang})`)).toEqual([]);
    });

    it('choose, with photos fingerprinted and one refused, then with previews', async () => {
      await page.locator('#consent-person').check();
      await page.locator('#consent-understand').check();
      await page.locator(`${step('consent')} button[type="submit"]`).click();
      await victim.waitForStep('choose');
      expect(await audit(page, `choose, empty (${lang})`)).toEqual([]);
      const rows = await victim.chooseFiles([fixture('sample/pattern.png'), fixture('images/corrupt.jpg'), fixture('images/palette.png')]);
      expect(rows.map((r) => r.state)).toEqual(['done', 'error', 'done']);
      expect(await audit(page, `choose, hashed with a refused file (${lang})`)).toEqual([]);
      await page.locator('#show-previews').check();
      await page.waitForFunction(() => {
        const images = Array.from(document.querySelectorAll<HTMLImageElement>('ol.files img.preview'));
        return images.length === 3 && images.every((img) => img.complete);
      });
      expect(await audit(page, `choose, previews shown (${lang})`)).toEqual([]);
    });

    it('review, with a low-quality warning and the exact data open', async () => {
      await victim.toReview();
      const entries = await victim.reviewEntries();
      expect(entries.map((e) => [e.name, e.lowQuality])).toEqual([
        ['pattern.png', true], // quality 31
        ['palette.png', false], // quality 94
      ]);
      await page.locator('details.exact summary').click();
      expect(await audit(page, `review (${lang})`)).toEqual([]);
    });

    it('case created', async () => {
      expect(await victim.send()).toBe('created');
      credentials = await victim.credentials();
      expect(await audit(page, `case created (${lang})`)).toEqual([]);
    });

    it('my case: sign-in, and sign-in with a wrong secret', async () => {
      // Finish, then come back as someone who already has a case.
      await page.locator(`${step('created')} .actions button.secondary`).last().click();
      await victim.waitForStep('welcome');
      await page.locator(`${step('welcome')} .actions button.secondary`).click();
      await victim.waitForStep('case');
      expect(await audit(page, `my case sign-in (${lang})`)).toEqual([]);
      await victim.openCase(credentials.caseId, 'A'.repeat(credentials.secret.length));
      expect(await victim.alertText()).not.toBeNull();
      expect(await audit(page, `my case sign-in, wrong secret (${lang})`)).toEqual([]);
    });

    it('my case: the case, with a withdrawal confirmation open', async () => {
      await victim.openCase(credentials.caseId, credentials.secret);
      await page.locator('[data-case-status="active"]').waitFor();
      expect(await audit(page, `my case (${lang})`)).toEqual([]);
      await page.locator('ol.case-items > li').first().locator('button.link').click();
      await page.locator('.confirm').waitFor();
      expect(await audit(page, `my case, withdrawal confirmation (${lang})`)).toEqual([]);
    });

    it('raised no console error or CSP violation', () => {
      // Chromium logs the wrong secret's 401 itself; that one is expected.
      expect(victim.problems.filter((p) => !/status of 401/.test(p))).toEqual([]);
    });
  });
});
