/**
 * The whole flow with the keyboard only — Tab, Shift+Tab, Space, Enter; no click — as someone who
 * cannot use a pointer would go through it: every Tab stop shows a focus ring, each new step puts
 * the focus on its title (so a screen reader announces it), a withdrawal confirmation takes the
 * focus, and Esc twice leaves for an ordinary site with no way Back. The only thing not typed is
 * the OS file dialog: the picker is focused and opened by keyboard, then its files are given.
 */
import { join } from 'node:path';
import type { FileChooser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../hash-core/src/test-support/shared.js';
import { startTestServer, type TestServer } from '../../server/test/helpers.js';
import { runInBrowser, VictimPage } from './support/victim-page.js';

const NEUTRAL_SITE = 'https://www.google.com/';
const step = (name: string) => `[data-step="${name}"]`;

interface Focused {
  /** What has the focus, e.g. `button.primary "Commencer"`. */
  name: string;
  matches: boolean;
  /** A focus ring is drawn: on the element, or on the label that stands for the hidden file input. */
  ring: boolean;
}

/** What has the focus now, whether it matches `selector`, and whether it can be seen. */
function focused(page: Page, selector: string): Promise<Focused> {
  return page.evaluate((selector) => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { name: 'body', matches: false, ring: false };
    const shown = el.id === 'files' ? document.querySelector<HTMLElement>('label[for="files"]') : el;
    const style = shown ? getComputedStyle(shown) : null;
    const box = shown?.getBoundingClientRect();
    const ring = style !== null && box !== undefined && box.width > 0 && box.height > 0 && ((style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none');
    const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${el.className.split(' ').join('.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    return { name, matches: el.matches(selector), ring };
  }, selector);
}

const describeBrowser = runInBrowser ? describe : describe.skip;
const title = runInBrowser ? 'the page with the keyboard only' : 'the page with the keyboard only (skipped: /usr/bin/chromium not found)';

describeBrowser(title, () => {
  let server: TestServer;
  let victim: VictimPage;
  let page: Page;
  /** Tab stops that showed no focus ring, over the whole flow. */
  const invisible: string[] = [];
  const neutralRequests: string[] = [];

  /** Presses Tab (or Shift+Tab) until `selector` has the focus, checking each stop on the way. */
  async function tabTo(selector: string, { backwards = false, max = 25 } = {}): Promise<void> {
    const visited: string[] = [];
    for (let i = 0; i < max; i++) {
      await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
      const now = await focused(page, selector);
      visited.push(now.name);
      // `body`: the focus went past the page into the browser's own UI, and comes back.
      if (!now.ring && now.name !== 'body') invisible.push(now.name);
      if (now.matches) return;
    }
    throw new Error(`${selector} not reached with ${max} ${backwards ? 'Shift+Tab' : 'Tab'} presses; focus went through ${visited.join(', ')}`);
  }

  /** The new step's title has the focus. */
  async function expectHeadingFocused(name: string): Promise<void> {
    await victim.waitForStep(name);
    // Focus moves in an effect, which Preact runs after the next frame.
    await expect.poll(async () => (await focused(page, `${step(name)} h1`)).matches, { timeout: 2_000 }).toBe(true);
  }

  /** An open withdrawal confirmation holds the focus (it moves there after the next frame). */
  async function expectFocusInConfirm(): Promise<void> {
    await page.locator('.confirm').waitFor();
    await expect.poll(() => page.evaluate(() => document.querySelector('.confirm')?.contains(document.activeElement) ?? false), { timeout: 2_000 }).toBe(true);
  }

  let onChooser: (chooser: FileChooser) => void = () => {};

  beforeAll(async () => {
    server = await startTestServer();
    victim = await VictimPage.open(server.url, { locale: 'fr-FR' });
    page = victim.page;
    // Listening from the start turns Playwright's file-chooser interception on before any key is
    // pressed; a listener added together with the key press can lose that race on a busy machine.
    page.on('filechooser', (chooser) => onChooser(chooser));
    // The neutral site is answered here: no request leaves the machine, and any other is refused.
    await victim.context.route(
      (url) => url.origin !== new URL(server.url).origin,
      (route) => {
        const url = route.request().url();
        if (!url.startsWith(NEUTRAL_SITE)) return route.abort();
        neutralRequests.push(url);
        return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Google</title><p>neutral</p>' });
      },
    );
  });
  afterAll(async () => {
    await victim?.close();
    await server?.close();
  });

  it('welcome: switches language and starts, from the keyboard', async () => {
    await tabTo('button.language');
    await page.keyboard.press('Enter');
    // <html lang> is set in an effect, after the next frame.
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect((await focused(page, 'button.language')).matches).toBe(true); // the switch keeps the focus
    await page.keyboard.press('Space');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await tabTo(`${step('welcome')} .actions button.primary`);
    await page.keyboard.press('Enter');
    await expectHeadingFocused('consent');
  });

  it('consent: the error sends the focus to the first box; Space ticks both', async () => {
    await tabTo(`${step('consent')} button[type="submit"]`);
    await page.keyboard.press('Enter');
    await page.locator('#consent-missing').waitFor();
    expect((await focused(page, '#consent-person')).matches).toBe(true);
    await page.keyboard.press('Space');
    await tabTo('#consent-understand');
    await page.keyboard.press('Space');
    expect(await page.locator('#consent-person').isChecked()).toBe(true);
    expect(await page.locator('#consent-understand').isChecked()).toBe(true);
    await tabTo(`${step('consent')} button[type="submit"]`);
    await page.keyboard.press('Enter');
    await expectHeadingFocused('choose');
  });

  it('choose: the hidden file input takes the focus, with a ring on its label, and opens by keyboard', async () => {
    await tabTo('#files');
    const ring = await page.locator('label[for="files"]').evaluate((label) => getComputedStyle(label).outlineStyle);
    expect(ring).toBe('solid');
    // Space on the focused picker opens the OS dialog; Playwright stands in for it.
    const opened = new Promise<FileChooser>((resolve) => {
      onChooser = resolve;
    });
    await page.keyboard.press('Space');
    const chooser = await opened;
    await chooser.setFiles([join(repoRoot, 'fixtures/images/palette.png'), join(repoRoot, 'fixtures/images/corrupt.jpg')]);
    await page.waitForFunction(() => document.querySelectorAll('ol.files > li[data-state="done"], ol.files > li[data-state="error"]').length === 2, null, { timeout: 15_000 });
    await tabTo(`${step('choose')} .actions button.primary`);
    await page.keyboard.press('Enter');
    await expectHeadingFocused('review');
  });

  it('review: Shift+Tab comes back to Send, Enter sends', async () => {
    await tabTo(`${step('review')} .actions button.secondary`);
    await tabTo('#send', { backwards: true, max: 2 });
    await page.keyboard.press('Enter');
    await expectHeadingFocused('created');
  });

  it('case created → my case, then a withdrawal confirmation takes the focus', async () => {
    await tabTo(`${step('created')} .actions button.primary`);
    await page.keyboard.press('Enter');
    await page.locator('[data-case-status="active"]').waitFor({ timeout: 15_000 });
    await expectHeadingFocused('case');
    await tabTo('ol.case-items button.link');
    await page.keyboard.press('Enter');
    await expectFocusInConfirm();
    // Its two answers are the next Tab stops: nothing else to cross to answer it.
    await tabTo('.confirm button.danger', { max: 1 });
    await tabTo('.confirm button.secondary', { max: 1 });
    await page.keyboard.press('Enter'); // keep the photo
    await page.locator('.confirm').waitFor({ state: 'detached' });
    await expect.poll(async () => (await focused(page, 'ol.case-items button.link')).name, { timeout: 2_000 }).toMatch(/^button\.link /);
  });

  it('after a withdrawal, or keeping the whole case, the focus lands on the result or the opener', async () => {
    await page.keyboard.press('Enter'); // the withdraw button again
    await expectFocusInConfirm();
    await tabTo('.confirm button.danger', { max: 1 });
    await page.keyboard.press('Enter');
    await page.locator('ol.case-items > li[data-status="withdrawn"]').waitFor({ timeout: 15_000 });
    // The notice saying it is done, rather than the top of the page.
    await expect.poll(async () => (await focused(page, 'p.notice')).matches, { timeout: 2_000 }).toBe(true);
    await tabTo(`${step('case')} .actions button.danger`);
    await page.keyboard.press('Enter');
    await expectFocusInConfirm();
    await tabTo('.confirm button.secondary', { max: 2 });
    await page.keyboard.press('Space'); // keep the case
    await expect.poll(async () => (await focused(page, `${step('case')} .actions button.danger`)).matches, { timeout: 2_000 }).toBe(true);
  });

  it('every Tab stop on the way showed a focus ring', () => {
    expect(invisible).toEqual([]);
  });

  it('Esc pressed twice leaves for the neutral site, and Back does not bring the page back', async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.waitForURL(NEUTRAL_SITE, { timeout: 5_000 });
    expect(neutralRequests).toContain(NEUTRAL_SITE);
    await page.goBack().catch(() => null); // no entry to go back to is as good as any other
    expect(new URL(page.url()).origin).not.toBe(new URL(server.url).origin);
    expect(await page.locator('[data-step]').count()).toBe(0);
  });

  it('raised no console error or CSP violation', () => {
    expect(victim.problems).toEqual([]);
  });
});
