/**
 * The victim page where things go wrong or differ, in Chromium against a real server: a wrong or
 * oddly typed secret, back-off, the two languages, NGO referral links, quick exit, files that are
 * not photos, and the server out of reach. Checked as a person would: what the page says, in
 * which language, and what the server ends up holding.
 */
import { join } from 'node:path';
import type { Browser, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../hash-core/src/test-support/shared.js';
import { openDb } from '../../server/test/case-helpers.js';
import { startTestServer, type TestServer } from '../../server/test/helpers.js';
import { randomItem } from '../../server/test/platform-helpers.js';
import { launchChromium, runInBrowser, VictimPage, type VictimPageOptions } from './support/victim-page.js';

const fixture = (f: string) => join(repoRoot, 'fixtures', f);
const GOOD = [fixture('sample/transparent.png'), fixture('images/bilevel.png')];
const NEUTRAL_SITE = 'https://www.google.com/';

/** Strings that are the same in both languages: data and proper nouns, never a sentence. */
const SAME_IN_BOTH = [
  /^(Disrupt|Take It Down|3018 \(e-Enfance\)|Photo \d+)$/,
  /^[\s.,·—()]*$/, // punctuation between elements
  /^[0-9a-f]{16,}$|^\d+$|^\d+×\d+$/, // fingerprints, quality, dimensions
  /^\{[\s\S]*\}$/, // the exact JSON sent
  /^DSR-[0-9A-Z]{4}-[0-9A-Z]{4}$|^(\S{4} )+\S{1,4}$/, // case number, secret in groups of four
  /\.(png|jpg)$/, // file names
];

/** Every visible text of the page, and the texts read out instead of or besides it. */
function visibleTexts(page: VictimPage['page']): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent!.trim();
      if (text !== '' && node.parentElement!.checkVisibility()) texts.push(text);
    }
    for (const element of Array.from(document.body.querySelectorAll('[aria-label], [title], [alt], [placeholder]'))) {
      for (const name of ['aria-label', 'title', 'alt', 'placeholder']) if (element.hasAttribute(name)) texts.push(`${name}=${element.getAttribute(name)}`);
    }
    return texts;
  });
}

const describeBrowser = runInBrowser ? describe : describe.skip;

