/**
 * PDQ variants through HTTP: a stored photo is found from a crop, a bordered copy and a tilted copy,
 * by a platform that sends only plain PDQ and by one that sends our whole item; each match names
 * the stored variant and the query signal. GET /v1/signals says how each signal is searched, and
 * turned or flipped query hashes meet a stricter radius. A side blockhash finds a watermarked copy
 * of a photo too flat for PDQ.
 */
import { BLOCKHASH_MIN_TRANSITIONS, BLOCKHASH_SIDE_THRESHOLD, blockhashTransitions, hamming, imageItem, mirrorBlockhash, MIRRORED_QUERY_VARIANTS, mirroredLeftRight, perceptualHashes, type Pixels } from '@disrupt/hash-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { framed, texturedPicture } from '../../hash-core/src/test-support/pictures.js';
import { DIHEDRAL_THRESHOLD } from '../src/routes/platform-api/match-query.js';
import { startTestServer, type TestServer } from './helpers.js';
import { addPlatform, flipBits, hex, match, randomItem, storeItems, type ImageItemWithVariants } from './platform-helpers.js';

const photo = (seed: number) => texturedPicture(320, 240, seed);

function crop(p: Pixels, left: number, top: number, width: number, height: number): Pixels {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) data.set(p.data.subarray(((top + y) * p.width + left) * 3, ((top + y) * p.width + left + width) * 3), y * width * 3);
  return { width, height, data };
}

const pad = (p: Pixels, border: number, grey: number) => framed(p, p.width + 2 * border, p.height + 2 * border, border, border, [grey, grey, grey]);

/** Soft vertical grain, ±6 levels: a wall, wood or skin, too flat for PDQ. */
function lowTexture(width: number, height: number): Pixels {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = 150 + 4 * Math.sin(x / 7 + Math.sin(y / 40)) + 2 * Math.sin((x + y) / 23);
      data.set([v, 0.8 * v, 0.6 * v], (y * width + x) * 3);
    }
  }
  return { width, height, data };
}

/** Soft light and no texture (a misty landscape, a dim room): too flat for PDQ, yet not one colour. */
function softLight(width: number, height: number): Pixels {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = 120 + 50 * Math.sin(x / 60 + y / 150) + 30 * Math.cos(y / 45 - x / 200);
      data.set([0.6 * v, 0.8 * v, v], (y * width + x) * 3);
    }
  }
  return { width, height, data };
}

/** Bright strokes over the bottom fifth, as a watermark's text. */
function brightText(p: Pixels): Pixels {
  const data = Uint8Array.from(p.data);
  for (let y = Math.round(p.height * 0.82); y < Math.round(p.height * 0.95); y++) {
    for (let x = Math.round(p.width * 0.3); x < Math.round(p.width * 0.95); x++) if (x % 13 < 5 || y % 9 < 2) data.fill(245, (y * p.width + x) * 3, (y * p.width + x) * 3 + 3);
  }
  return { width: p.width, height: p.height, data };
}

const itemOf = async (p: Pixels): Promise<ImageItemWithVariants> => imageItem(new Uint8Array(p.data), p);

let server: TestServer;
let auth: Record<string, string>;
let storedId: number;
const original = photo(3);
beforeAll(async () => {
  server = await startTestServer();
  ({ auth } = await addPlatform(server, 'variants', ['match']));
  const { itemIds } = await storeItems(server, [await itemOf(original), await itemOf(photo(7))]);
  storedId = itemIds[0]!;
});
afterAll(async () => server.close());

