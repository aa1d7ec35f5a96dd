/**
 * Videos in the console, in Chromium, against the real HTTP API: a platform's video matches a
 * stored video (set rule), its photo matches a frame of it, its video's frames match a stored
 * photo; the match log shows each one's evidence (rule, seconds, both time ranges, the frame's
 * time) and filters by every signal of the server's registry, frame signals included; the video's
 * item page gives its duration, sampling, usable frames and the variants its frames carry; an
 * admin sets a platform's frame thresholds and video rules, which the API then holds.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VideoFrame } from '@disrupt/hash-core';
import { startTestServer, type TestServer } from '../../server/test/helpers.js';
import { createOperator, json, login, PASSWORD, type Operator } from '../../server/test/operator-helpers.js';
import { addPlatform, match, randomItem, storeItems } from '../../server/test/platform-helpers.js';
import { randomFrames, reencoded, sequence, videoItem } from '../../server/test/video-helpers.js';
import { ConsolePage, launchChromium, runInBrowser } from './support/admin-page.js';
import { audit } from './support/axe.js';

const describeBrowser = runInBrowser ? describe : describe.skip;

interface VideoEvidence {
  video?: { rule: string; matchedSeconds: number; queryRange: [number, number]; storedRange: [number, number]; queryShare: number; storedShare: number; frames: number };
  storedTime?: number;
  queryTime?: number;
}
interface ApiMatch {
  id: number;
  signal: string;
  itemId: number | null;
  video: VideoEvidence | null;
}

/**
 * 20 frames, one a second: frames 16–19 under the quality floor (quality 30, no variants: compared
 * closer, by their plain PDQ alone); the others carry a trimmed PDQ for the first ten, a 90 % crop
 * and a mirrored PDQ for all, never an 80 % crop.
 */
function storedFrames(): VideoFrame[] {
  return randomFrames(20).map((frame, k) => {
    if (k >= 16) return { ...frame, quality: 30 };
    const variants: Partial<VideoFrame> = { pdqCenter90: randomFrames(1)[0]!.pdq, pdqMirrored: randomFrames(1)[0]!.pdq };
    if (k < 10) variants.pdqTrimmed = randomFrames(1)[0]!.pdq;
    return { ...frame, ...variants };
  });
}

