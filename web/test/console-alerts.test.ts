/**
 * The console's Alerts page, in Chromium, against the real HTTP API: two platforms dispute an
 * item (`not_ncii`), the server quarantines it; a reviewer sees the alert with its reason and
 * counts, restores it (it matches again for the platform), and after a second quarantine keeps it
 * disabled; decided alerts show who decided. axe on the page.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/helpers.js';
import { createOperator, json, PASSWORD } from '../../server/test/operator-helpers.js';
import { addPlatform, match, randomItem, storeItems } from '../../server/test/platform-helpers.js';
import { ConsolePage, launchChromium, runInBrowser } from './support/admin-page.js';
import { audit } from './support/axe.js';

const describeBrowser = runInBrowser ? describe : describe.skip;

describeBrowser('deciding on quarantined items in the console, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let alpha: Awaited<ReturnType<typeof addPlatform>>;
  let beta: Awaited<ReturnType<typeof addPlatform>>;
  const meme = randomItem();
  let itemId: number;

  const matchIds = async (platform: typeof alpha) => (await match(server, platform.auth, [{ type: 'image', pdq: meme.pdq, quality: 90 }])).body.results[0].matches.map((m: { matchId: number }) => m.matchId) as number[];
  const dispute = async (platform: typeof alpha) => {
    const [id] = await matchIds(platform);
    await json(await server.request(`/v1/matches/${id}/feedback`, { method: 'POST', headers: platform.auth, json: { decision: 'not_ncii' } }), 200);
  };

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    await createOperator(server, 'rita', 'reviewer');
    alpha = await addPlatform(server, 'PicShare', ['match', 'feedback']);
    beta = await addPlatform(server, 'ClipHub', ['match', 'feedback']);
    itemId = (await storeItems(server, [meme])).itemIds[0]!;
    await dispute(alpha);
    await dispute(beta);
    expect(await matchIds(alpha)).toEqual([]); // quarantined
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the alert with its reason and counts, restores the item, then keeps it disabled after a new quarantine', async () => {
    const rita = await ConsolePage.open(browser, server.url, { locale: 'en-GB' });
    try {
      await rita.signIn('rita', PASSWORD);
      const page = rita.page;
      expect(await page.locator('.console-bar nav a[href="#/alerts"]').textContent()).toBe('Alerts');
      await rita.goto('/alerts');
      const row = page.locator(`tr[data-item="${itemId}"]`);
      await row.waitFor();
      expect(await page.locator('[data-open-count]').textContent()).toBe('1 alert to decide.');
      expect(await row.locator('[data-reason]').textContent()).toBe('disputed');
      expect(await row.textContent()).toContain('2 platform(s) dispute');
      expect(await row.locator('[data-item-status]').textContent()).toBe('disabled');
      expect(await page.locator('[data-page="alerts"] p').first().textContent()).toMatch(/at least 2 platforms.*at least 50 times within 24 h/);
      expect(await audit(page, 'alerts page')).toEqual([]);

      await row.locator('[data-decide="restore"]').click();
      await page.locator('#alert-note').fill('a victim’s own photo');
      await page.locator('[data-pending] [data-confirm]').click();
      await page.locator('[role="status"].notice').waitFor();
      expect(await page.locator('[role="status"].notice').textContent()).toBe(`Item ${itemId} restored.`);
      await page.waitForFunction(() => document.querySelector('[data-empty]') !== null);
      expect(await matchIds(alpha)).toHaveLength(1); // matches again

      await dispute(alpha);
      await dispute(beta);
      await rita.goto('/alerts?status=all');
      await page.locator(`tr[data-item="${itemId}"] [data-decide="disable"]`).waitFor();
      await page.locator(`tr[data-item="${itemId}"] [data-decide="disable"]`).click();
      await page.locator('[data-pending] [data-confirm]').click();
      await page.locator('[role="status"].notice').waitFor();
      await page.waitForFunction(() => document.querySelectorAll('[data-decision]').length === 2);
      const decisions = await page.locator('[data-decision]').evaluateAll((spans) => spans.map((s) => `${s.getAttribute('data-decision')}: ${s.textContent}`));
      expect(decisions[0]).toMatch(/^disable: kept disabled by rita/);
      expect(decisions[1]).toMatch(/^restore: restored by rita, .* — a victim’s own photo$/);
      expect(await matchIds(beta)).toEqual([]);
      expect(rita.problems).toEqual([]);
    } finally {
      await rita.close();
    }
  });
});