describe('matching with PDQ variants', () => {
  it('finds a 10 % centre crop from its plain PDQ alone, through the stored crop', async () => {
    const copy = perceptualHashes(crop(original, 16, 12, 288, 216), { variants: false });
    expect(copy.pdq).toBeDefined();
    const { status, body } = await match(server, auth, [{ type: 'image', pdq: copy.pdq, quality: copy.quality }]);
    expect(status).toBe(200);
    expect(body.results[0].matches).toEqual([{ matchId: expect.any(Number), itemId: storedId, signal: 'pdqCenter90', query: 'pdq', distance: expect.any(Number) }]);
    expect(body.results[0].matches[0].distance).toBeLessThanOrEqual(31);
  });

  it('finds a copy with a dark border through its trimmed PDQ, sent by our hasher', async () => {
    const item = await itemOf(pad(original, 30, 25));
    expect(item.pdqTrimmed).toBeDefined();
    const { body } = await match(server, auth, [item]);
    const found = body.results[0].matches.filter((m: { itemId: number }) => m.itemId === storedId);
    expect(found).toEqual([{ matchId: expect.any(Number), itemId: storedId, signal: 'pdq', query: 'pdqTrimmed', distance: expect.any(Number) }]);
  });

  it('does not match the other stored photo, nor an unrelated one', async () => {
    const { body } = await match(server, auth, [await itemOf(photo(11))]);
    expect(body.results[0].matches).toEqual([]);
  });

  it('lets a platform set the radius of one variant', async () => {
    const strict = await addPlatform(server, 'strict-crops', ['match'], { pdqCenter90: 0 });
    const copy = perceptualHashes(crop(original, 18, 11, 288, 216), { variants: false }); // 2 px off centre
    const query = [{ type: 'image', pdq: copy.pdq, quality: copy.quality }];
    const lenient = (await match(server, auth, query)).body.results[0].matches;
    expect(lenient).toEqual([expect.objectContaining({ itemId: storedId, signal: 'pdqCenter90' })]);
    expect(lenient[0].distance).toBeGreaterThan(0);
    expect((await match(server, strict.auth, query)).body.results[0].matches).toEqual([]);
  });

  it('finds a watermarked copy of a low-texture photo through a side blockhash, which PDQ cannot', async () => {
    // A faint grain (PDQ quality under 50, never indexed) and bright text over its bottom fifth.
    const grain = lowTexture(360, 270);
    const original = await itemOf(grain);
    expect(original.quality).toBeLessThan(50);
    const [stored] = (await storeItems(server, [original])).itemIds;
    const item = await itemOf(brightText(grain));
    expect(item.quality).toBeGreaterThanOrEqual(50); // the text gives the copy a PDQ, unrelated to the stored one
    expect(hamming(item.blockhash, original.blockhash)).toBeGreaterThan(20); // and moves the whole blockhash
    const { body } = await match(server, auth, [item]);
    const found = body.results[0].matches.filter((m: { itemId: number }) => m.itemId === stored);
    expect(found).toEqual([expect.objectContaining({ itemId: stored, signal: 'blockhashTop75', distance: expect.any(Number) })]);
    expect(found[0].distance).toBeLessThanOrEqual(BLOCKHASH_SIDE_THRESHOLD);
  });

  it('matches blockhash at 20 bits for photos PDQ cannot hash, within 8 for the others, and their sides (at 16) only for the former', async () => {
    const reliable = hex(32);
    const unhashable = hex(32);
    const side = hex(32);
    const { itemIds: [good, poor] } = await storeItems(server, [
      randomItem({ blockhash: reliable, quality: 90, blockhashTop75: side }),
      randomItem({ blockhash: unhashable, quality: 30, blockhashTop75: flipBits(side, [1]) }),
    ]);
    const found = async (query: Record<string, string>) => {
      const { body } = await match(server, auth, [{ type: 'image', ...query }]);
      return body.results[0].matches.filter((m: { itemId: number }) => m.itemId === good || m.itemId === poor).map((m: { itemId: number; signal: string; distance: number }) => [m.itemId === good ? 'good' : 'poor', m.signal, m.distance]);
    };
    const bits = (n: number) => Array.from({ length: n }, (_, i) => i * 9);
    expect(await found({ blockhash: flipBits(reliable, bits(8)) })).toEqual([['good', 'blockhash', 8]]);
    expect(await found({ blockhash: flipBits(reliable, bits(12)) })).toEqual([]);
    expect(await found({ blockhash: flipBits(unhashable, bits(12)) })).toEqual([['poor', 'blockhash', 12]]);
    expect(await found({ blockhashTop75: side })).toEqual([['poor', 'blockhashTop75', 1]]);
    // A side within its own, smaller radius: four sides are four chances.
    expect(await found({ blockhashTop75: flipBits(side, bits(BLOCKHASH_SIDE_THRESHOLD - 1)) })).toEqual([['poor', 'blockhashTop75', BLOCKHASH_SIDE_THRESHOLD]]);
    expect(await found({ blockhashTop75: flipBits(side, bits(BLOCKHASH_SIDE_THRESHOLD + 1)) })).toEqual([]);
  });

  it('holds a coarse blockhash (a disc on a plain ground: few boundaries between blocks) to 6 bits where PDQ cannot hash, 8 where it can, and its sides to none', async () => {
    let disc = '';
    for (let i = 0; i < 256; i += 4) {
      let nibble = 0;
      for (let k = 0; k < 4; k++) nibble = (nibble << 1) | (((i + k) % 16 - 8) ** 2 + (Math.floor((i + k) / 16) - 8) ** 2 < 30 ? 1 : 0);
      disc += nibble.toString(16);
    }
    expect(blockhashTransitions(disc)).toBeLessThan(BLOCKHASH_MIN_TRANSITIONS);
    const { itemIds: [flat, hashable] } = await storeItems(server, [
      randomItem({ blockhash: disc, quality: 20, blockhashLeft75: disc }),
      randomItem({ blockhash: disc, quality: 90 }),
    ]);
    const found = async (query: Record<string, string>) => {
      const { body } = await match(server, auth, [{ type: 'image', ...query }]);
      return body.results[0].matches
        .filter((m: { itemId: number }) => m.itemId === flat || m.itemId === hashable)
        .map((m: { itemId: number; signal: string; distance: number }) => [m.itemId === flat ? 'flat' : 'hashable', m.signal, m.distance])
        .sort();
    };
    // Bits off the disc's edge, in the flat ground: each draws new boundaries.
    const ground = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 === 0 ? i * 8 : 255 - i * 8));
    expect(await found({ blockhash: flipBits(disc, ground(6)) })).toEqual([['flat', 'blockhash', 6], ['hashable', 'blockhash', 6]]);
    expect(await found({ blockhash: flipBits(disc, ground(8)) })).toEqual([['hashable', 'blockhash', 8]]);
    expect(await found({ blockhash: flipBits(disc, ground(12)) })).toEqual([]);
    expect(await found({ blockhashLeft75: flipBits(disc, ground(2)) })).toEqual([]);
  });

  it('never matches two different uniform pictures, whose blockhashes are all alike', async () => {
    const plain = (grey: number, width: number, height: number): Pixels => ({ width, height, data: new Uint8Array(width * height * 3).fill(grey) });
    const stored = await itemOf(plain(12, 300, 200));
    expect(stored.blockhash).toBe('0'.repeat(64)); // and PDQ quality 0: nothing else to match on
    const [storedId] = (await storeItems(server, [stored])).itemIds;
    const other = await itemOf(plain(30, 240, 180));
    expect(other.blockhash).toBe(stored.blockhash);
    const { body } = await match(server, auth, [other, { type: 'image', blockhash: stored.blockhash }]);
    expect(body.results.map((r: { matches: unknown[] }) => r.matches)).toEqual([[], []]);
    // The very same file still matches, by its digests.
    const same = (await match(server, auth, [stored])).body.results[0].matches;
    expect(same.filter((m: { itemId: number }) => m.itemId === storedId).map((m: { signal: string }) => m.signal)).toEqual([expect.stringMatching(/^(md5|sha256)$/)]);
  });

  it('matches a tilt only when the photo itself has the detail PDQ needs: black corners lift a flat picture over the floor', async () => {
    const flat = perceptualHashes(lowTexture(320, 240));
    expect(flat.quality).toBeLessThan(50);
    expect(flat.variants?.pdqTiltCw).toEqual(expect.any(String)); // the tilt's own quality passes, from its corners
    const [flatTilt, detailedTilt] = [hex(32), hex(32)];
    const { itemIds: [poor, good] } = await storeItems(server, [
      randomItem({ quality: 30, pdqTiltCw: flatTilt }),
      randomItem({ quality: 90, pdqTiltCw: detailedTilt }),
    ]);
    const found = async (query: Record<string, string | number>) => {
      const { body } = await match(server, auth, [{ type: 'image', ...query }]);
      return body.results[0].matches.filter((m: { itemId: number }) => m.itemId === poor || m.itemId === good).map((m: { itemId: number; signal: string }) => [m.itemId === good ? 'good' : 'poor', m.signal]);
    };
    expect(await found({ quality: 90, pdqTiltCw: detailedTilt })).toEqual([['good', 'pdqTiltCw']]);
    expect(await found({ quality: 90, pdqTiltCw: flatTilt })).toEqual([]);
    expect(await found({ quality: 90, pdq: flatTilt })).toEqual([]); // plain PDQ is searched among stored tilts too
    expect(await found({ quality: 30, pdqTiltCw: detailedTilt })).toEqual([]); // nor a flat query's tilt
    // The other variants carry their own picture's quality: a flat photo's detailed crop still counts.
    const crop = hex(32);
    const { itemIds: [cropped] } = await storeItems(server, [randomItem({ quality: 30, pdqCenter80: crop })]);
    const { body } = await match(server, auth, [{ type: 'image', quality: 90, pdqCenter80: crop }]);
    expect(body.results[0].matches.filter((m: { itemId: number }) => m.itemId === cropped).map((m: { signal: string }) => m.signal)).toEqual(['pdqCenter80']);
  });

  it('finds a mirrored copy of a photo PDQ cannot hash through its blockhash mirrored, with no dihedral hashes sent', async () => {
    const grain = lowTexture(420, 300);
    const original = await itemOf(grain);
    expect(original.quality).toBeLessThan(50); // no PDQ, so no stored pdqMirrored either
    const [stored] = (await storeItems(server, [original])).itemIds;
    const copy = await itemOf(mirroredLeftRight(grain));
    expect(hamming(copy.blockhash, original.blockhash)).toBeGreaterThan(20);
    const { body } = await match(server, auth, [copy]);
    const found = body.results[0].matches.filter((m: { itemId: number }) => m.itemId === stored);
    expect(found).toEqual([{ matchId: expect.any(Number), itemId: stored, signal: 'blockhash', distance: expect.any(Number), variant: 'flipY' }]);
    expect(found[0].distance).toBeLessThanOrEqual(4);
  });

  it('finds a padded copy of a photo PDQ cannot hash through the blockhash of the picture inside the bars', async () => {
    const light = softLight(300, 400);
    const original = await itemOf(light);
    expect(original.quality).toBeLessThan(50);
    const [stored] = (await storeItems(server, [original])).itemIds;
    const copy = await itemOf(pad(light, 40, 250));
    expect(copy.blockhashFramed).toBeDefined();
    const mine = async (item: Record<string, unknown>) => (await match(server, auth, [item])).body.results[0].matches.filter((m: { itemId: number }) => m.itemId === stored);
    const found = await mine(copy);
    expect(found).toEqual([{ matchId: expect.any(Number), itemId: stored, signal: 'blockhash', query: 'blockhashFramed', distance: expect.any(Number) }]);
    expect(found[0].distance).toBeLessThanOrEqual(4);
    // Without it, the sides (three quarters of the picture inside the bars) still find it; without
    // them too, the bars keep every other fingerprint of the copy away.
    const { blockhashFramed: _, ...withoutFramed } = copy;
    const side = /^blockhash(Top|Bottom|Left|Right)75$/;
    expect(await mine(withoutFramed)).toEqual([expect.objectContaining({ signal: expect.stringMatching(side), distance: 0 })]);
    expect(await mine(Object.fromEntries(Object.entries(withoutFramed).filter(([name]) => !side.test(name))))).toEqual([]);
  });

  it('finds the bare picture of a stored padded one (a victim may only have the screenshot) through the stored framed blockhash', async () => {
    const light = softLight(360, 240);
    const screenshot = await itemOf(pad(light, 30, 10));
    const [stored] = (await storeItems(server, [screenshot])).itemIds;
    const bare = await itemOf(light);
    expect(bare.quality).toBeLessThan(50);
    expect(hamming(bare.blockhash, screenshot.blockhash)).toBeGreaterThan(20);
    const { body } = await match(server, auth, [bare]);
    const found = body.results[0].matches.filter((m: { itemId: number }) => m.itemId === stored);
    expect(found).toEqual([{ matchId: expect.any(Number), itemId: stored, signal: 'blockhashFramed', query: 'blockhash', distance: expect.any(Number) }]);
  });

  it('does not search a side mirrored: four sides are already four chances of a coincidence', async () => {
    const left = hex(32);
    const { itemIds: [stored] } = await storeItems(server, [randomItem({ quality: 30, blockhashLeft75: left })]);
    const { body } = await match(server, auth, [{ type: 'image', blockhashLeft75: left, blockhashRight75: mirrorBlockhash(left) }]);
    expect(body.results[0].matches.filter((m: { itemId: number }) => m.itemId === stored)).toEqual([expect.objectContaining({ signal: 'blockhashLeft75', distance: 0 })]);
    const { body: mirrored } = await match(server, auth, [{ type: 'image', blockhashRight75: mirrorBlockhash(left) }]);
    expect(mirrored.results[0].matches.filter((m: { itemId: number }) => m.itemId === stored)).toEqual([]);
  });

  it('searches turned and flipped query hashes with a stricter radius than the hash itself', async () => {
    const pdq = hex(32);
    const { itemIds } = await storeItems(server, [randomItem({ pdq, quality: 100 })]);
    const dihedral = (bits: number) => [hex(32), flipBits(pdq, Array.from({ length: bits }, (_, i) => i * 7)), ...Array.from({ length: 6 }, () => hex(32))];
    for (const [bits, found] of [[DIHEDRAL_THRESHOLD, true], [DIHEDRAL_THRESHOLD + 4, false]] as const) {
      const d = dihedral(bits);
      const { body } = await match(server, auth, [{ type: 'image', pdq: d[0], quality: 100, dihedral: d }]);
      const mine = body.results[0].matches.filter((m: { itemId: number }) => m.itemId === itemIds[0]);
      expect(mine, `${bits} bits`).toEqual(found ? [{ matchId: expect.any(Number), itemId: itemIds[0], signal: 'pdq', distance: bits, variant: 'rot90' }] : []);
    }
  });
});

