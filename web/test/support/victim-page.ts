/**
 * Drives the built victim page in Debian's Chromium (never a downloaded browser) the way a person
 * does — buttons, checkboxes, the real file input — and records everything a privacy test needs:
 * every request of the page and its workers with its body, console errors, uncaught errors and
 * CSP violations. Selectors are structural (data-step, ids), so the driver works in both languages.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
/** Browser tests run when Chromium is here, and always in CI (where a missing browser must fail). */
export const runInBrowser = hasChromium || process.env.CI !== undefined;

export interface RecordedRequest {
  url: string;
  method: string;
  resourceType: string;
  body: Buffer | null;
}

/** A row of the choose step's file list. */
export interface FileRow {
  key: string;
  name: string;
  state: string;
  /** The error code and the sentence shown, for files that could not be fingerprinted. */
  code: string | null;
  alert: string | null;
}

/** A photo on the review step: its fingerprints as shown. */
export interface ReviewEntry {
  key: string;
  name: string;
  lowQuality: boolean;
  /** A video whose frames are mostly under PDQ's quality floor, still compared (data-dim). */
  dim: boolean;
  fields: Record<string, string>;
}

export interface VictimPageOptions {
  locale?: string;
  /** Path and query to open, `/` by default (e.g. `/?ref=CODE`). */
  path?: string;
  /**
   * A browser from `launchChromium()`: the page opens in a new context of it (fresh, nothing
   * remembered, like a private window) instead of launching a browser of its own — faster when a
   * test file opens many pages.
   */
  browser?: Browser;
}

/** What "my case" shows once a case is open. */
export interface CaseOnPage {
  status: string;
  confirmedMatches: number;
  items: { itemId: number; status: string }[];
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const step = (name: string) => `[data-step="${name}"]`;

/** Debian's Chromium, for `VictimPageOptions.browser`. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

export class VictimPage {
  readonly requests: RecordedRequest[] = [];
  /** Console errors, uncaught errors and CSP violations, from the page and its workers. */
  readonly problems: string[] = [];

  private constructor(
    readonly page: Page,
    readonly context: BrowserContext,
    /** The profile directory of a browser launched for this page alone. */
    private readonly profile: string | undefined,
  ) {}