describeBrowser('videos in the console, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let api: Operator;
  let cliphub: Awaited<ReturnType<typeof addPlatform>>;
  const video = videoItem(storedFrames());
  const photo = randomItem();
  let videoId: number;
  let photoId: number;
  const ids = { copy: 0, screenshot: 0, photoInVideo: 0, dimEnd: 0, flipped: 0 };

  const list = async (query = ''): Promise<{ matches: ApiMatch[] }> => json(await api.request(`/v1/admin/matches?limit=500${query}`), 200);
  const firstMatch = async (query: object) => {
    const { status, body } = await match(server, cliphub.auth, [query]);
    expect(status).toBe(200);
    return body.results[0].matches[0] as { matchId: number; itemId: number };
  };

  beforeAll(async () => {
    server = await startTestServer({ config: { victimLimits: { requestsPerMinute: 10_000 } } });
    browser = await launchChromium();
    await createOperator(server, 'adele', 'admin');
    api = await login(server, 'adele');
    const stored = await storeItems(server, [video as never, photo]);
    [videoId, photoId] = [stored.itemIds[0]!, stored.itemIds[1]!];
    cliphub = await addPlatform(server, 'ClipHub', ['match']);
    // Seconds 5–14 of the stored video, re-encoded, as a platform's own 10-second clip.
    const copy = await firstMatch({ ref: 'clip-copy', type: 'video', frameInterval: 1, frames: sequence([reencoded(video.frames.slice(5, 15))]) });
    expect(copy.itemId).toBe(videoId);
    ids.copy = copy.matchId;
    // A screenshot of second 8.
    ids.screenshot = (await firstMatch({ ref: 'screenshot', type: 'image', pdq: video.frames[8]!.pdq, quality: 90 })).matchId;
    // A video whose seconds 3 and 4 show the stored photo.
    const host = sequence([randomFrames(3), [{ t: 0, pdq: photo.pdq, quality: 90 }, { t: 0, pdq: photo.pdq, quality: 90 }], randomFrames(3)]);
    const found = await firstMatch({ ref: 'photo-in-video', type: 'video', frameInterval: 1, frames: host });
    expect(found.itemId).toBe(photoId);
    ids.photoInVideo = found.matchId;
    // The last 4 seconds, dark on both sides: found through frames under the quality floor.
    const dimEnd = await firstMatch({ ref: 'dim-end', type: 'video', frameInterval: 1, frames: sequence([reencoded(video.frames.slice(16))]) });
    expect(dimEnd.itemId).toBe(videoId);
    ids.dimEnd = dimEnd.matchId;
    // Seconds 5–14 flipped left to right: each frame's PDQ is the stored frame's mirrored one, re-encoded.
    const flippedFrames = video.frames.slice(5, 15).map(({ t, quality, pdqMirrored }) => ({ t, quality, pdq: pdqMirrored! }));
    const flipped = await firstMatch({ ref: 'flipped', type: 'video', frameInterval: 1, frames: sequence([reencoded(flippedFrames)]) });
    expect(flipped.itemId).toBe(videoId);
    ids.flipped = flipped.matchId;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows each video match with its evidence, and filters by any signal of the registry', async () => {
    const adele = await ConsolePage.open(browser, server.url, { locale: 'en-GB' });
    const page = adele.page;
    const row = (id: number) => page.locator(`[data-matches="log"] tr[data-match="${id}"]`);
    try {
      await adele.signIn('adele', PASSWORD);
      await adele.goto('/matches');
      await row(ids.copy).waitFor();
      const byId = new Map((await list()).matches.map((m) => [m.id, m]));

      // The copy: set rule, 10 s, seconds 0–9 of theirs against 5–14 of ours.
      const copy = byId.get(ids.copy)!.video!.video!;
      expect(copy).toMatchObject({ rule: 'set', matchedSeconds: 10, queryRange: [0, 9], storedRange: [5, 14], queryShare: 1, frames: 10 });
      const evidence = row(ids.copy).locator('[data-video-evidence] p');
      expect(await evidence.allTextContents()).toEqual([
        'Set rule (vPDQ): 10 s matched',
        'their video 0 s–9 s ↔ stored video 5 s–14 s',
        `100% of their frames, ${Math.round(copy.storedShare * 100)}% of the stored frames, 10 frame pair(s)`,
      ]);
      expect(await row(ids.screenshot).locator('[data-stored-time]').textContent()).toBe('their picture ↔ frame of the stored video at 8 s');
      expect(await row(ids.copy).locator('[data-under-floor-frames]').count()).toBe(0);
      expect(await row(ids.dimEnd).locator('[data-under-floor-frames="4"]').textContent()).toBe(
        '4 of them with a frame of little detail (PDQ quality under 50, a dim video): compared within 24 bits',
      );
      expect(await row(ids.copy).locator('[data-mirrored-frames]').count()).toBe(0);
      expect(byId.get(ids.flipped)!.video!.video).toMatchObject({ rule: 'set', storedRange: [5, 14], frames: 10, mirroredFrames: 10 });
      expect(await row(ids.flipped).locator('[data-mirrored-frames="10"]').textContent()).toBe('10 of them through the frame flipped left to right: one of the two videos is mirrored');
      expect(byId.get(ids.screenshot)!.video).toEqual({ storedTime: 8 });
      const queryTime = byId.get(ids.photoInVideo)!.video!.queryTime!;
      expect([3, 4]).toContain(queryTime);
      expect(await row(ids.photoInVideo).locator('[data-query-time]').textContent()).toBe(`frame of their video at ${queryTime} s ↔ stored picture`);
      expect(await audit(page, 'match log with video evidence')).toEqual([]);

      // The signal filter offers every signal the server matches: photos', variants', frames'.
      const registry = ((await (await server.request('/v1/signals')).json()) as { signals: { name: string }[] }).signals.map((s) => s.name);
      expect(registry).toEqual(expect.arrayContaining(['pdq', 'pdqTrimmed', 'pdqCenter90', 'vpdq', 'vpdqTrimmed', 'vpdqCenter90', 'vpdqCenter80', 'md5', 'sha256']));
      const filter = page.getByLabel('Signal', { exact: true });
      await expect.poll(() => filter.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual(['', ...registry]);
      await filter.selectOption('vpdq');
      await page.locator('#apply-filters').click();
      await page.waitForFunction(() => location.hash === '#/matches?signal=vpdq');
      const vpdq = (await list('&signal=vpdq')).matches.map((m) => m.id);
      expect(vpdq).toContain(ids.copy);
      await page.waitForFunction((n) => document.querySelectorAll('[data-matches="log"] tbody tr').length === n, vpdq.length);
      const shown = await page.locator('[data-matches="log"] tbody tr').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-match'))));
      expect(shown).toEqual(vpdq);
      expect(adele.problems).toEqual([]);
    } finally {
      await adele.close();
    }
  });

  it("gives a video item's duration, sampling, usable frames and the variants its frames carry", async () => {
    const adele = await ConsolePage.open(browser, server.url, { locale: 'fr-FR' });
    const page = adele.page;
    try {
      await adele.signIn('adele', PASSWORD);
      await adele.goto(`/items/${videoId}`);
      await page.locator(`[data-item="${videoId}"]`).waitFor();
      expect(await page.locator('[data-duration-ms]').textContent()).toBe('20 s');
      expect(await page.locator('[data-frame-interval]').textContent()).toBe('une image toutes les 1 s');
      expect(await page.locator('[data-frame-count]').textContent()).toBe(
        '20 image(s), dont 16 utilisable(s) (qualité ≥ 50) et 4 sous ce seuil, comparée(s) de plus près, pour la règle des segments seulement',
      );
      const variants = await page.locator('[data-frame-variants] [data-variant]').evaluateAll((spans) => spans.map((s) => [s.getAttribute('data-variant'), Number(s.getAttribute('data-frames-with'))]));
      expect(variants).toEqual([
        ['pdqTrimmed', 10],
        ['pdqCenter90', 16],
        ['pdqCenter80', 0],
        ['pdqMirrored', 16],
      ]);
      expect(await page.locator('[data-frame-variants]').textContent()).toBe('pdqTrimmed : 10 image(s) · pdqCenter90 : 16 image(s) · pdqCenter80 : 0 image(s) · pdqMirrored : 16 image(s)');
      // Every frame, with the variant hashes it carries.
      const frames = page.locator('[data-frames] tbody tr');
      expect(await frames.count()).toBe(20);
      expect(await frames.nth(3).locator('td.mono').first().textContent()).toBe(video.frames[3]!.pdq);
      expect(await frames.nth(3).locator('[data-variant="pdqTrimmed"] .mono').textContent()).toBe(video.frames[3]!.pdqTrimmed);
      expect(await frames.nth(3).locator('[data-variant="pdqMirrored"] .mono').textContent()).toBe(video.frames[3]!.pdqMirrored);
      expect(await frames.nth(17).getAttribute('data-usable')).toBe('false');
      expect(await frames.nth(17).locator('[data-variant]').count()).toBe(0);
      // Its match, with its evidence, in French.
      expect(await page.locator(`[data-matches="item"] tr[data-match="${ids.copy}"] [data-rule="set"]`).textContent()).toBe('Règle d’ensemble (vPDQ) : 10 s en commun');
      expect(await audit(page, 'video item page')).toEqual([]);
      expect(adele.problems).toEqual([]);
    } finally {
      await adele.close();
    }
  });

  it("sets a platform's frame thresholds and video rules, keeping the settings the form does not show", async () => {
    const platformThresholds = async () =>
      (await json<{ platforms: { name: string; thresholds: Record<string, number> }[] }>(await api.request('/v1/admin/platforms'), 200)).platforms.find((p) => p.name === 'ClipHub')!
        .thresholds;
    // A setting only the CLI sets (a match quota), when this server has them: the console must not drop it.
    const quota = await api.request(`/v1/admin/platforms/${cliphub.id}`, { method: 'PATCH', json: { thresholds: { matchItemsPerDay: 100_000, pdq: 25 } } });
    const kept: Record<string, number> = quota.status === 200 ? { matchItemsPerDay: 100_000 } : {};
    if (quota.status !== 200) console.warn('this server has no match quotas: keeping settings the form does not show is not checked');

    // 7 of its 10 frames are ours, in another order: under the default 80 %, no match.
    const scattered = async () => {
      const frames = sequence([[0, 5, 10, 15, 2, 7, 12].map((k) => video.frames[k]!), randomFrames(3)]);
      const { body } = await match(server, cliphub.auth, [{ type: 'video', frameInterval: 1, frames }]);
      return (body.results[0].matches as { itemId: number }[]).map((m) => m.itemId);
    };
    expect(await scattered()).toEqual([]);

    const adele = await ConsolePage.open(browser, server.url, { locale: 'en-GB' });
    const page = adele.page;
    try {
      await adele.signIn('adele', PASSWORD);
      await adele.goto('/platforms');
      const row = page.locator('tr[data-platform="ClipHub"]');
      await row.locator('[data-action="edit"]').click();
      const form = page.locator('#edit-platform');
      await form.locator('#edit-threshold-vpdq').waitFor();
      expect(await form.locator('#edit-threshold-pdq').inputValue()).toBe('25');
      expect(await form.locator('#edit-threshold-vpdqTrimmed').getAttribute('placeholder')).toMatch(/^default: \d+$/);
      expect(await form.getByLabel('Share of their frames that must match (set rule), in %').getAttribute('placeholder')).toBe('default: 80 %');
      await form.locator('#edit-threshold-vpdq').fill('20');
      await form.getByLabel('Share of their frames that must match (set rule), in %').fill('60');
      await form.getByLabel('Shortest passage in common (segment rule), in seconds').fill('5');
      await form.locator('#edit-threshold-pdq').fill('');
      // The fresh list is slow to come: "changes saved" must wait for it, not be said beside the old values.
      await page.route('**/v1/admin/platforms', async (route) => {
        if (route.request().method() === 'GET') await new Promise((resolve) => setTimeout(resolve, 800));
        await route.continue();
      });
      await form.locator('button[type="submit"]').click();
      await page.locator('[role="status"]', { hasText: 'ClipHub: changes saved.' }).waitFor();
      expect(await platformThresholds()).toEqual({ ...kept, vpdq: 20, videoQueryShare: 60, videoSegmentSeconds: 5 });
      expect(await row.locator('[data-thresholds]').textContent()).toContain('vpdq: 20, videoQueryShare: 60 %, videoSegmentSeconds: 5 s');
      expect(await audit(page, 'platforms page with video settings')).toEqual([]);

      // The rule applies at once: 70 % of this video's frames are ours, out of order (no segment).
      expect(await scattered()).toEqual([videoId]);
      expect(adele.problems).toEqual([]);
    } finally {
      await adele.close();
    }
  });
});
