/**
 * Drives the operators' console (/admin) in Debian's Chromium: one browser per test file, one
 * fresh context per person (so an admin and a reviewer are signed in side by side), console
 * errors and CSP violations recorded. Selectors are ids and data attributes, so it works in both
 * languages.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './victim-page.js';

export { launchChromium, runInBrowser } from './victim-page.js';

export class ConsolePage {
  /** Console errors, uncaught errors and CSP violations. 401s of a signed-out page are expected and not recorded. */
  readonly problems: string[] = [];

  private constructor(
    readonly page: Page,
    readonly context: BrowserContext,
    readonly origin: string,
  ) {}

  static async open(browser: Browser, origin: string, options: { locale?: string } = {}): Promise<ConsolePage> {
    const context = await browser.newContext({ locale: options.locale ?? 'fr-FR', acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const consolePage = new ConsolePage(page, context, origin);
    page.on('console', (message) => {
      if (message.type() === 'error' && !/status of (401|403|429)/.test(message.text())) consolePage.problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => consolePage.problems.push(`page error: ${error.message}`));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`));
    });
    const response = await page.goto(new URL('/admin', origin).href);
    if (!response?.ok()) throw new Error(`GET /admin: ${response?.status()}`);
    await page.locator('main').first().waitFor();
    return consolePage;
  }

  /** Signs in with the password and, when asked, the TOTP code `code()` gives at that moment. */
  async signIn(username: string, password: string, code?: () => string): Promise<void> {
    await this.page.locator('#username').fill(username);
    await this.page.locator('#password').fill(password);
    await this.page.locator('.login button[type="submit"]').click();
    await this.page.waitForFunction(() => document.querySelector('#code, #sign-out, .login [role="alert"]') !== null);
    if (code && (await this.page.locator('#code').count()) > 0) {
      await this.page.locator('#code').fill(code());
      await this.page.locator('.login button[type="submit"]').click();
    }
    await this.page.waitForFunction(() => document.querySelector('#sign-out, .login [role="alert"]') !== null);
  }

  async signedIn(): Promise<boolean> {
    return (await this.page.locator('#sign-out').count()) > 0;
  }

  async alert(): Promise<string | null> {
    const alert = this.page.locator('[role="alert"]').first();
    return (await alert.count()) > 0 ? alert.textContent() : null;
  }

  /** Opens a console page by its address, e.g. `/matches?platform=3`, and waits for it to render. */
  async goto(path: string): Promise<void> {
    await this.page.evaluate((hash) => {
      location.hash = hash;
    }, `#${path}`);
    await this.page.locator('#content').waitFor();
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