describeBrowser('the victim page at its edges, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  const pages: VictimPage[] = [];
  const open = async (options: VictimPageOptions = {}, on = server) => {
    const victim = await VictimPage.open(on.url, { browser, ...options });
    pages.push(victim);
    return victim;
  };
  const casesStored = () => {
    const db = openDb(server);
    try {
      return db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM cases').get()!.n;
    } finally {
      db.close();
    }
  };
  const referrals = (code: string) => server.app.store.ngos.referralCounts(0, Date.now() + 60_000).find((r) => r.code === code)?.count ?? 0;
  const langOf = (victim: VictimPage) => victim.page.evaluate(() => document.documentElement.lang);
  const switchLanguage = (victim: VictimPage) => victim.page.locator('header button.language').click();
  /** Welcome → consent → photos → review → send: the step reached. */
  const createCase = async (victim: VictimPage, files = GOOD.slice(0, 1)) => {
    await victim.start();
    await victim.chooseFiles(files);
    await victim.toReview();
    return victim.send();
  };
  /** A case made through the API, for the tests that only open one. */
  const caseOn = async (on: TestServer) => (await (await on.request('/v1/cases', { method: 'POST', json: { items: [randomItem()] } })).json()) as { caseId: string; secret: string };

  /** Submits "my case" and waits for the server's answer to be shown: its status and the page's alert. */
  const signIn = async (victim: VictimPage, caseId: string, secret: string) => {
    const { page } = victim;
    if ((await victim.currentStep()) === 'welcome') await page.locator('[data-step="welcome"] .actions button.secondary').click();
    await page.locator('#case-number').fill(caseId);
    await page.locator('#case-secret-input').fill(secret);
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().includes('/v1/cases/')), page.locator('form.sign-in button[type="submit"]').click()]);
    await page.waitForFunction(() => document.querySelector('[data-case-status]') !== null || document.querySelector('form.sign-in [aria-busy="true"]') === null);
    const alert = page.locator('[data-step="case"] [role="alert"]');
    return {
      status: response.status(),
      retryAfter: response.headers()['retry-after'] ?? null,
      opened: (await page.locator('[data-case-status]').count()) > 0,
      alert: (await alert.count()) > 0 ? await alert.textContent() : null,
    };
  };

  beforeAll(async () => {
    server = await startTestServer({ config: { victimLimits: { requestsPerMinute: 10_000 } } });
    server.app.store.ngos.create({ name: 'Association Test', code: 'ASSO-TEST' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const victim of pages) await victim.close();
    await browser?.close();
    await server?.close();
  });

  it('a wrong secret gets a clear message and shows no case; the number and the secret as written down by hand open it', async () => {
    const created = await caseOn(server);
    const victim = await open({ locale: 'fr-FR' });
    // One real character off (not an O for a 0 or an l for a 1, which are read as meant).
    const last = created.secret.at(-1) === 'Z' ? 'Y' : 'Z';
    const wrong = await signIn(victim, created.caseId, `${created.secret.slice(0, -1)}${last}`);
    expect(wrong).toMatchObject({ status: 401, opened: false, alert: 'Ce numéro de dossier et ce code secret ne correspondent pas. Vérifiez les deux et réessayez.' });
    const typed = ` ${created.caseId.toLowerCase().replace(/-/g, ' ')} `; // " dsr 7k4m q2xp "
    // As displayed, in groups of four, but in lower case, with dashes, O for 0 and l for 1.
    const written = created.secret.match(/.{1,4}/g)!.join(' - ').replace(/0/g, 'O').replace(/1/g, 'l').toLowerCase();
    expect(await signIn(victim, typed, ` ${written} `)).toMatchObject({ status: 200, opened: true, alert: null });
    expect(await victim.page.locator('[data-case-status] h1').textContent()).toBe(`Mon dossier ${created.caseId}`);
  });

  it('after repeated wrong secrets, asks the person to wait, in words, in both languages', async () => {
    // A server of its own: the back-off is per connection, and every page here comes from 127.0.0.1.
    const limited = await startTestServer({ config: { victimLimits: { backoffFreeAttempts: 2, backoffBaseMs: 30_000 } } });
    let victim: VictimPage | undefined;
    try {
      const created = await caseOn(limited);
      victim = await open({ locale: 'fr-FR' }, limited);
      for (let i = 0; i < 3; i++) expect((await signIn(victim, created.caseId, 'wrong-secret')).status).toBe(401);
      expect(await signIn(victim, created.caseId, 'wrong-secret')).toMatchObject({
        status: 429,
        retryAfter: '30',
        opened: false,
        alert: 'Trop d’essais à la suite. Merci de patienter 30 secondes, puis réessayez.',
      });
      await switchLanguage(victim);
      expect(await victim.alertText()).toBe('Too many attempts in a row. Please wait 30 seconds, then try again.');
      // Other waits the server may ask for: one second, and a quarter of an hour (its longest).
      for (const [seconds, words] of [['1', '1 second'], ['900', '15 minutes']]) {
        await victim.page.route('**/v1/cases/*', (route) => route.fulfill({ status: 429, headers: { 'retry-after': seconds! }, contentType: 'application/problem+json', body: '{}' }));
        expect((await signIn(victim, created.caseId, created.secret)).alert).toBe(`Too many attempts in a row. Please wait ${words}, then try again.`);
        await victim.page.unrouteAll();
      }
      await switchLanguage(victim);
      expect(await victim.alertText()).toBe('Trop d’essais à la suite. Merci de patienter 15 minutes, puis réessayez.');
    } finally {
      // The page first: a server closes only once its connections are done with.
      await victim?.close();
      await limited.close();
    }
  });

  it('follows the browser language: fr-FR → French, en-GB → English, anything else (de-DE) → French', async () => {
    for (const [locale, lang, title] of [
      ['fr-FR', 'fr', 'Empêcher la diffusion de vos images intimes'],
      ['en-GB', 'en', 'Stop intimate images of you from being shared'],
      ['de-DE', 'fr', 'Empêcher la diffusion de vos images intimes'],
    ] as const) {
      const victim = await open({ locale });
      expect([await langOf(victim), await victim.page.locator('h1').textContent()], locale).toEqual([lang, title]);
      await victim.close();
    }
  });

  it('the language switch changes every visible string and <html lang> on every step, keeps what was done, and stores nothing', async () => {
    const victim = await open({ locale: 'fr-FR' });
    const { page } = victim;
    const checkSwitch = async () => {
      const step = await victim.currentStep();
      const french = await visibleTexts(page);
      await switchLanguage(victim);
      await expect.poll(() => langOf(victim)).toBe('en');
      const english = await visibleTexts(page);
      const unchanged = french.filter((text) => english.includes(text) && !SAME_IN_BOTH.some((data) => data.test(text.replace(/^[a-z-]+=/, ''))));
      expect(unchanged, `still in French on the ${step} step`).toEqual([]);
      await switchLanguage(victim);
      await expect.poll(() => langOf(victim)).toBe('fr');
      expect(await visibleTexts(page), `back to French on the ${step} step`).toEqual(french);
    };
    await page.locator('.platforms[data-state="ready"]').waitFor();
    await checkSwitch();
    await victim.start();
    await victim.chooseFiles([GOOD[0]!, fixture('images/corrupt.jpg')]);
    await checkSwitch();
    await victim.toReview();
    await page.locator('details.exact summary').click();
    await checkSwitch();
    expect(await victim.send()).toBe('created');
    // The download link comes once its file is made: compare the step complete, not half-drawn.
    await page.locator('[data-step="created"] a[download]').waitFor();
    await checkSwitch();
    await page.locator('[data-step="created"] .actions button.primary').click();
    await page.locator('ol.case-items button').first().click(); // a withdrawal's confirmation
    await checkSwitch();
    expect(await victim.storage()).toEqual({ local: 0, session: 0, cookies: '', indexedDb: 0, caches: 0 });
    expect(new URL(page.url()).search).toBe('');
  });

  it('a known NGO code in the link is counted with the case, and leaves the address bar without a history entry', async () => {
    const before = referrals('ASSO-TEST');
    const plain = await open();
    const historyLength = await plain.page.evaluate(() => history.length);
    const victim = await open({ path: '/?ref=asso-test' });
    expect(await victim.page.evaluate(() => [location.search, history.length])).toEqual(['', historyLength]);
    expect(await createCase(victim)).toBe('created');
    expect(referrals('ASSO-TEST')).toBe(before + 1);
    // Back leaves the page; it does not come back with the code in the address.
    await victim.page.goBack();
    expect(victim.page.url()).toBe('about:blank');
  });

  it('an unknown or malformed code changes nothing for the person: the case is created, no error shown', async () => {
    const before = casesStored();
    const counted = referrals('ASSO-TEST');
    for (const code of ['NOBODY-42', 'A'.repeat(200), '<script>alert(1)</script>', '']) {
      const victim = await open({ path: `/?ref=${encodeURIComponent(code)}` });
      expect(new URL(victim.page.url()).search, code).toBe('');
      expect(await createCase(victim), code).toBe('created');
      expect(await victim.alertText(), code).toBeNull();
      expect(victim.problems, code).toEqual([]);
    }
    expect(casesStored()).toBe(before + 4);
    expect(referrals('ASSO-TEST')).toBe(counted);
  });

  it('quick exit blanks the page at once, puts the neutral site in its place, with no way back, and the fingerprints gone', async () => {
    const victim = await open();
    const { page, context } = victim;
    // The neutral site, served here: nothing leaves the machine. It answers only when let go, to
    // see the page blank before it arrives.
    let letGo!: () => void;
    const held = new Promise<void>((resolve) => (letGo = resolve));
    await context.route(`${NEUTRAL_SITE}**`, async (route) => {
      await held;
      await route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Google</title><p>Search</p>' });
    });
    await victim.start();
    await victim.chooseFiles(GOOD);
    await victim.toReview();
    const pdq = (await victim.reviewEntries())[0]!.fields.pdq!;
    expect(page.workers()).toHaveLength(1); // the hashing worker
    // While navigating away, Playwright cannot evaluate in the page: it reports the blanking itself.
    await page.evaluate(() =>
      new MutationObserver(() => {
        if (document.body.childElementCount === 0) console.info(`blank:${document.title}:${document.body.textContent}`);
      }).observe(document.body, { childList: true }),
    );
    const blank = page.waitForEvent('console', (message) => message.text().startsWith('blank:'));
    const ownRequests = victim.requests.length;
    const button = (await page.locator('#quick-exit').boundingBox())!;
    await page.mouse.click(button.x + button.width / 2, button.y + button.height / 2); // a click that does not wait for the navigation
    expect((await blank).text()).toBe('blank::'); // no title, no text, while the neutral site is still on its way
    letGo();
    await page.waitForURL(NEUTRAL_SITE);
    expect(await page.title()).toBe('Google');
    expect(page.workers()).toEqual([]);
    expect(await page.content()).not.toContain(pdq);
    expect(victim.requests.slice(ownRequests).map((r) => r.url)).toEqual([NEUTRAL_SITE]); // nothing more to our server
    expect(await page.goBack()).toBeNull(); // Back reaches the empty tab the test started from, never our page
    expect(page.url()).toBe('about:blank');
    await page.goForward();
    expect(page.url()).toBe(NEUTRAL_SITE);
  });

  it('a damaged, cut, empty or non-image file gets a clear message in French and English; the good photos are still sent', async () => {
    const victim = await open({ locale: 'fr-FR' });
    await victim.start();
    const rows = await victim.chooseFiles([GOOD[0]!, ...['corrupt.jpg', 'truncated.jpg', 'empty.jpg', 'not-an-image.jpg'].map((f) => fixture(`images/${f}`)), GOOD[1]!]);
    expect(rows.map((row) => [row.name, row.state, row.alert])).toEqual([
      ['transparent.png', 'done', null],
      ['corrupt.jpg', 'error', 'Ce fichier n’a pas pu être lu comme une photo.'],
      ['truncated.jpg', 'error', 'Ce fichier est incomplet : il s’arrête avant la fin de l’image (il a peut-être été coupé pendant un téléchargement ou une copie).'],
      ['empty.jpg', 'error', 'Ce fichier est vide (0 octet).'],
      ['not-an-image.jpg', 'error', 'Ce fichier n’est pas une image.'],
      ['bilevel.png', 'done', null],
    ]);
    await switchLanguage(victim);
    const english = (await victim.fileRows()).map((row) => row.alert);
    expect(english[1]).toBe('This file could not be read as a photo.');
    expect(english[2]).toMatch(/incomplete: it ends before the image does/);
    expect(english[3]).toMatch(/empty \(0 bytes\)/);
    expect(english[4]).toMatch(/not an image/);
    await switchLanguage(victim);
    await victim.toReview();
    expect(await victim.page.locator('[data-step="review"] p.hint').textContent()).toBe('4 fichiers sans empreinte ne seront pas envoyés.');
    const sent = (await victim.reviewEntries()).map((entry) => entry.fields.sha256);
    expect(await victim.send()).toBe('created');
    const body = JSON.parse(victim.requests.find((r) => r.method === 'POST')!.body!.toString()) as { items: { sha256: string }[] };
    expect(body.items.map((item) => item.sha256)).toEqual(sent);
    expect(sent).toHaveLength(2);
    expect(await victim.page.locator('[data-step="created"] h1 + p').textContent()).toBe('Les plateformes partenaires peuvent désormais reconnaître les copies de ces 2 photos.');
  });

  it('when Disrupt cannot be reached, says so, keeps the fingerprints, and "try again" creates the case exactly once', async () => {
    const victim = await open({ locale: 'en-GB' });
    const { page } = victim;
    await victim.start();
    await victim.chooseFiles(GOOD);
    await victim.toReview();
    const fingerprints = await victim.reviewEntries();
    const before = casesStored();
    // The connection refused, then a proxy's 503, then a Wi-Fi login page answering 200 with HTML.
    const failures = [
      (route: Route) => route.abort('connectionrefused'),
      (route: Route) => route.fulfill({ status: 503, contentType: 'text/html', body: '<h1>Service Unavailable</h1>' }),
      (route: Route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>Sign in to the Wi-Fi</h1>' }),
    ];
    let attempts = 0;
    await page.route('**/v1/cases', (route) => (failures[attempts++] ?? ((r: Route) => r.continue()))(route));
    for (let i = 0; i < failures.length; i++) {
      expect(await victim.send()).toBe('review');
      expect(await victim.alertText()).toBe('We cannot reach Disrupt. Check your Internet connection, then try again: nothing is lost.');
      expect(await victim.reviewEntries()).toEqual(fingerprints);
      expect(await page.locator('#send').textContent()).toBe('Try sending again');
    }
    expect(casesStored()).toBe(before);
    await page.locator('#send').dblclick(); // an impatient double click still sends once
    await victim.waitForStep('created');
    expect(attempts).toBe(4);
    expect(casesStored()).toBe(before + 1);
    expect(await victim.page.locator('[data-step="created"] h1 + p').textContent()).toBe('Partner platforms can now recognise copies of these 2 photos.');
  });

  // Last: covers the pages above. A refused connection and the 4xx/5xx answers are logged by Chromium itself.
  it('had no console error, uncaught error or CSP violation beyond the failed requests', () => {
    const problems = pages.flatMap((victim) => victim.problems).filter((problem) => !/Failed to load resource/.test(problem));
    expect(problems).toEqual([]);
  });
});