describe('GET /v1/signals', () => {
  it('lists every signal with its threshold and where a value sent is searched', async () => {
    const response = await server.request('/v1/signals');
    expect(response.status).toBe(200);
    const { signals } = (await response.json()) as { signals: { name: string; threshold: number; searchIn: string[]; kind: string; qualityFloor?: number; underFloorQuery?: { minQuality: number; radius: number; searchIn?: string[] }; underFloorStored?: { minQuality: number; radius: number }; mirroredIn?: string; sentMirroredIn?: string[] }[] };
    const byName = new Map(signals.map((s) => [s.name, s]));
    expect(byName.get('pdq')).toMatchObject({ kind: 'perceptual', threshold: 31 });
    expect(byName.get('pdq')!.searchIn).toEqual(expect.arrayContaining(['pdq', 'pdqTrimmed', 'pdqCenter90', 'pdqLeft90', 'pdqTiltCw', 'pdqMirrored']));
    expect(byName.get('pdqTrimmed')!.searchIn).toEqual(['pdq', 'pdqTrimmed', 'vpdq', 'vpdqTrimmed']);
    expect(byName.get('pdqTop80')!.searchIn).toEqual(['pdqTop80']);
    // A picture turned back upright is its central crop: searched among the crops, and the other way.
    expect(byName.get('pdqStraightened90')!.searchIn).toEqual(expect.arrayContaining(['pdqCenter90', 'pdqStraightened90']));
    expect(byName.get('pdqCenter80')!.searchIn).toEqual(expect.arrayContaining(['pdqCenter80', 'pdqStraightened80']));
    // A photo turned and cut as an editor straightens it is searched among the stored photos, as taken.
    expect(byName.get('pdqTurnCropCw325')!.searchIn).toEqual(['pdq']);
    expect(byName.get('pdq')!.searchIn).toEqual(expect.arrayContaining(['pdqTurnCropCw175', 'pdqTurnCropCcw325']));
    expect(byName.get('blockhashFramed')!.searchIn).toEqual(['blockhash', 'blockhashFramed']);
    expect(byName.get('blockhash')!.searchIn).toEqual(['blockhash', 'blockhashFramed']);
    // Which values a mirror must leave out under the item's quality: PDQ's and the tilts', not a crop's.
    expect(signals.filter((s) => s.qualityFloor !== undefined).map((s) => [s.name, s.qualityFloor])).toEqual(expect.arrayContaining([['pdq', 50], ['pdqTiltCw', 50], ['pdqTiltCcw', 50]]));
    expect(byName.get('pdqCenter80')!.qualityFloor).toBeUndefined();
    // A value sent under the floor is still compared, closer, with the stored plain PDQ and its mirror alone (a photo's or a frame's).
    expect(signals.filter((s) => s.underFloorQuery !== undefined).map((s) => [s.name, s.underFloorQuery])).toEqual([
      ['pdq', { minQuality: 1, radius: 24, searchIn: ['pdq', 'pdqMirrored', 'vpdq', 'vpdqMirrored'] }],
      ['vpdq', { minQuality: 1, radius: 24, searchIn: ['vpdq', 'vpdqMirrored', 'pdq', 'pdqMirrored'] }],
    ]);
    // A stored value under the floor is met only for video frames, where the segment rule must agree.
    expect(signals.filter((s) => s.underFloorStored !== undefined).map((s) => [s.name, s.underFloorStored])).toEqual([['vpdq', { minQuality: 1, radius: 24 }]]);
    // A query's mirrored picture (sent under `mirrored`): its PDQ among the stored crops and trimmed pictures, its crops as unflipped ones.
    const sentMirrored = signals.filter((s) => s.sentMirroredIn !== undefined).map((s) => s.name);
    expect(sentMirrored).toEqual(['pdq', ...MIRRORED_QUERY_VARIANTS]);
    expect(byName.get('pdq')!.sentMirroredIn).toEqual([...MIRRORED_QUERY_VARIANTS]);
    expect(byName.get('pdqCenter90')!.sentMirroredIn).toEqual(['pdqCenter90', 'pdqStraightened90']);
    expect(byName.get('pdqTrimmed')!.sentMirroredIn).toEqual(['pdq', 'pdqTrimmed']);
    // Where a value's mirror is searched: blockhash's in blockhash; PDQ's not (its photos store one), nor the sides'.
    expect(signals.filter((s) => s.mirroredIn !== undefined).map((s) => [s.name, s.mirroredIn])).toEqual([['blockhash', 'blockhash']]);
    expect(byName.get('md5')).toMatchObject({ kind: 'exact', threshold: 0, searchIn: ['md5'] });
    // Video frames: their own signals, compared with frames and photos alike.
    expect(byName.get('pdq')!.searchIn).toEqual(expect.arrayContaining(['vpdq', 'vpdqTrimmed', 'vpdqCenter90', 'vpdqCenter80', 'vpdqMirrored']));
    expect(byName.get('vpdq')).toMatchObject({ kind: 'perceptual', threshold: 31, searchIn: ['vpdq', 'vpdqTrimmed', 'vpdqCenter90', 'vpdqCenter80', 'vpdqMirrored', 'pdq', 'pdqTrimmed', 'pdqCenter90', 'pdqCenter80', 'pdqMirrored'] });
    expect(byName.get('vpdqTrimmed')).toMatchObject({ threshold: 28, searchIn: ['vpdq', 'vpdqTrimmed', 'pdq', 'pdqTrimmed'] });
    // A flipped video: its frames' plain PDQ meet the stored frames' mirrored PDQ (and the reverse).
    expect(byName.get('vpdqMirrored')).toMatchObject({ threshold: 28, searchIn: ['vpdqMirrored', 'pdqMirrored'] });
  });
});