  static async open(origin: string, options: VictimPageOptions = {}): Promise<VictimPage> {
    const profile = options.browser ? undefined : mkdtempSync(join(tmpdir(), 'disrupt-chromium-'));
    let context: BrowserContext | undefined;
    try {
      const settings = { locale: options.locale ?? 'fr-FR', acceptDownloads: true };
      context = options.browser
        ? await options.browser.newContext(settings)
        : await chromium.launchPersistentContext(profile!, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, ...settings });
      const page = context.pages()[0] ?? (await context.newPage());
      const victim = new VictimPage(page, context, profile);
      victim.record();
      // Runs through DevTools, so the page's CSP does not apply to it.
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
        });
      });
      const response = await page.goto(new URL(options.path ?? '/', origin).href, { waitUntil: 'load' });
      if (!response?.ok()) throw new Error(`GET ${origin}: ${response?.status()}`);
      await page.locator(step('welcome')).waitFor();
      return victim;
    } catch (error) {
      await context?.close();
      if (profile) rmSync(profile, { recursive: true, force: true });
      throw error;
    }
  }

  private record(): void {
    this.context.on('request', (request) => {
      this.requests.push({ url: request.url(), method: request.method(), resourceType: request.resourceType(), body: request.postDataBuffer() });
    });
    this.page.on('console', (message) => {
      if (message.type() === 'error') this.problems.push(`console: ${message.text()}`);
    });
    this.page.on('pageerror', (error) => this.problems.push(`page error: ${error.message}`));
    this.page.on('worker', (worker) =>
      worker.on('console', (message) => {
        if (message.type() === 'error') this.problems.push(`worker console: ${message.text()}`);
      }),
    );
  }

  async currentStep(): Promise<string | null> {
    return this.page.locator('[data-step]').first().getAttribute('data-step');
  }

  async waitForStep(name: string): Promise<void> {
    await this.page.locator(step(name)).waitFor({ timeout: 15_000 });
  }

  /** Welcome → consent (both boxes) → the choose step. */
  async start(): Promise<void> {
    await this.page.locator(`${step('welcome')} .actions button.primary`).click();
    await this.waitForStep('consent');
    await this.page.locator('#consent-person').check();
    await this.page.locator('#consent-understand').check();
    await this.page.locator(`${step('consent')} button[type="submit"]`).click();
    await this.waitForStep('choose');
  }

  /** Picks files through the real input and waits until each is fingerprinted or refused. */
  async chooseFiles(paths: string[], timeout = 60_000): Promise<FileRow[]> {
    const rows = this.page.locator('ol.files > li');
    const before = await rows.count();
    await this.page.locator('#files').setInputFiles(paths);
    await this.page.waitForFunction(
      (count) =>
        document.querySelectorAll('ol.files > li').length === count &&
        document.querySelectorAll('ol.files > li[data-state="hashing"], ol.files > li[data-state="waiting"]').length === 0,
      before + paths.length,
      { timeout },
    );
    return (await this.fileRows()).slice(before);
  }

  async fileRows(): Promise<FileRow[]> {
    return this.page.locator('ol.files > li').evaluateAll((items) =>
      items.map((li) => ({
        key: li.getAttribute('data-key') ?? '',
        name: li.getAttribute('data-file') ?? '',
        state: li.getAttribute('data-state') ?? '',
        code: li.querySelector('[role="alert"]')?.getAttribute('data-code') ?? null,
        alert: li.querySelector('[role="alert"]')?.textContent ?? null,
      })),
    );
  }

  /** The choose step's main button: on to the review of what will be sent. */
  async toReview(): Promise<void> {
    await this.page.locator(`${step('choose')} .actions button.primary`).click();
    await this.waitForStep('review');
  }

  async reviewEntries(): Promise<ReviewEntry[]> {
    return this.page.locator('ol.fingerprints > li').evaluateAll((items) =>
      items.map((li) => ({
        key: li.getAttribute('data-key') ?? '',
        name: li.getAttribute('data-file') ?? '',
        lowQuality: li.getAttribute('data-low-quality') === 'true',
        dim: li.getAttribute('data-dim') === 'true',
        fields: Object.fromEntries(Array.from(li.querySelectorAll('dd[data-field]')).map((dd) => [dd.getAttribute('data-field'), dd.textContent ?? ''])),
      })),
    );
  }

  async backToChoose(): Promise<void> {
    await this.page.locator(`${step('review')} .actions button.secondary`).click();
    await this.waitForStep('choose');
  }

  /** Sends from the review step; resolves with the next step's name, or `review` with an alert. */
  async send(): Promise<string> {
    await this.page.locator('#send').click();
    await this.page.waitForFunction(
      () => !document.querySelector('[data-step="review"]') || document.querySelector('[data-step="review"] [role="alert"]') !== null,
      null,
      { timeout: 15_000 },
    );
    return (await this.currentStep()) ?? '';
  }

  async alertText(): Promise<string | null> {
    const alert = this.page.locator('main [role="alert"]').first();
    return (await alert.count()) > 0 ? alert.textContent() : null;
  }

  async credentials(): Promise<{ caseId: string; secret: string }> {
    return { caseId: (await this.page.locator('#case-id').textContent())!.trim(), secret: (await this.page.locator('#case-secret').getAttribute('data-secret'))! };
  }

  /** From the welcome step: "I already have a case", then the number and secret. */
  async openCase(caseId: string, secret: string): Promise<void> {
    if ((await this.currentStep()) === 'welcome') await this.page.locator(`${step('welcome')} .actions button.secondary`).click();
    await this.waitForStep('case');
    await this.page.locator('#case-number').fill(caseId);
    await this.page.locator('#case-secret-input').fill(secret);
    await this.page.locator('form.sign-in button[type="submit"]').click();
    await this.page.waitForFunction(
      () => document.querySelector('[data-case-status]') !== null || document.querySelector('[data-step="case"] [role="alert"]') !== null,
      null,
      { timeout: 15_000 },
    );
  }

  /** Status, confirmed matches and items of the open case, as "my case" shows them. */
  async caseOnPage(): Promise<CaseOnPage> {
    const section = this.page.locator('[data-case-status]');
    return {
      status: (await section.getAttribute('data-case-status')) ?? '',
      confirmedMatches: Number(await section.locator('[data-confirmed-matches]').getAttribute('data-confirmed-matches')),
      items: await section.locator('ol.case-items > li').evaluateAll((items) =>
        items.map((li) => ({ itemId: Number(li.getAttribute('data-item')), status: li.getAttribute('data-status') ?? '' })),
      ),
    };
  }

  /** What browser storage holds for our origin (all empty on a page that keeps nothing). */
  async storage(): Promise<{ local: number; session: number; cookies: string; indexedDb: number; caches: number }> {
    return this.page.evaluate(async () => ({
      local: localStorage.length,
      session: sessionStorage.length,
      cookies: document.cookie,
      indexedDb: (await indexedDB.databases()).length,
      caches: (await caches.keys()).length,
    }));
  }

  async close(): Promise<void> {
    await this.context.close();
    if (this.profile) rmSync(this.profile, { recursive: true, force: true });
  }
}
