import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadBank } from '../src/match/load-bank.js';
import { MatchBank } from '../src/match/match-bank.js';
import { ServerKeys } from '../src/secrets/server-keys.js';
import type { NewItem } from '../src/store/cases-repository.js';
import { openDatabase, type Db } from '../src/store/sqlite/database.js';
import { FEED_FRAMES_BUDGET } from '../src/store/sqlite/feed.js';
import { createSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';

// The store's own contract, for what HTTP cannot reach: id collisions, disabled items, frames.
let dir: string;
let db: Db;
let store: Store;
const keys = ServerKeys.inMemory();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'disrupt-store-'));
  db = openDatabase(dir);
  store = createSqliteStore(db, keys);
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const hex = (digit: string, length = 64) => digit.repeat(length);
const image = (digit: string, quality = 80): NewItem => ({
  type: 'image',
  quality,
  reliable: quality >= 50,
  signals: [
    { signal: 'pdq', value: hex(digit) },
    { signal: 'blockhash', value: hex(digit) },
    { signal: 'md5', value: hex(digit, 32) },
    { signal: 'sha256', value: hex(digit) },
  ],
});

describe('SQLite cases repository', () => {
  it('draws another case id when one is taken', () => {
    const first = store.cases.create({ secret: keys.digest('a'), items: [image('1')] }, () => 'DSR-AAAA-AAAA');
    const ids = ['DSR-AAAA-AAAA', 'DSR-AAAA-AAAA', 'DSR-BBBB-BBBB'];
    const second = store.cases.create({ secret: keys.digest('b'), items: [image('2')] }, () => ids.shift()!);
    expect(first.caseId).toBe('DSR-AAAA-AAAA');
    expect(second.caseId).toBe('DSR-BBBB-BBBB');
    expect(store.cases.items('DSR-BBBB-BBBB')).toHaveLength(1);
    expect(() => store.cases.create({ secret: keys.digest('c'), items: [image('3')] }, () => 'DSR-AAAA-AAAA')).toThrow(/no free case id/);
    expect(store.cases.findExact('sha256', hex('3'))).toEqual([]);
  });

  it('leaves disabled and withdrawn items out of exact lookups and the start-up load', () => {
    const { caseId, items } = store.cases.create({ secret: keys.digest('a'), items: [image('1'), image('2'), image('3', 20)] }, () => 'DSR-AAAA-AAAA');
    const [active, disabled, lowQuality] = items.map((i) => i.itemId) as [number, number, number];
    db.prepare('UPDATE items SET disabled_at = 1 WHERE id = ?').run(disabled);
    expect(store.cases.findExact('md5', hex('2', 32))).toEqual([]);
    expect(store.cases.items(caseId).map((i) => i.status)).toEqual(['active', 'disabled', 'active']);

    const bank = new MatchBank();
    expect(loadBank(bank, store)).toBe(3); // pdq and blockhash of the active item, blockhash of the low-quality one
    expect(bank.search('pdq', [hex('1')], 0).map((m) => m.id)).toEqual([active]);
    expect(bank.search('pdq', [hex('3')], 0)).toEqual([]); // under the quality floor
    expect(bank.search('blockhash', [hex('3')], 0).map((m) => m.id)).toEqual([lowQuality]);

    store.cases.withdrawItem(caseId, active);
    const reloaded = new MatchBank();
    loadBank(reloaded, store);
    expect(reloaded.sizes()).toMatchObject({ pdq: 0, blockhash: 1 });
  });

  it('stores video frames, announces them in the feed and deletes them on withdrawal', () => {
    const video: NewItem = { ...image('4'), type: 'video', frames: [{ t: 0, pdq: hex('5'), quality: 90 }, { t: 1.5, pdq: hex('6'), quality: 70 }], durationMs: 3000 };
    video.signals = video.signals.filter((s) => s.signal !== 'pdq');
    const { caseId, items } = store.cases.create({ secret: keys.digest('a'), items: [video] }, () => 'DSR-AAAA-AAAA');
    const itemId = items[0]!.itemId;
    const frames = store.feed.list(0, 100).records.find((r) => r.frames);
    expect(frames).toMatchObject({ op: 'add', itemId, signal: 'vpdq', frames: video.frames });
    const withdrawn = store.cases.withdrawItem(caseId, itemId);
    expect(withdrawn?.signals.sort()).toEqual(['blockhash', 'md5', 'sha256', 'vpdq']);
    expect((db.prepare('SELECT COUNT(*) AS n FROM item_frames').get() as { n: number }).n).toBe(0);
    expect(store.feed.list(0, 100).records.filter((r) => r.frames || r.value)).toEqual([]);
  });

  it("cuts a feed page short rather than carry more than its budget of video frames", () => {
    const hour = Array.from({ length: 3600 }, (_, t) => ({ t, pdq: hex(String(t % 10)), quality: 90, pdqTrimmed: hex('a'), pdqCenter90: hex('b'), pdqCenter80: hex('c') }));
    const video = (digit: string): NewItem => ({ type: 'video', quality: 90, reliable: true, signals: [{ signal: 'sha256', value: hex(digit) }], frames: hour, durationMs: 3_600_000 });
    store.cases.create({ secret: keys.digest('a'), items: ['1', '2', '3', '4', '5', '6', '7', '8', '9'].map(video) }, () => 'DSR-AAAA-AAAA');
    const seen: number[] = [];
    let cursor = 0;
    for (let pages = 0; pages < 20; pages++) {
      const page = store.feed.list(cursor, 1000);
      if (page.records.length === 0) break;
      expect(JSON.stringify(page.records.map((r) => r.frames ?? [])).length).toBeLessThan(FEED_FRAMES_BUDGET + 1_500_000);
      seen.push(...page.records.filter((r) => r.frames).map((r) => r.itemId));
      cursor = page.next;
    }
    expect(seen).toHaveLength(9); // every video once, over several pages
    expect(new Set(seen).size).toBe(9);
    expect(store.feed.list(0, 1000).records.length).toBeLessThan(18);
  });

  it('pages through the feed with a cursor', () => {
    store.cases.create({ secret: keys.digest('a'), items: [image('1'), image('2')] }, () => 'DSR-AAAA-AAAA');
    const first = store.feed.list(0, 5);
    expect(first.records).toHaveLength(5);
    const rest = store.feed.list(first.next, 5);
    expect(rest.records.map((r) => r.seq)).toEqual([6, 7, 8]);
    expect(store.feed.list(rest.next, 5)).toEqual({ records: [], next: rest.next });
  });
});
