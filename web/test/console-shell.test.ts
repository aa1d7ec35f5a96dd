/**
 * The console's frame in Chromium: served at /admin under the same CSP, never loaded by the
 * victims' page; sign-in with and without TOTP, a throttled sign-in, sign-out, an ended session,
 * and each role seeing only its own sections (the API refuses the rest as well).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/helpers.js';
import { newTotpSecret } from '../../server/src/secrets/totp.js';
import { createOperator, currentTotpCode, PASSWORD } from '../../server/test/operator-helpers.js';
import { ConsolePage, launchChromium, runInBrowser } from './support/admin-page.js';
import { audit } from './support/axe.js';

const describeBrowser = runInBrowser ? describe : describe.skip;

describeBrowser('the console at /admin, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    server.app.store.ngos.create({ name: 'Association Exemple', code: 'EXEMPLE' });
    await createOperator(server, 'alice', 'admin');
    await createOperator(server, 'rita', 'reviewer');
    await createOperator(server, 'nora', 'ngo', { ngoCode: 'EXEMPLE' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('is its own entry: the victims’ page loads none of its code, /admin is served under the CSP', async () => {
    const victimHtml = await (await server.request('/')).text();
    const adminResponse = await server.request('/admin');
    expect(adminResponse.status).toBe(200);
    expect(adminResponse.headers.get('content-security-policy')).toContain("script-src 'self'");
    const adminHtml = await adminResponse.text();
    const adminEntry = adminHtml.match(/src="(\/assets\/admin-[^"]+\.js)"/)?.[1];
    expect(adminEntry).toBeDefined();
    expect(victimHtml).not.toContain(adminEntry!);
    expect(victimHtml).not.toMatch(/admin-[^"]+\.(js|css)/);
    expect((await server.request('/admin/', { redirect: 'manual' })).headers.get('location')).toBe('/admin');
  });

  it('signs in with a password, shows only the sections of the role, and signs out', async () => {
    const reviewer = await ConsolePage.open(browser, server.url);
    try {
      await reviewer.signIn('rita', 'wrong password');
      expect(await reviewer.alert()).toBe('Identifiant ou mot de passe incorrect.');
      await reviewer.signIn('rita', PASSWORD);
      expect(await reviewer.signedIn()).toBe(true);
      await reviewer.page.waitForFunction(() => location.hash === '#/dashboard');
      const sections = await reviewer.page.locator('.console-bar nav a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      expect(sections).toEqual(['#/dashboard', '#/matches', '#/alerts', '#/account']);
      await reviewer.goto('/platforms');
      expect(await reviewer.alert()).toBe('Votre rôle ne donne pas accès à cette page.');
      // The API says the same, whatever the page shows.
      const status = await reviewer.page.evaluate(async () => (await fetch('/v1/admin/platforms')).status);
      expect(status).toBe(403);
      await reviewer.page.locator('#sign-out').click();
      await reviewer.page.locator('#username').waitFor();
      expect(await reviewer.page.locator('.login [role="status"]').textContent()).toBe('Vous êtes déconnecté.');
      expect(await reviewer.page.evaluate(async () => (await fetch('/v1/admin/me')).status)).toBe(401);
      expect(reviewer.problems).toEqual([]);
    } finally {
      await reviewer.close();
    }
  });

  it('asks for the TOTP code when the account has one, and lands an NGO account on its own space', async () => {
    const secret = newTotpSecret();
    const operator = server.app.store.operators.list().find((o) => o.username === 'nora')!;
    server.app.store.operators.setTotpSecret(operator.id, secret);
    const code = () => currentTotpCode(secret);
    const ngo = await ConsolePage.open(browser, server.url, { locale: 'en-GB' });
    try {
      await ngo.signIn('nora', PASSWORD, () => '000000');
      expect(await ngo.alert()).toBe('That code is not valid. Codes change every 30 seconds and each works once.');
      await ngo.page.locator('#code').fill(code());
      await ngo.page.locator('.login button[type="submit"]').click();
      await ngo.page.locator('#sign-out').waitFor();
      await ngo.page.waitForFunction(() => location.hash === '#/ngo');
      const sections = await ngo.page.locator('.console-bar nav a').evaluateAll((links) => links.map((a) => a.textContent));
      expect(sections).toEqual(['My NGO', 'My account']);
    } finally {
      await ngo.close();
    }
  });

  it('can be used with the keyboard alone, and its sign-in form passes axe', async () => {
    const page = await ConsolePage.open(browser, server.url, { locale: 'en-GB' });
    try {
      expect(await audit(page.page, 'console sign-in')).toEqual([]);
      // The username field has the focus on arrival; Tab moves to the password, Enter signs in.
      expect(await page.page.evaluate(() => document.activeElement?.id)).toBe('username');
      await page.page.keyboard.type('alice');
      await page.page.keyboard.press('Tab');
      await page.page.keyboard.type(PASSWORD);
      await page.page.keyboard.press('Enter');
      await page.page.locator('#sign-out').waitFor();
      // Tab from the top: the skip link first, then the sections; Enter opens one.
      await page.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.page.keyboard.press('Tab');
      expect(await page.page.evaluate(() => document.activeElement?.className)).toBe('skip');
      let label = '';
      for (let i = 0; i < 12 && label !== 'Matches'; i++) {
        await page.page.keyboard.press('Tab');
        label = await page.page.evaluate(() => document.activeElement?.textContent ?? '');
      }
      expect(label).toBe('Matches');
      await page.page.keyboard.press('Enter');
      await page.page.waitForFunction(() => location.hash === '#/matches');
      expect(await audit(page.page, 'console frame')).toEqual([]);
      await page.page.locator('#sign-out').click();
      await page.page.locator('#username').waitFor();
    } finally {
      await page.close();
    }
  });

  it('says when a session has ended, and when sign-in is throttled', async () => {
    const admin = await ConsolePage.open(browser, server.url, { locale: 'en-GB' });
    try {
      await admin.signIn('alice', PASSWORD);
      expect(await admin.signedIn()).toBe(true);
      // The session ends on the server (as when an admin resets the password): the next call says so.
      server.app.store.sessions.deleteForOperator(server.app.store.operators.list().find((o) => o.username === 'alice')!.id);
      await admin.page.evaluate(() => {
        location.hash = '#/matches';
      });
      await admin.page.locator('#username').waitFor();
      expect(await admin.page.locator('.login [role="status"]').textContent()).toBe('Your session has expired. Please sign in again.');

      // Last in this file: the back-off also applies to this client's address.
      let message: string | null = null;
      for (let attempt = 0; attempt < 12 && !message?.startsWith('Too many'); attempt++) {
        await admin.signIn('alice', `guess ${attempt}`);
        message = await admin.alert();
      }
      expect(message).toMatch(/^Too many failed attempts\. Wait \d+ s, then try again\.$/);
      expect(admin.problems).toEqual([]);
    } finally {
      await admin.close();
    }
  });
});
