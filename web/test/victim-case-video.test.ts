/**
 * A case with photos and videos, in Chromium against a real server: the page names what it
 * protects ("cette photo et cette vidéo"), "My case" lists and numbers videos apart from photos,
 * videos added from "My case" reach the bank and match (one already there is kept once, and said
 * so), and withdrawing a video on the page stops the server matching its frames.
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VideoItem } from '@disrupt/hash-core';
import { repoRoot } from '../../hash-core/src/test-support/shared.js';
import { startTestServer, type TestServer } from '../../server/test/helpers.js';
import { addPlatform, match } from '../../server/test/platform-helpers.js';
import { ClipFolder, hasFfmpeg } from './support/video-clips.js';
import { launchChromium, runInBrowser, VictimPage } from './support/victim-page.js';

const PHOTO = join(repoRoot, 'fixtures', 'sample/transparent.png');

const describeBrowser = runInBrowser && hasFfmpeg ? describe : describe.skip;
const title = `a case with photos and videos, in Chromium${runInBrowser ? '' : ' (skipped: /usr/bin/chromium not found)'}${hasFfmpeg ? '' : ' (skipped: ffmpeg not installed: apt-get install ffmpeg)'}`;

describeBrowser(title, () => {
  let server: TestServer;
  let browser: Browser;
  let clips: ClipFolder;
  let platform: Awaited<ReturnType<typeof addPlatform>>;
  let victim: VictimPage;
  /** Two short clips whose frames look nothing alike: a test pattern and a Mandelbrot zoom. */
  let firstClip: string;
  let secondClip: string;
  /** The video items the review step sent, by clip. */
  const sent = new Map<string, VideoItem>();
  let credentials: { caseId: string; secret: string };
  const caseSection = () => victim.page.locator('[data-case-status]');

  /** The stored items a platform's query with these frames matches. */
  const matchedBy = async (video: VideoItem): Promise<number[]> => {
    const { status, body } = await match(server, platform.auth, [{ type: 'video', frames: video.frames }]);
    expect(status).toBe(200);
    return (body.results[0].matches as { itemId: number }[]).map((m) => m.itemId);
  };

  /** Picks the files, reviews them (keeping the video items about to be sent) and sends. */
  const pickAndSend = async (files: string[]): Promise<string> => {
    expect((await victim.chooseFiles(files, 120_000)).map((row) => row.state)).toEqual(files.map(() => 'done'));
    await victim.toReview();
    const body = JSON.parse((await victim.page.locator('[data-exact-body]').textContent()) ?? '{}') as { items: { type: string }[] };
    const videos = body.items.filter((item): item is VideoItem => item.type === 'video');
    files.filter((file) => file.endsWith('.mp4')).forEach((file, i) => sent.set(file, videos[i]!));
    return victim.send();
  };

  beforeAll(async () => {
    server = await startTestServer({ config: { victimLimits: { requestsPerMinute: 10_000 } } });
    platform = await addPlatform(server, 'ClipShare', ['match']);
    browser = await launchChromium();
    clips = new ClipFolder();
    firstClip = clips.longMp4(4, 'first.mp4');
    secondClip = clips.longMp4(4, 'second.mp4', { pattern: 'mandelbrot' });
  });
  afterAll(async () => {
    await victim?.close();
    await browser?.close();
    await server?.close();
    clips?.remove();
  });

  it('says which photos and videos it protects once the case is created', async () => {
    victim = await VictimPage.open(server.url, { browser, locale: 'fr-FR' });
    await victim.start();
    expect(await pickAndSend([PHOTO, firstClip])).toBe('created');
    credentials = await victim.credentials();
    expect(await victim.page.locator('[data-step="created"] > p').first().textContent()).toBe(
      'Les plateformes partenaires peuvent désormais reconnaître les copies de cette photo et de cette vidéo.',
    );
  });

  it('lists the video apart from the photo in "My case", numbered by kind', async () => {
    await victim.page.locator('[data-step="created"] .actions button.primary').click();
    await caseSection().waitFor();
    expect(await caseSection().locator('h2').textContent()).toBe('Photos et vidéos du dossier');
    expect(await caseSection().locator('.item-name').allTextContents()).toEqual(['Photo 1', 'Vidéo 1']);
    expect(await caseSection().locator('.case-status').textContent()).toBe(
      'Ce dossier est actif : les plateformes partenaires reconnaissent les copies de vos photos et de vos vidéos.',
    );
    const view = await victim.caseOnPage();
    expect(await matchedBy(sent.get(firstClip)!)).toEqual([view.items[1]!.itemId]);
  });

  it('adds a video from "My case": the new one is stored and matches, the one already there is kept once', async () => {
    await caseSection().getByRole('button', { name: 'Ajouter des photos ou des vidéos' }).click();
    await victim.waitForStep('choose');
    expect(await pickAndSend([secondClip, firstClip])).toBe('case');
    await caseSection().waitFor();
    expect(await caseSection().locator('.notice').textContent()).toBe('1 nouvelle vidéo ajoutée au dossier ; 1 autre y était déjà.');
    expect(await caseSection().locator('.item-name').allTextContents()).toEqual(['Photo 1', 'Vidéo 1', 'Vidéo 2']);
    const view = await victim.caseOnPage();
    expect(view.items.map((item) => item.status)).toEqual(['active', 'active', 'active']);
    expect(await matchedBy(sent.get(secondClip)!)).toEqual([view.items[2]!.itemId]);
    expect(await matchedBy(sent.get(firstClip)!)).toEqual([view.items[1]!.itemId]);
  });

  it('withdraws a video by its name: the server stops matching its frames', async () => {
    const view = await victim.caseOnPage();
    const row = caseSection().locator(`li[data-item="${view.items[2]!.itemId}"]`);
    await row.getByRole('button', { name: 'Retirer la vidéo 2' }).click();
    await expect.poll(() => row.locator('.confirm p').textContent()).toBe('Retirer la vidéo 2 ? Ses empreintes seront supprimées et ses copies ne seront plus reconnues.');
    await row.getByRole('button', { name: 'Oui, retirer' }).click();
    await victim.page.locator(`li[data-item="${view.items[2]!.itemId}"][data-status="withdrawn"]`).waitFor();
    expect(await caseSection().locator('.notice').textContent()).toBe('La vidéo 2 a été retirée ; ses empreintes sont supprimées.');
    expect(await matchedBy(sent.get(secondClip)!)).toEqual([]);
    expect(await matchedBy(sent.get(firstClip)!)).toEqual([view.items[1]!.itemId]);
  });

  it('speaks English the same way', async () => {
    const english = await VictimPage.open(server.url, { browser, locale: 'en-GB' });
    try {
      await english.openCase(credentials.caseId, credentials.secret);
      const section = english.page.locator('[data-case-status]');
      expect(await section.locator('h2').textContent()).toBe('Photos and videos in this case');
      expect(await section.locator('.item-name').allTextContents()).toEqual(['Photo 1', 'Video 1', 'Video 2']);
      expect(await section.locator('.case-status').textContent()).toBe('This case is active: partner platforms recognise copies of your photos and videos.');
      expect(await section.getByRole('button', { name: 'Withdraw video 1' }).count()).toBe(1);
      expect(await section.getByRole('button', { name: 'Add photos or videos' }).count()).toBe(1);
      expect(english.problems).toEqual([]);
    } finally {
      await english.close();
    }
  });

  it('had no console error, uncaught error or CSP violation', () => {
    expect(victim.problems).toEqual([]);
  });
});
