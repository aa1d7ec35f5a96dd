/**
 * "Withdraw" means gone: after a victim withdraws, none of the item's fingerprints remains in any
 * file under DATA_DIR — not in the database (secure_delete zeroes freed pages, the feed records
 * are redacted) and not in the write-ahead log (checkpointed and truncated after withdrawals) —
 * neither as the hex text stored nor as raw bytes, and still not after a VACUUM.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { durabilitySettings, openDatabase } from '../src/store/sqlite/database.js';
import { startTestServer } from './helpers.js';
import { addPlatform, hex, randomItem, storeItems, withdrawItem } from './platform-helpers.js';
import { randomFrames, videoItem } from './video-helpers.js';

/** Each needle is looked for as stored (hex text, either case) and as the raw bytes it encodes. */
function filesContaining(dir: string, needles: string[]): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const bytes = readFileSync(join(dir, name));
    for (const needle of needles) {
      const forms = [Buffer.from(needle, 'latin1'), Buffer.from(needle.toUpperCase(), 'latin1'), Buffer.from(needle, 'hex')];
      if (forms.some((form) => bytes.includes(form))) found.push(`${name}: ${needle.slice(0, 8)}…`);
    }
  }
  return found;
}

it('leaves no trace of a withdrawn item’s fingerprints in any file', async () => {
  const server = await startTestServer();
  try {
    const withdrawn = randomItem();
    const kept = randomItem();
    const stored = await storeItems(server, [withdrawn, kept]);
    const secrets = [withdrawn.pdq, withdrawn.blockhash, withdrawn.md5, withdrawn.sha256];
    expect(filesContaining(server.dataDir, secrets).length).toBeGreaterThan(0); // the check can see them

    await withdrawItem(server, stored, stored.itemIds[0]!);
    expect(filesContaining(server.dataDir, secrets)).toEqual([]);
    // the other item is untouched and still stored
    expect(filesContaining(server.dataDir, [kept.pdq]).length).toBeGreaterThan(0);

    const all = await server.request(`/v1/cases/${stored.caseId}`, { method: 'DELETE', headers: { authorization: `Case ${stored.secret}` } });
    expect(all.status).toBe(200);
    expect(filesContaining(server.dataDir, [kept.pdq, kept.blockhash, kept.md5, kept.sha256])).toEqual([]);
  } finally {
    await server.close();
  }
});

it('erases a withdrawn video’s frames and their variants, in the store and the feed, VACUUM or not', async () => {
  const server = await startTestServer();
  let closed = false;
  try {
    const frames = randomFrames(6).map((frame) => ({ ...frame, pdqTrimmed: hex(32), pdqCenter90: hex(32), pdqCenter80: hex(32) }));
    const video = videoItem(frames);
    const photo = randomItem();
    const stored = await storeItems(server, [video as any, photo]);
    const [videoId, photoId] = stored.itemIds as [number, number];
    const needles = [video.sha256, video.md5, ...frames.flatMap((f) => [f.pdq, f.pdqTrimmed, f.pdqCenter90, f.pdqCenter80])];
    const platform = await addPlatform(server, 'mirror', ['feed']);
    const feedOf = async (itemId: number) => {
      const page = (await (await server.request('/v1/feed?after=0&limit=1000', { headers: platform.auth })).json()) as { records: Record<string, unknown>[] };
      return page.records.filter((r) => r.itemId === itemId);
    };
    const before = await feedOf(videoId);
    expect(before.find((r) => r.signal === 'vpdq')?.frames).toHaveLength(6); // the feed carried the frames
    expect(filesContaining(server.dataDir, needles)).toHaveLength(needles.length);

    await withdrawItem(server, stored, videoId);
    expect(filesContaining(server.dataDir, needles)).toEqual([]);
    const after = await feedOf(videoId);
    expect(after.filter((r) => r.op === 'add').every((r) => r.value === undefined && r.frames === undefined)).toBe(true);
    expect(after.filter((r) => r.op === 'remove').map((r) => r.signal).sort()).toEqual(before.map((r) => r.signal).sort());
    expect(JSON.stringify(after)).not.toContain(frames[0]!.pdq);

    // What guarantees it: the server's connections overwrite freed content (secure_delete); a VACUUM changes nothing to that.
    await server.close(true);
    closed = true;
    const db = openDatabase(server.dataDir);
    expect(durabilitySettings(db).secureDelete).toBe(1);
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    expect(filesContaining(server.dataDir, needles)).toEqual([]);
    expect(filesContaining(server.dataDir, [photo.pdq, photo.sha256])).toHaveLength(2); // the other item is kept
    expect(photoId).toBeGreaterThan(videoId);
  } finally {
    if (closed) rmSync(server.dataDir, { recursive: true, force: true });
    else await server.close();
  }
});
