/**
 * The console's insight pages in Chromium, on data made through the real HTTP API: the dashboard's
 * figures equal the API's and the counts the test made; the transparency report (table and CSV)
 * gives the right counts and "<5" for small ones; an NGO sees its own link, whose QR code (drawn
 * by our server) decodes to exactly that link, and prints only the leaflet; an operator changes
 * their password and turns on two-step sign-in from the account page, then signs in with a code.
 * axe finds nothing serious on the four pages.
 */
import { readFileSync } from 'node:fs';
import * as jsQRModule from 'jsqr';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/helpers.js';
import { createOperator, currentTotpCode, json, login, PASSWORD } from '../../server/test/operator-helpers.js';
import { addPlatform, match, randomItem } from '../../server/test/platform-helpers.js';
import { ConsolePage, launchChromium, runInBrowser } from './support/admin-page.js';
import { audit } from './support/axe.js';

const describeBrowser = runInBrowser ? describe : describe.skip;

/** jsqr is CommonJS: its function is the module itself or its `default`, depending on the loader. */
type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const loaded = jsQRModule as unknown as { default: Decode | { default: Decode } };
const jsQR: Decode = typeof loaded.default === 'function' ? loaded.default : loaded.default.default;


describeBrowser('the console’s dashboard, transparency report, NGO space and account page, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  /** What the test made through the API. */
  const made = { cases: 0, items: 0, alpha: 0, beta: 0, blocked: 0, notNcii: 0, unanswered: 0, referrals: 0 };

  async function newCase(items: number, referral?: string) {
    const response = await server.request('/v1/cases', { method: 'POST', json: { items: Array.from({ length: items }, () => randomItem()), ...(referral ? { referral } : {}) } });
    expect(response.status).toBe(201);
    made.cases++;
    made.items += items;
    if (referral) made.referrals++;
  }

  beforeAll(async () => {
    server = await startTestServer({ config: { victimLimits: { requestsPerMinute: 10_000 } } });
    browser = await launchChromium();
    server.app.store.ngos.create({ name: 'Association Exemple', code: 'EXEMPLE' });
    await createOperator(server, 'alice', 'admin');
    await createOperator(server, 'bob', 'reviewer');
    await createOperator(server, 'nora', 'ngo', { ngoCode: 'EXEMPLE' });

    // 7 cases (3 through the NGO's link), 9 items; 8 matches: Alpha 6, Beta 2; 5 blocked, 1 not_ncii, 2 unanswered.
    for (let i = 0; i < 6; i++) await newCase(1, i < 3 ? 'EXEMPLE' : undefined);
    await newCase(3);
    const alpha = await addPlatform(server, 'Alpha', ['match', 'feedback']);
    const beta = await addPlatform(server, 'Beta', ['match', 'feedback']);
    const items = Array.from({ length: 8 }, () => randomItem());
    const response = await server.request('/v1/cases', { method: 'POST', json: { items } });
    expect(response.status).toBe(201);
    made.cases++;
    made.items += items.length;
    const matchIds: number[] = [];
    for (const [i, item] of items.entries()) {
      const platform = i < 6 ? alpha : beta;
      const { status, body } = await match(server, platform.auth, [{ type: 'image', md5: item.md5 }]);
      expect(status).toBe(200);
      matchIds.push(body.results[0].matches[0].matchId);
      if (i < 6) made.alpha++;
      else made.beta++;
    }
    const feedback = async (i: number, decision: string) => {
      const platform = i < 6 ? alpha : beta;
      const answer = await server.request(`/v1/matches/${matchIds[i]}/feedback`, { method: 'POST', headers: platform.auth, json: { decision } });
      expect(answer.status).toBe(200);
    };
    for (let i = 0; i < 5; i++) await feedback(i, 'blocked');
    await feedback(6, 'not_ncii');
    made.blocked = 5;
    made.notNcii = 1;
    made.unanswered = 2;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the dashboard’s figures exactly as the API counts them, charts with their numbers', async () => {
    const api = await login(server, 'alice');
    const stats = await json(await api.request('/v1/admin/stats?from=' + new Date(Date.now() - 7 * 86_400_000).toISOString()), 200);
    // The API agrees with what the test made.
    expect(stats.submissions).toEqual({ cases: made.cases, items: made.items });
    expect(stats.disputes).toEqual({ total: 1, open: 1 });
    expect(stats.referrals).toEqual([expect.objectContaining({ code: 'EXEMPLE', count: made.referrals })]);

    const admin = await ConsolePage.open(browser, server.url);
    try {
      await admin.signIn('alice', PASSWORD);
      await admin.goto('/dashboard?days=7');
      // The 7 days' figures, not those of the page shown at sign-in (the default period), which
      // are gone while the 7 days load: on a busy machine they could still be read here.
      await admin.page.locator('[data-days="7"][aria-current="true"]').waitFor();
      await admin.page.locator('section.dashboard[aria-busy="false"] [data-figure="submissions.cases"]').waitFor();
      const figures = Object.fromEntries(
        await admin.page.locator('[data-figure]').evaluateAll((nodes) => nodes.map((n) => [n.getAttribute('data-figure'), Number(n.textContent)])),
      ) as Record<string, number>;
      expect(figures).toMatchObject({
        'submissions.cases': stats.submissions.cases,
        'submissions.items': stats.submissions.items,
        'withdrawals.cases': stats.withdrawals.cases,
        'withdrawals.items': stats.withdrawals.items,
        'disputes.total': stats.disputes.total,
        'disputes.open': stats.disputes.open,
        disabledItems: stats.disabledItems,
        'referrals.EXEMPLE': made.referrals,
        'matches-platform.total': made.alpha + made.beta,
        'matches-platform.Alpha': made.alpha,
        'matches-platform.Beta': made.beta,
        'matches-feedback.total': made.alpha + made.beta,
        'matches-feedback.blocked': made.blocked,
        'matches-feedback.not_ncii': made.notNcii,
        'matches-feedback.none': made.unanswered,
      });
      for (const [name, size] of Object.entries(stats.indexSizes)) expect(figures[`index.${name}`]).toBe(size);
      // The charts' text alternatives: the SVG names its numbers, and the table under it has today's.
      const today = new Date().toISOString().slice(0, 10);
      expect(await admin.page.locator('[data-chart="matches-platform"] svg title').textContent()).toContain(`Alpha: ${made.alpha}`);
      const row = await admin.page.locator(`[data-chart-table="matches-platform"] tr[data-day="${today}"] td`).allTextContents();
      expect(row).toEqual([String(made.alpha), String(made.beta), String(made.alpha + made.beta)]);
      expect(await admin.page.locator('[data-chart="matches-platform"] svg.bars rect').count()).toBe(2);
      expect(await admin.page.locator('[data-days="7"]').getAttribute('aria-current')).toBe('true');
      expect(await audit(admin.page, 'dashboard')).toEqual([]);

      // A period of dates, in the address: nothing then.
      await admin.page.locator('#period-from').fill('2020-01-01');
      await admin.page.locator('#period-to').fill('2020-01-31');
      await admin.page.locator('.period-range button').click();
      await admin.page.waitForFunction(() => location.hash === '#/dashboard?from=2020-01-01&to=2020-01-31');
      await admin.page.waitForFunction(() => document.querySelector('[data-figure="submissions.cases"]')?.textContent === '0');
      expect(admin.problems).toEqual([]);
    } finally {
      await admin.close();
    }
  });

  it('gives the transparency report as a table and a CSV, small counts as "<5"', async () => {
    const admin = await ConsolePage.open(browser, server.url, { locale: 'en-GB' });
    try {
      await admin.signIn('alice', PASSWORD);
      await admin.goto('/transparency?days=30');
      await admin.page.locator('[data-count="cases"]').waitFor();
      const table = Object.fromEntries(await admin.page.locator('[data-count]').evaluateAll((nodes) => nodes.map((n) => [n.getAttribute('data-count'), n.textContent])));
      const expected = {
        cases: String(made.cases),
        items: String(made.items),
        matches: String(made.alpha + made.beta),
        decisionsBlocked: String(made.blocked),
        decisionsNotNcii: '<5',
        decisionsPending: '<5',
        disputes: '<5',
        withdrawnCases: '<5',
        withdrawnItems: '<5',
        disabledItems: '<5',
      };
      expect(table).toEqual(expected);

      const [download] = await Promise.all([admin.page.waitForEvent('download'), admin.page.locator('#transparency-csv').click()]);
      expect(download.suggestedFilename()).toMatch(/^transparency-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
      const lines = readFileSync(await download.path(), 'utf8').trim().split(/\r\n/);
      expect(lines[0]).toBe('from,to,indicator,label,count');
      const csv = Object.fromEntries(lines.slice(1).map((line) => [line.split(',')[2], line.split(',').at(-1)]));
      expect(csv).toEqual(expected);
      expect(await audit(admin.page, 'transparency report')).toEqual([]);
      expect(admin.problems).toEqual([]);
    } finally {
      await admin.close();
    }
  });

  it('shows an NGO its link and a QR code of exactly that link, and prints only the leaflet', async () => {
    const ngo = await ConsolePage.open(browser, server.url);
    try {
      await ngo.signIn('nora', PASSWORD);
      await ngo.page.waitForFunction(() => location.hash === '#/ngo');
      await ngo.page.locator('#referral-link').waitFor();
      const link = `${server.url}/?ref=EXEMPLE`;
      expect(await ngo.page.locator('#referral-link').inputValue()).toBe(link);
      expect(await ngo.page.locator('[data-ngo-name]').textContent()).toContain('Association Exemple');
      // Completed weeks only: this week's 3 referrals are not counted yet, and every week shows "<5".
      expect(new Set(await ngo.page.locator('[data-week]').allTextContents())).toEqual(new Set(['<5']));

      // The QR code, as the browser draws our server's SVG, read back with a QR decoder.
      const size = 400;
      const pixels = await ngo.page.evaluate(async (size) => {
        const img = document.querySelector<HTMLImageElement>('#referral-qr')!;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = size;
        const context = canvas.getContext('2d')!;
        context.fillStyle = '#fff';
        context.fillRect(0, 0, size, size);
        context.drawImage(img, 0, 0, size, size);
        return Array.from(context.getImageData(0, 0, size, size).data);
      }, size);
      expect(jsQR(Uint8ClampedArray.from(pixels), size, size)?.data).toBe(link);
      expect(await ngo.page.locator('#referral-qr').getAttribute('src')).toBe('/v1/ngo/referral-qr.svg');
      expect(await audit(ngo.page, 'NGO space')).toEqual([]);

      await ngo.page.emulateMedia({ media: 'print' });
      expect(await ngo.page.locator('[data-leaflet]').isVisible()).toBe(true);
      expect(await ngo.page.locator('.console-bar').isVisible()).toBe(false);
      expect(await ngo.page.locator('#referral-link').isVisible()).toBe(false);
      expect(await ngo.page.locator('[data-leaflet] [lang="fr"]').isVisible()).toBe(true);
      expect(await ngo.page.locator('[data-leaflet] [lang="en"]').isVisible()).toBe(true);
      expect(await ngo.page.locator('[data-leaflet]').textContent()).toContain(link);
      const pdf = (await ngo.page.pdf({ format: 'A4' })).toString('latin1');
      expect(pdf.match(/\/Type\s*\/Page\b/g)?.length, 'the leaflet fits on one page').toBe(1);
      await ngo.page.emulateMedia({ media: 'screen' });
      expect(ngo.problems).toEqual([]);
    } finally {
      await ngo.close();
    }
  });

  it('changes the password and turns on two-step sign-in from the account page, then signs in with a code', async () => {
    const page = await ConsolePage.open(browser, server.url);
    const newPassword = 'a brand new passphrase 42';
    try {
      await page.signIn('bob', PASSWORD);
      await page.goto('/account');
      await page.page.locator('#password-form').waitFor();
      expect(await audit(page.page, 'account')).toEqual([]);
      await page.page.locator('#account-current').fill(PASSWORD);
      await page.page.locator('#account-next').fill(newPassword);
      await page.page.locator('#account-repeat').fill(newPassword);
      await page.page.locator('#password-form button[type="submit"]').click();
      await page.page.locator('#password-result').waitFor();
      expect(await page.page.locator('#password-result').getAttribute('role')).toBe('status');

      // The new CSRF token is used from now on: enrolment is a POST.
      await page.page.locator('#totp-start').click();
      await page.page.locator('#totp-secret').waitFor();
      const secret = (await page.page.locator('#totp-secret').textContent())!;
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(await page.page.locator('#totp-qr').evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth > 0))).toBe(true);
      expect(await audit(page.page, 'account, enrolling')).toEqual([]);
      await page.page.locator('#totp-code').fill(currentTotpCode(secret, Date.now()));
      await page.page.locator('#totp-form button[type="submit"]').click();
      await page.page.locator('[data-totp="on"]').waitFor();

      await page.page.locator('#sign-out').click();
      await page.page.locator('#username').waitFor();
      // Each code works once: sign in with the next one (the server accepts one step ahead).
      await page.signIn('bob', newPassword, () => currentTotpCode(secret, Date.now() + 30_000));
      expect(await page.signedIn()).toBe(true);
      expect(page.problems).toEqual([]);
    } finally {
      await page.close();
    }
    const operator = server.app.store.operators.list().find((o) => o.username === 'bob')!;
    expect(operator.totpEnabled).toBe(true);
  });
});
