/**
 * Drives the built page in Debian's Chromium (never a downloaded browser) and records everything
 * a privacy test needs to see: every request of every page and worker, console errors, page
 * errors and CSP violations.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

export interface RecordedRequest {
  url: string;
  method: string;
  resourceType: string;
  hasBody: boolean;
}

/** What one list entry of the page shows. */
export interface PageEntry {
  name: string;
  state: string;
  fields: Record<string, string>;
  alert: string | null;
}

export interface HashPage {
  page: Page;
  requests: RecordedRequest[];
  /** Console errors, uncaught errors and CSP violations, from the page and its workers. */
  problems: string[];
  /** Picks the files through the real file input, waits for all of them, returns their entries. */
  hashFiles(paths: string[]): Promise<PageEntry[]>;
  close(): Promise<void>;
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export async function openHashPage(url: string): Promise<HashPage> {
  const profile = mkdtempSync(join(tmpdir(), 'disrupt-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const requests: RecordedRequest[] = [];
    const problems: string[] = [];
    context.on('request', (request) => {
      requests.push({ url: request.url(), method: request.method(), resourceType: request.resourceType(), hasBody: request.postDataBuffer() !== null });
    });
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('worker', (worker) => worker.on('console', (message) => {
      if (message.type() === 'error') problems.push(`worker console: ${message.text()}`);
    }));
    // Runs through DevTools, so the page's CSP does not apply to it.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
      });
    });
    const response = await page.goto(url, { waitUntil: 'load' });
    if (!response?.ok()) throw new Error(`GET ${url}: ${response?.status()}`);
    await page.locator('#files').waitFor();

    const entries = page.locator('ol.fingerprints > li');
    return {
      page,
      requests,
      problems,
      async hashFiles(paths) {
        const before = await entries.count();
        await page.locator('#files').setInputFiles(paths);
        const expected = before + paths.length;
        await page.waitForFunction(
          (count) => document.querySelectorAll('ol.fingerprints > li').length === count && document.querySelectorAll('ol.fingerprints > li[data-state="hashing"]').length === 0,
          expected,
          { timeout: 30_000 },
        );
        const all = await entries.evaluateAll((items) =>
          items.map((li) => ({
            name: li.getAttribute('data-file') ?? '',
            state: li.getAttribute('data-state') ?? '',
            fields: Object.fromEntries(Array.from(li.querySelectorAll('dd[data-field]')).map((dd) => [dd.getAttribute('data-field'), dd.textContent ?? ''])),
            alert: li.querySelector('[role="alert"]')?.textContent ?? null,
          })),
        );
        return all.slice(before);
      },
      async close() {
        await context?.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}
