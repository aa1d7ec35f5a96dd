/**
 * The admin pages in Chromium, end to end against a real server: a platform created in the console
 * whose key (copied from the page) works on the real API, rotated (the old key refused), listed on
 * the victims' page, revoked; an NGO, a reviewer and an NGO account created, each signing in to
 * their own pages and refused the admin ones (page and API); the audit log showing all of it,
 * filtered through its address. axe on each of the four pages.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/helpers.js';
import { createOperator, PASSWORD } from '../../server/test/operator-helpers.js';
import { randomItem } from '../../server/test/platform-helpers.js';
import { ConsolePage, launchChromium, runInBrowser } from './support/admin-page.js';
import { audit } from './support/axe.js';

const describeBrowser = runInBrowser ? describe : describe.skip;

describeBrowser('the admin pages of the console, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: ConsolePage;

  const matchWith = async (key: string) =>
    (await server.request('/v1/match', { method: 'POST', headers: { authorization: `Bearer ${key}` }, json: { items: [randomItem()] } })).status;
  const listedNames = async () => ((await (await server.request('/v1/platforms')).json()) as { platforms: { name: string }[] }).platforms.map((p) => p.name);
  const shownSecret = (id: string) => admin.page.locator(`#${id} [data-secret]`).textContent().then((text) => text!.trim());

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    await createOperator(server, 'adele', 'admin');
    admin = await ConsolePage.open(browser, server.url);
    await admin.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await admin.signIn('adele', PASSWORD);
    expect(await admin.signedIn()).toBe(true);
  });
  afterAll(async () => {
    await admin?.close();
    await browser?.close();
    await server?.close();
  });

  it('creates a platform whose key, shown once and copied, works on the API; rotates, lists and revokes it', async () => {
    const page = admin.page;
    await admin.goto('/platforms');
    await page.locator('#platform-form').waitFor();
    await page.locator('[data-page="platforms"] table, [data-page="platforms"] h2 + p').first().waitFor();
    expect(await audit(page, 'platforms page')).toEqual([]);

    await page.locator('#platform-name').fill('Réseau Exemple');
    await page.locator('#new-threshold-pdq').fill('24');
    await page.locator('#platform-form button[type="submit"]').click();
    await page.locator('#new-key [data-secret]').waitFor();
    expect(await page.locator('#new-key').textContent()).toContain('ne sera plus jamais affiché');
    await page.locator('#new-key [data-copy]').click();
    await page.locator('#new-key [role="status"]', { hasText: 'Copié' }).waitFor();
    const firstKey = await page.evaluate(() => navigator.clipboard.readText());
    expect(firstKey).toBe(await shownSecret('new-key'));
    expect(await matchWith(firstKey)).toBe(200);

    const row = page.locator('tr[data-platform="Réseau Exemple"]');
    expect(await row.locator('[data-thresholds]').textContent()).toBe('pdq: 24');
    expect(await row.locator('[data-listed]').getAttribute('data-listed')).toBe('false');
    // The key is gone once dismissed: nothing on the page can show it again.
    await page.locator('#new-key [data-done]').click();
    expect(await page.content()).not.toContain(firstKey);

    await row.locator('[data-action="rotate"]').click();
    await row.locator('[data-confirm]').click();
    await page.locator('#new-key [data-secret]').waitFor();
    const secondKey = await shownSecret('new-key');
    expect(secondKey).not.toBe(firstKey);
    expect(await matchWith(firstKey)).toBe(401);
    expect(await matchWith(secondKey)).toBe(200);
    await page.locator('#new-key [data-done]').click();

    expect(await listedNames()).not.toContain('Réseau Exemple');
    await row.locator('[data-action="edit"]').click();
    await page.locator('#edit-listed').check();
    await page.locator('#edit-platform button[type="submit"]').click();
    await row.locator('[data-listed="true"]').waitFor();
    expect(await listedNames()).toContain('Réseau Exemple');

    await row.locator('[data-action="revoke"]').click();
    await row.locator('[data-confirm]').click();
    await page.locator('tr[data-platform="Réseau Exemple"][data-status="revoked"]').waitFor();
    expect(await matchWith(secondKey)).toBe(401);
    expect(await listedNames()).not.toContain('Réseau Exemple');
    expect(admin.problems).toEqual([]);
  });

  it('creates an NGO, a reviewer and an NGO account, who sign in to their own pages and are refused the admin ones', async () => {
    const page = admin.page;
    await admin.goto('/ngos');
    await page.locator('#ngo-form').waitFor();
    await page.locator('#ngo-name').fill('Association Solidaire');
    await page.locator('#ngo-code').fill('SOLIDAIRE');
    await page.locator('#ngo-form button[type="submit"]').click();
    await page.locator('tr[data-ngo="SOLIDAIRE"]').waitFor();
    expect(await page.locator('tr[data-ngo="SOLIDAIRE"] [data-referral-link]').textContent()).toBe(`${server.url}/?ref=SOLIDAIRE`);

    await admin.goto('/operators');
    await page.locator('tr[data-operator="adele"]').waitFor();
    expect(await audit(page, 'operators page')).toEqual([]);
    await page.locator('#operator-username').fill('remi');
    await page.locator('#operator-role').selectOption('reviewer');
    await page.locator('#operator-password').fill(PASSWORD);
    await page.locator('#operator-form button[type="submit"]').click();
    await page.locator('tr[data-operator="remi"] [data-role="reviewer"]').waitFor();
    expect(await page.locator('#temporary-password').count()).toBe(0);

    await page.locator('#operator-username').fill('nadia');
    await page.locator('#operator-role').selectOption('ngo');
    await page.locator('#operator-ngo').selectOption('SOLIDAIRE');
    await page.locator('#operator-form button[type="submit"]').click();
    await page.locator('#temporary-password [data-secret]').waitFor();
    const temporary = await shownSecret('temporary-password');
    expect(temporary.length).toBeGreaterThanOrEqual(12);
    await page.locator('tr[data-operator="nadia"] [data-role="ngo"]').waitFor();

    await admin.goto('/ngos');
    await page.locator('tr[data-ngo="SOLIDAIRE"] [data-accounts]', { hasText: 'nadia' }).waitFor();
    expect(await audit(page, 'NGOs page')).toEqual([]);

    for (const [username, password, home] of [
      ['remi', PASSWORD, '#/dashboard'],
      ['nadia', temporary, '#/ngo'],
    ] as const) {
      const other = await ConsolePage.open(browser, server.url);
      try {
        await other.signIn(username, password);
        expect(await other.signedIn()).toBe(true);
        await other.page.waitForFunction((want) => location.hash === want, home);
        for (const path of ['/platforms', '/operators', '/ngos', '/audit']) {
          await other.goto(path);
          expect(await other.alert()).toBe('Votre rôle ne donne pas accès à cette page.');
          const status = await other.page.evaluate(async (p) => (await fetch(`/v1/admin${p}`)).status, path);
          expect(status, `${username} GET /v1/admin${path}`).toBe(403);
        }
        expect(other.problems).toEqual([]);
      } finally {
        await other.close();
      }
    }
    expect(admin.problems).toEqual([]);
  });

  it('shows those actions in the audit log, filtered through the address, page by page', async () => {
    const page = admin.page;
    await admin.goto('/audit');
    await page.locator('[data-page="audit"] [data-range]').waitFor();
    const actions = await page.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    for (const action of ['platform.create', 'platform.rotate_key', 'platform.update', 'platform.revoke', 'ngo.create', 'operator.create']) expect(actions).toContain(action);
    expect(actions.filter((a) => a === 'operator.create')).toHaveLength(2);
    expect(await page.locator('tbody tr[data-action="platform.create"] td').nth(1).textContent()).toBe('adele');
    expect(await audit(page, 'audit page')).toEqual([]);

    await page.locator('#audit-action').fill('platform.rotate_key');
    await page.locator('#audit-filters button[type="submit"]').click();
    await page.waitForFunction(() => location.hash === '#/audit?action=platform.rotate_key');
    await page.waitForFunction(() => {
      const rows = Array.from(document.querySelectorAll('tbody tr'));
      return rows.length > 0 && rows.every((r) => r.getAttribute('data-action') === 'platform.rotate_key');
    });
    expect(await page.locator('tbody tr').count()).toBe(1);

    // The filter is the address: opened as a link, by actor, it shows the same.
    const adele = server.app.store.operators.list().find((o) => o.username === 'adele')!;
    await admin.goto(`/audit?actor=operator:${adele.id}&action=operator.create`);
    await page.waitForFunction(() => document.querySelectorAll('tbody tr[data-action="operator.create"]').length === 2 && document.querySelectorAll('tbody tr').length === 2);
    expect(await page.locator('#audit-actor').inputValue()).toBe(`operator:${adele.id}`);

    // Pagination: more than a page of entries, then the second page holds the rest.
    for (let i = 0; i < 55; i++) server.app.store.audit.record('cli', 'test.filler', null, { i });
    await admin.goto('/audit?action=test.filler');
    await page.locator('[data-range]', { hasText: '1 à 50 sur 55' }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(50);
    await page.locator('.pager a[rel="next"]').click();
    await page.waitForFunction(() => location.hash === '#/audit?action=test.filler&page=2');
    await page.locator('[data-range]', { hasText: '51 à 55 sur 55' }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(5);
    expect(admin.problems).toEqual([]);
  });
  it('resets a password (a temporary one shown once works, the old one no longer does), changes a role and deactivates an account', async () => {
    const page = admin.page;
    const operator = await createOperator(server, 'olga', 'reviewer');
    const signInStatus = async (password: string) =>
      (await server.request('/v1/admin/login', { method: 'POST', json: { username: 'olga', password } })).status;
    await admin.goto('/operators');
    const row = page.locator('[data-operator="olga"]');
    await row.waitFor();

    await row.locator('[data-action="reset"]').click();
    await row.locator('[data-confirm]').click();
    await page.locator('#temporary-password [data-secret]').waitFor();
    const temporary = (await page.locator('#temporary-password [data-secret]').textContent())!.trim();
    expect(temporary.length).toBeGreaterThanOrEqual(12);
    expect(await signInStatus(PASSWORD)).toBe(401);
    const olga = await ConsolePage.open(browser, server.url);
    try {
      await olga.signIn('olga', temporary);
      expect(await olga.signedIn()).toBe(true);
    } finally {
      await olga.close();
    }

    await row.locator('[data-action="role"]').click();
    await page.locator(`#role-${operator.id}-role`).selectOption('admin');
    await row.locator('form.inline-form button[type="submit"]').click();
    await page.locator('[data-operator="olga"] [data-role="admin"]').waitFor();
    expect(server.app.store.operators.get(operator.id)!.role).toBe('admin');

    await row.locator('[data-action="deactivate"]').click();
    await row.locator('[data-confirm]').click();
    await page.locator('[data-operator="olga"][data-active="false"]').waitFor();
    expect(await signInStatus(temporary)).toBe(401);
    // The audit log holds all three, done by the admin.
    const actions = server.app.store.audit
      .list({ limit: 200, offset: 0 })
      .entries.filter((e) => e.target === `operator:${operator.id}` && e.actorName === 'adele')
      .map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['operator.reset_password', 'operator.role', 'operator.deactivate']));
    expect(admin.problems).toEqual([]);
  });
});
