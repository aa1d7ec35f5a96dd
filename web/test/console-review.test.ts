/**
 * Review in the console, in Chromium, against the real HTTP API: platforms match stored items
 * (POST /v1/match) and give feedback; a reviewer signs in, sees and filters the match log, works
 * the dispute queue, reviews with a note (checked through the API), exports the filtered log as
 * CSV (checked against the API), opens an item and a case, disables the item (it stops matching
 * for the platform) and re-enables it (it matches again). axe on the log, item and case pages.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/helpers.js';
import { createOperator, json, login, PASSWORD, type Operator } from '../../server/test/operator-helpers.js';
import { addPlatform, flipBits, match, randomItem, storeItems } from '../../server/test/platform-helpers.js';
import { ConsolePage, launchChromium, runInBrowser } from './support/admin-page.js';
import { audit } from './support/axe.js';

const describeBrowser = runInBrowser ? describe : describe.skip;

/** RFC 4180 fields: quoted, `""` inside quotes; CRLF between records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n') row.push(field), rows.push(row), (row = []), (field = '');
    else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) row.push(field), rows.push(row);
  return rows;
}

interface ApiMatch {
  id: number;
  ref: string | null;
  distance: number;
  platform: { id: number; name: string };
  feedback: string | null;
  review: string | null;
  reviewNote: string | null;
  itemId: number | null;
  queryQuality: number | null;
}

describeBrowser('reviewing matches in the console, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let api: Operator;
  let picshare: Awaited<ReturnType<typeof addPlatform>>;
  let cliphub: Awaited<ReturnType<typeof addPlatform>>;
  const items = [randomItem(), randomItem(), randomItem()];
  let stored: Awaited<ReturnType<typeof storeItems>>;
  const ids: Record<'near' | 'exact' | 'other', number> = { near: 0, exact: 0, other: 0 };

  const list = async (query = ''): Promise<{ matches: ApiMatch[]; total: number }> => json(await api.request(`/v1/admin/matches?limit=500${query}`), 200);
  const feedback = async (matchId: number, decision: string, platform: { auth: Record<string, string> }) =>
    json(await server.request(`/v1/matches/${matchId}/feedback`, { method: 'POST', headers: platform.auth, json: { decision } }), 200);
  const firstMatchId = async (platform: { auth: Record<string, string> }, query: object) => {
    const found = await match(server, platform.auth, [query]);
    expect(found.status).toBe(200);
    return found.body.results[0].matches[0]?.matchId as number | undefined;
  };

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    await createOperator(server, 'rita', 'reviewer');
    api = await login(server, 'rita');
    stored = await storeItems(server, items);
    picshare = await addPlatform(server, 'PicShare', ['match', 'feedback']);
    cliphub = await addPlatform(server, 'ClipHub', ['match', 'feedback']);
    ids.near = (await firstMatchId(picshare, { ref: 'upload-near', type: 'image', pdq: flipBits(items[0]!.pdq, [1, 2, 3]), quality: 31 }))!; // a dim copy: under PDQ's floor
    ids.exact = (await firstMatchId(picshare, { ref: 'upload "exact", copy', type: 'image', sha256: items[1]!.sha256 }))!;
    ids.other = (await firstMatchId(cliphub, { ref: '=clip-9', type: 'image', md5: items[2]!.md5 }))!;
    await feedback(ids.near, 'blocked', picshare);
    await feedback(ids.exact, 'not_ncii', picshare);
    await feedback(ids.other, 'pending', cliphub);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows, filters, reviews and exports the match log, with the dispute queue first', async () => {
    const rita = await ConsolePage.open(browser, server.url);
    const page = rita.page;
    const rowIds = (table: string) => page.locator(`[data-matches="${table}"] tbody tr`).evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-match'))));
    try {
      await rita.signIn('rita', PASSWORD);
      await rita.goto('/matches');
      const all = await list();
      expect(all.total).toBe(3);
      await page.locator('[data-matches="log"] tbody tr').nth(2).waitFor();
      expect(await rowIds('log')).toEqual(all.matches.map((m) => m.id));
      expect(Number(await page.locator('[data-total]').getAttribute('data-total'))).toBe(all.total);
      // The dispute queue comes first, above the log.
      expect(await rowIds('disputes')).toEqual([ids.exact]);
      const [disputesTop, logTop] = await page.evaluate(() => ['#disputes', '#log'].map((s) => document.querySelector(s)!.getBoundingClientRect().top));
      expect(disputesTop).toBeLessThan(logTop!);
      expect(await page.locator('img, canvas, video').count()).toBe(0);
      expect(await audit(page, 'match log')).toEqual([]);
      // The dim copy's match says so: its picture was under PDQ's quality floor, compared closer.
      expect(await page.locator('[data-matches="log"] [data-query-quality]').count()).toBe(1);
      expect(await page.locator(`[data-matches="log"] tr[data-match="${ids.near}"] [data-query-quality="31"]`).textContent()).toBe(
        'image de la plateforme peu détaillée (qualité PDQ 31, sous 50) : comparée à 24 bits au plus',
      );

      // Filters are labelled controls; the choice goes to the address.
      for (const name of ['Du', 'Au (exclu)', 'Plateforme', 'Signal', 'Distance min.', 'Distance max.', 'Retour de la plateforme', 'Revue', 'Tri']) {
        expect(await page.getByLabel(name, { exact: true }).count(), name).toBe(1);
      }
      await page.getByLabel('Plateforme', { exact: true }).selectOption(String(cliphub.id));
      await page.locator('#apply-filters').click();
      await page.waitForFunction((id) => location.hash === `#/matches?platform=${id}`, cliphub.id);
      await page.waitForFunction(() => document.querySelectorAll('[data-matches="log"] tbody tr').length === 1);
      expect(await rowIds('log')).toEqual((await list(`&platformId=${cliphub.id}`)).matches.map((m) => m.id));
      await rita.goto('/matches?feedback=blocked');
      await page.waitForFunction(() => document.querySelectorAll('[data-matches="log"] tbody tr').length === 1);
      expect(await rowIds('log')).toEqual([ids.near]);
      await rita.goto('/matches?order=farthest');
      await page.waitForFunction((near) => document.querySelector('[data-matches="log"] tbody tr')?.getAttribute('data-match') === String(near), ids.near);

      // Review by keyboard: the note, then Tab to the labelled buttons of the same match.
      const group = page.getByRole('group', { name: `Revue de la correspondance ${ids.near}` }).last();
      await group.getByLabel(`Note pour la correspondance ${ids.near} (facultative)`).fill('same picture, cropped');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Confirmée');
      await page.keyboard.press('Enter');
      await page.locator(`[data-matches="log"] tr[data-match="${ids.near}"] [data-review-state="confirmed"]`).waitFor();
      const confirmed = (await list('&review=confirmed')).matches;
      expect(confirmed).toMatchObject([{ id: ids.near, review: 'confirmed', reviewNote: 'same picture, cropped' }]);

      // The dispute settled as a false positive, from the queue.
      await page.locator(`[data-matches="disputes"] tr[data-match="${ids.exact}"] button[data-decision="false_positive"]`).click();
      await page.locator(`[data-matches="disputes"] tr[data-match="${ids.exact}"] [data-review-state="false_positive"]`).waitFor();
      expect((await list('&feedback=not_ncii')).matches).toMatchObject([{ id: ids.exact, review: 'false_positive', reviewNote: null }]);

      // CSV of the filtered log: every page, quoted, checked against the API.
      await rita.goto(`/matches?platform=${picshare.id}`);
      await page.waitForFunction(() => document.querySelectorAll('[data-matches="log"] tbody tr').length === 2);
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
      expect(download.suggestedFilename()).toMatch(/^matches-\d{4}-\d{2}-\d{2}\.csv$/);
      const rows = parseCsv(readFileSync((await download.path())!, 'utf8'));
      const [header, ...records] = rows as [string[], ...string[][]];
      expect(header.slice(0, 7)).toEqual(['id', 'time', 'platform', 'platform_id', 'platform_ref', 'signal', 'distance']);
      const expected = (await list(`&platformId=${picshare.id}`)).matches;
      expect(expected.map((m) => m.queryQuality)).toContain(31);
      expect(records.map((r) => Number(r[0]))).toEqual(expected.map((m) => m.id));
      const column = (name: string) => header.indexOf(name);
      for (const [i, m] of expected.entries()) {
        expect(records[i]![column('platform_ref')]).toBe(m.ref);
        expect(Number(records[i]![column('distance')])).toBe(m.distance);
        expect(records[i]![column('feedback')]).toBe(m.feedback);
        expect(records[i]![column('review')]).toBe(m.review);
        expect(records[i]![column('query_quality')]).toBe(m.queryQuality === null ? '' : String(m.queryQuality));
      }
      expect(readFileSync((await download.path())!, 'utf8')).not.toContain(items[0]!.pdq);
      await page.locator('#match-status', { hasText: '2 ligne(s) exportée(s).' }).waitFor();
      expect(rita.problems).toEqual([]);
    } finally {
      await rita.close();
    }
  });

  it('opens an item and its case, disables the item (it stops matching) and re-enables it', async () => {
    const rita = await ConsolePage.open(browser, server.url, { locale: 'en-GB' });
    const page = rita.page;
    const itemId = stored.itemIds[1]!;
    const sha = { ref: 'again', type: 'image', sha256: items[1]!.sha256 };
    try {
      await rita.signIn('rita', PASSWORD);
      await rita.goto('/matches');
      await page.locator(`[data-matches="log"] tr[data-match="${ids.exact}"] a[href="#/items/${itemId}"]:not([data-case-link])`).click();
      await page.locator(`[data-item="${itemId}"]`).waitFor();
      const fingerprints = await page.locator('[data-fingerprints] td.mono').allTextContents();
      expect(fingerprints).toEqual(expect.arrayContaining([items[1]!.sha256, items[1]!.md5, items[1]!.pdq]));
      expect(await page.locator(`[data-matches="item"] tr[data-match="${ids.exact}"] [data-feedback="not_ncii"]`).count()).toBe(1);
      expect(await page.locator('img, canvas, video').count()).toBe(0);
      expect(await audit(page, 'item page')).toEqual([]);

      // A reason is required.
      await page.locator('#disable-item').click();
      expect(await page.locator('#moderation-error').textContent()).toBe('Give the reason.');
      await page.getByLabel('Reason (required)').fill('duplicate of a public stock photo');
      await page.locator('#disable-item').click();
      await page.locator('[data-status="disabled"]').waitFor();
      expect(await page.locator('[data-disabled-reason]').textContent()).toBe('duplicate of a public stock photo');
      expect(await firstMatchId(picshare, sha)).toBeUndefined();

      await page.locator('#enable-item').click();
      await page.locator('[data-status="active"]').waitFor();
      expect(await firstMatchId(picshare, sha)).toEqual(expect.any(Number));

      // The case, from the item.
      await page.locator('#item-case').click();
      await page.locator(`[data-case="${stored.caseId}"]`).waitFor();
      const detail = await json(await api.request(`/v1/admin/cases/${stored.caseId}`), 200);
      expect(await page.locator('[data-count="items"]').textContent()).toBe('3');
      expect(await page.locator('[data-count="matches"]').textContent()).toBe(String(detail.matchCount));
      const itemLinks = await page.locator('[data-case-items] a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      expect(itemLinks.sort()).toEqual(stored.itemIds.map((id) => `#/items/${id}`).sort());
      expect(await audit(page, 'case page')).toEqual([]);

      // The shortened case of a log row leads to the same case.
      await rita.goto('/matches');
      await page.locator(`[data-matches="log"] tr[data-match="${ids.other}"] a[data-case-link]`).click();
      await page.locator(`[data-case="${stored.caseId}"]`).waitFor();
      expect(rita.problems).toEqual([]);
    } finally {
      await rita.close();
    }
  });
});
