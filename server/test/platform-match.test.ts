/**
 * POST /v1/match through HTTP: exact and near-duplicate matches with their distance, dihedral
 * variants, withdrawn and disabled items, the quality floor, batch limits, strict validation,
 * and the match events it leaves behind (never the query hash).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { perceptualHashes } from '@disrupt/hash-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../src/store/sqlite/database.js';
import { bodyOf, startTestServer, type TestServer } from './helpers.js';
import { createOperator, json, login } from './operator-helpers.js';
import { addPlatform, blockImage, flipBits, hex, match, randomItem, rotate90, storeItems, withdrawItem } from './platform-helpers.js';

let server: TestServer;
let auth: Record<string, string>;
let platformId: number;
beforeAll(async () => {
  server = await startTestServer();
  ({ auth, id: platformId } = await addPlatform(server, 'matcher', ['match']));
});
afterAll(async () => server.close());

describe('POST /v1/match', () => {
  it('matches an exact SHA-256 and MD5, and reports each stored item once', async () => {
    const stored = randomItem();
    const { itemIds } = await storeItems(server, [stored]);
    const { status, body } = await match(server, auth, [
      { ref: 'upload-1', type: 'image', sha256: stored.sha256.toUpperCase() },
      { ref: 'upload-2', type: 'image', md5: stored.md5, sha256: stored.sha256, pdq: stored.pdq, blockhash: stored.blockhash },
      { type: 'image', md5: hex(16) },
    ]);
    expect(status).toBe(200);
    expect(body.results).toHaveLength(3);
    expect(body.results[0]).toEqual({ ref: 'upload-1', matches: [{ matchId: expect.any(Number), itemId: itemIds[0], signal: 'sha256', distance: 0 }] });
    // All four signals match the same item: one match, with the strongest evidence (exact first).
    expect(body.results[1].matches).toEqual([{ matchId: expect.any(Number), itemId: itemIds[0], signal: 'md5', distance: 0 }]);
    expect(body.results[2]).toEqual({ ref: null, matches: [] });
  });

  it('finds a PDQ near-duplicate and reports its distance', async () => {
    const stored = randomItem();
    const { itemIds } = await storeItems(server, [stored]);
    const near = flipBits(stored.pdq, [0, 17, 99, 200, 255]);
    const { body } = await match(server, auth, [{ type: 'image', pdq: near, quality: 80 }]);
    expect(body.results[0].matches).toEqual([{ matchId: expect.any(Number), itemId: itemIds[0], signal: 'pdq', distance: 5 }]);
    // Beyond the default threshold of 31 bits: no match.
    const far = flipBits(stored.pdq, Array.from({ length: 32 }, (_, i) => i * 8));
    expect((await match(server, auth, [{ type: 'image', pdq: far }])).body.results[0].matches).toEqual([]);
  });

  it("uses the platform's own threshold", async () => {
    const stored = randomItem();
    await storeItems(server, [stored]);
    const strict = await addPlatform(server, 'strict', ['match'], { pdq: 3 });
    const query = [{ type: 'image', pdq: flipBits(stored.pdq, [1, 2, 3, 4, 5]) }];
    expect((await match(server, strict.auth, query)).body.results[0].matches).toEqual([]);
    expect((await match(server, auth, query)).body.results[0].matches).toHaveLength(1);
  });

  it('matches a blockhash near-duplicate after exact and PDQ', async () => {
    const stored = randomItem();
    const { itemIds } = await storeItems(server, [stored]);
    const { body } = await match(server, auth, [{ type: 'image', blockhash: flipBits(stored.blockhash, [3, 30]), pdq: hex(32) }]);
    expect(body.results[0].matches).toEqual([{ matchId: expect.any(Number), itemId: itemIds[0], signal: 'blockhash', distance: 2 }]);
  });

  it('finds a turned copy through its dihedral hashes and names the variant', async () => {
    const image = blockImage();
    const original = perceptualHashes(image);
    expect(original.quality).toBeGreaterThanOrEqual(50);
    const { itemIds } = await storeItems(server, [randomItem({ pdq: original.pdq, quality: original.quality })]);
    const turned = perceptualHashes(rotate90(image), { dihedral: true });
    // Without the dihedral hashes, the turned copy's own PDQ is far from the original.
    const plain = await match(server, auth, [{ type: 'image', pdq: turned.pdq, quality: turned.quality }]);
    expect(plain.body.results[0].matches).toEqual([]);
    const { body } = await match(server, auth, [{ ref: 'turned', type: 'image', pdq: turned.pdq, quality: turned.quality, dihedral: turned.dihedral }]);
    expect(body.results[0].matches).toEqual([{ matchId: expect.any(Number), itemId: itemIds[0], signal: 'pdq', distance: expect.any(Number), variant: 'rot270' }]);
    expect(body.results[0].matches[0].distance).toBeLessThanOrEqual(31);
    expect(server.app.store.matchEvents.get(body.results[0].matches[0].matchId)!.variant).toBe(3);
  });

  it('never matches withdrawn or disabled items', async () => {
    const withdrawn = randomItem();
    const disabled = randomItem();
    const stored = await storeItems(server, [withdrawn, disabled]);
    const { itemIds } = stored;
    await withdrawItem(server, stored, itemIds[0]!);
    // Disabled behind the bank's back: the store still has the last word.
    const db = new Database(join(server.dataDir, DATABASE_FILE));
    db.prepare('UPDATE items SET disabled_at = ? WHERE id = ?').run(Date.now(), itemIds[1]);
    db.close();
    const { body } = await match(server, auth, [
      { type: 'image', sha256: withdrawn.sha256, pdq: withdrawn.pdq, blockhash: withdrawn.blockhash },
      { type: 'image', sha256: disabled.sha256, md5: disabled.md5, pdq: disabled.pdq, blockhash: disabled.blockhash },
    ]);
    expect(body.results.map((r: { matches: unknown[] }) => r.matches)).toEqual([[], []]);
  });

  it('matches a PDQ under the quality floor only closer, only against stored PDQ, and never at quality 0', async () => {
    const stored = randomItem();
    const bits = (n: number) => Array.from({ length: n }, (_, i) => i * 10);
    const storedIds = (await storeItems(server, [stored])).itemIds;
    const found = async (query: Record<string, unknown>) =>
      (await match(server, auth, [{ type: 'image', ...query }])).body.results[0].matches.map((m: { itemId: number; signal: string; distance: number }) => [m.itemId, m.signal, m.distance]);
    // A darkened or faded copy: its quality falls under 50, its hash stays near: within 24 bits.
    expect(await found({ pdq: flipBits(stored.pdq, bits(24)), quality: 49 })).toEqual([[storedIds[0], 'pdq', 24]]);
    expect(await found({ pdq: flipBits(stored.pdq, bits(25)), quality: 1 })).toEqual([]);
    expect(await found({ pdq: flipBits(stored.pdq, bits(25)), quality: 50 })).toEqual([[storedIds[0], 'pdq', 25]]);
    // Quality 0: not one step in the picture, nothing to go by; other signals still count.
    expect(await found({ pdq: stored.pdq, quality: 0 })).toEqual([]);
    expect(await found({ pdq: stored.pdq, quality: 0, md5: stored.md5 })).toEqual([[storedIds[0], 'md5', 0]]);
    // The floor still keeps stored values out, and the crops are not searched from under it.
    const flat = randomItem({ quality: 30 });
    const cropped = randomItem({ pdqCenter90: hex(32) });
    await storeItems(server, [flat, cropped]);
    expect(await found({ pdq: flat.pdq, quality: 30 })).toEqual([]);
    expect(await found({ pdq: cropped.pdqCenter90, quality: 40 })).toEqual([]);
    expect(await found({ pdq: cropped.pdqCenter90, quality: 60 })).toHaveLength(1);
    // A platform's own smaller threshold holds.
    const strict = await addPlatform(server, 'strict-under-floor', ['match'], { pdq: 10 });
    const near = (await match(server, strict.auth, [{ type: 'image', pdq: flipBits(stored.pdq, bits(12)), quality: 40 }])).body.results[0].matches;
    expect(near).toEqual([]);
  });

  it('keeps the quality of a picture matched under the floor with its match, for the reviewer', async () => {
    const stored = randomItem();
    const [itemId] = (await storeItems(server, [stored])).itemIds;
    const sent = async (quality: number) => (await match(server, auth, [{ type: 'image', pdq: flipBits(stored.pdq, [3, 30, 90]), quality }])).body.results[0].matches[0].matchId;
    const dim = await sent(23);
    const plain = await sent(80);
    await createOperator(server, 'quinn', 'reviewer');
    const quinn = await login(server, 'quinn');
    const { matches } = await json(await quinn.request(`/v1/admin/matches?itemId=${itemId}`), 200);
    expect(matches.map((m: { id: number; distance: number; queryQuality: number | null }) => [m.id, m.distance, m.queryQuality])).toEqual([
      [plain, 3, null],
      [dim, 3, 23],
    ]);
  });

  it('a new hash matches in the very next request', async () => {
    const stored = randomItem();
    const before = await match(server, auth, [{ type: 'image', pdq: stored.pdq }]);
    expect(before.body.results[0].matches).toEqual([]);
    await storeItems(server, [stored]);
    expect((await match(server, auth, [{ type: 'image', pdq: stored.pdq }])).body.results[0].matches).toHaveLength(1);
  });

  it('answers a batch of 1,000 full items in query order, and rejects 1,001 naming items', async () => {
    const stored = Array.from({ length: 5 }, () => randomItem());
    const { itemIds } = await storeItems(server, stored);
    const batch = Array.from({ length: 1000 }, (_, i) => ({
      ref: `r${i}`,
      ...randomItem({ quality: 80 }),
      dihedral: Array.from({ length: 8 }, () => hex(32)),
    }));
    for (let k = 0; k < 5; k++) batch[k * 200]!.sha256 = stored[k]!.sha256;
    for (const item of batch) item.dihedral[0] = item.pdq;
    const { status, body } = await match(server, auth, batch);
    expect(status).toBe(200);
    expect(body.results.map((r: { ref: string }) => r.ref)).toEqual(batch.map((b) => b.ref));
    const hits = body.results.flatMap((r: { ref: string; matches: { itemId: number }[] }) => r.matches.map((m) => [r.ref, m.itemId]));
    expect(hits).toEqual([0, 1, 2, 3, 4].map((k) => [`r${k * 200}`, itemIds[k]]));

    const tooMany = await match(server, auth, [...batch, randomItem()]);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({ status: 400, field: 'items' });
  });

  it('rejects unknown fields by name, and bad hashes naming the field', async () => {
    const cases: [unknown, string][] = [
      [[{ type: 'image', pdq: hex(32), file: 'holiday.jpg' }], 'items[0].file'],
      [[randomItem(), { type: 'image', pdq: hex(32), exif: {} }], 'items[1].exif'],
      [[{ type: 'image', pdq: hex(31) }], 'items[0].pdq'],
      [[{ type: 'image', md5: 'z'.repeat(32) }], 'items[0].md5'],
      [[{ type: 'image', ref: 'only-a-ref' }], 'items[0]'],
      [[{ type: 'audio', pdq: hex(32) }], 'items[0].type'],
      [[{ type: 'video', pdq: hex(32) }], 'items[0].frames'],
      [[{ type: 'image', pdq: hex(32), quality: 101 }], 'items[0].quality'],
      [[{ type: 'image', pdq: hex(32), dihedral: [hex(32)] }], 'items[0].dihedral'],
      [[{ type: 'image', pdq: hex(32), dihedral: Array.from({ length: 8 }, () => hex(32)) }], 'items[0].dihedral'],
      [[{ type: 'image', pdq: 'ab'.repeat(32), ref: 'AB'.repeat(32) }], 'items[0].ref'],
      [[], 'items'],
    ];
    for (const [items, field] of cases) {
      const { status, body, headers } = await match(server, auth, items as unknown[]);
      expect(status, JSON.stringify(items)).toBe(400);
      expect(headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(body.field, JSON.stringify(items)).toBe(field);
    }
    const extraTop = await server.request('/v1/match', { method: 'POST', headers: auth, json: { items: [randomItem()], platform: 'x' } });
    expect((await bodyOf(extraTop)).field).toBe('platform');
  });

  it('never answers a malformed body with a 5xx', async () => {
    const bodies: [string, string][] = [
      ['application/json', '{'],
      ['application/json', ''],
      ['application/json', 'null'],
      ['application/json', '[]'],
      ['application/json', '"items"'],
      ['application/json', '{"items": null}'],
      ['application/json', '{"items": [null, 1, "x"]}'],
      ['application/json', '{"items": [{"type": "image", "pdq": 12}]}'],
      ['application/json', '{"items": [{"__proto__": {"x": 1}, "type": "image", "md5": "00000000000000000000000000000000"}]}'],
      ['text/plain', 'pdq=abc'],
      ['application/x-www-form-urlencoded', 'items=1'],
      ['multipart/form-data; boundary=x', '--x--'],
    ];
    for (const [type, body] of bodies) {
      const response = await server.request('/v1/match', { method: 'POST', headers: { ...auth, 'content-type': type }, body });
      expect(response.status, `${type} ${body}`).toBeGreaterThanOrEqual(400);
      expect(response.status, `${type} ${body}`).toBeLessThan(500);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });

  it('logs every match as a match event with the ref, and never the query hash', async () => {
    const stored = randomItem();
    const { caseId, itemIds } = await storeItems(server, [stored]);
    const query = { ref: 'post/8812', type: 'image', pdq: flipBits(stored.pdq, [7, 8]), md5: hex(16), sha256: hex(32), blockhash: hex(32) };
    const { body } = await match(server, auth, [query]);
    const [found] = body.results[0].matches;
    const event = server.app.store.matchEvents.get(found.matchId)!;
    expect(event).toMatchObject({ platformId, itemId: itemIds[0], caseId, signal: 'pdq', distance: 2, ref: 'post/8812', variant: null, feedback: null, review: null });

    const db = new Database(join(server.dataDir, DATABASE_FILE), { readonly: true });
    const rows = db.prepare('SELECT * FROM match_events').all() as Record<string, unknown>[];
    db.close();
    expect(rows.length).toBeGreaterThan(0);
    const everything = JSON.stringify(rows).toLowerCase();
    for (const value of [query.pdq, query.md5, query.sha256, query.blockhash, stored.pdq]) expect(everything).not.toContain(value);
  });
});
