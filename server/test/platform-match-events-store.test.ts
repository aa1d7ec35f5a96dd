/**
 * The match-event repository the operators' screens are built on: filters, keyset pagination,
 * the dispute queue and reviews. Through the store interface (its HTTP side belongs to the
 * operator area); the platform side is covered through HTTP in platform-*.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { ServerKeys } from '../src/secrets/server-keys.js';
import { readableCaseId } from '../src/secrets/tokens.js';
import { InvalidCursorError, type MatchEvent, type MatchEventFilter, type MatchEventOrder } from '../src/store/match-events-repository.js';
import { openDatabase } from '../src/store/sqlite/database.js';
import { createSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';

let store: Store;
let clock: number;
let platforms: number[];
let items: number[];
let caseId: string;
let operatorId: number;

beforeEach(() => {
  clock = 1_000_000;
  const keys = ServerKeys.inMemory();
  store = createSqliteStore(openDatabase('/nonexistent-unused', ':memory:'), keys, () => clock);
  platforms = ['alpha', 'beta'].map((name) => store.platforms.create({ name, scopes: ['match', 'feedback'] }).platform.id);
  const created = store.cases.create(
    {
      secret: keys.digest('x'),
      items: [1, 2].map(() => ({ type: 'image' as const, quality: 90, reliable: true, signals: [{ signal: 'md5', value: randomBytes(16).toString('hex') }] })),
    },
    readableCaseId,
  );
  caseId = created.caseId;
  operatorId = store.operators.create({ username: 'reviewer-1', passwordHash: 'scrypt$unused', role: 'reviewer', ngoId: null })!.id;
  items = created.items.map((i) => i.itemId);
});

/** 20 events, one per second, alternating platforms and signals, distances 0..19. */
function seed(): number[] {
  const ids: number[] = [];
  for (let i = 0; i < 20; i++) {
    clock += 1000;
    const [id] = store.matchEvents.record([
      { platformId: platforms[i % 2]!, itemId: items[i % 2]!, signal: i % 3 === 0 ? 'md5' : 'pdq', distance: i, variant: null, ref: `ref-${i}` },
    ]);
    ids.push(id!);
  }
  return ids;
}

function everything(filter: MatchEventFilter, order: MatchEventOrder, limit: number): MatchEvent[] {
  const out: MatchEvent[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = store.matchEvents.list(filter, { cursor, limit, order });
    out.push(...page.events);
    if (page.next === null) return out;
    cursor = page.next;
  }
  throw new Error('pagination never ended');
}

describe('match events', () => {
  it('records one row per match with the case of the item, in one call', () => {
    const ids = store.matchEvents.record([
      { platformId: platforms[0]!, itemId: items[0]!, signal: 'pdq', distance: 4, variant: 1, ref: 'a' },
      { platformId: platforms[0]!, itemId: items[1]!, signal: 'md5', distance: 0, variant: null, ref: null },
    ]);
    expect(ids).toHaveLength(2);
    expect(store.matchEvents.get(ids[0]!)).toMatchObject({ platformName: 'alpha', caseId, itemId: items[0], variant: 1, ref: 'a', createdAt: clock });
  });

  it('pages newest first without gaps or repeats, whatever the page size', () => {
    const ids = seed();
    for (const limit of [1, 3, 7, 20, 50]) {
      expect(everything({}, 'newest', limit).map((e) => e.id)).toEqual([...ids].reverse());
    }
    expect(store.matchEvents.list({}, { limit: 5 }).next).not.toBeNull();
    expect(store.matchEvents.list({}, { limit: 20 }).next).toBeNull();
  });

  it('filters by time, platform, signal, distance, feedback and review', () => {
    const ids = seed();
    store.matchEvents.setFeedback(ids[4]!, platforms[0]!, 'blocked', null);
    store.matchEvents.setFeedback(ids[6]!, platforms[0]!, 'not_ncii', 'not our content');
    store.matchEvents.review(ids[6]!, operatorId, 'false_positive', 'a landscape');
    const ids$ = (filter: MatchEventFilter) => everything(filter, 'newest', 4).map((e) => e.id).sort((a, b) => a - b);
    expect(ids$({ platformId: platforms[1] })).toEqual(ids.filter((_, i) => i % 2 === 1));
    expect(ids$({ signal: 'md5' })).toEqual(ids.filter((_, i) => i % 3 === 0));
    expect(ids$({ minDistance: 5, maxDistance: 7 })).toEqual(ids.slice(5, 8));
    expect(ids$({ from: 1_000_000 + 3000, to: 1_000_000 + 6000 })).toEqual(ids.slice(2, 5));
    expect(ids$({ feedback: 'blocked' })).toEqual([ids[4]]);
    expect(ids$({ feedback: 'none' })).toHaveLength(18);
    expect(ids$({ review: 'false_positive' })).toEqual([ids[6]]);
    expect(ids$({ review: 'none', feedback: 'not_ncii' })).toEqual([]);
    expect(ids$({ caseId })).toHaveLength(20);
    expect(store.matchEvents.count({ platformId: platforms[0], signal: 'pdq' })).toBe(ids$({ platformId: platforms[0], signal: 'pdq' }).length);
  });

  it('puts disputes (not_ncii) first in the review queue, and pages through it', () => {
    const ids = seed();
    for (const i of [2, 9, 15]) store.matchEvents.setFeedback(ids[i]!, platforms[i % 2]!, 'not_ncii', null);
    const queue = everything({}, 'disputes-first', 2).map((e) => e.id);
    expect(queue.slice(0, 3)).toEqual([ids[15], ids[9], ids[2]]);
    expect(queue).toHaveLength(20);
    expect(new Set(queue).size).toBe(20);
  });

  it('keeps the latest feedback, only for the receiving platform, and records reviews', () => {
    const [id] = seed();
    expect(store.matchEvents.setFeedback(id!, platforms[1]!, 'blocked', null)).toBeUndefined();
    store.matchEvents.setFeedback(id!, platforms[0]!, 'pending', 'looking');
    clock += 5;
    const latest = store.matchEvents.setFeedback(id!, platforms[0]!, 'blocked', null)!;
    expect(latest).toMatchObject({ feedback: 'blocked', feedbackNote: null, feedbackAt: clock });
    const reviewed = store.matchEvents.review(id!, operatorId, 'confirmed', 'checked')!;
    expect(reviewed).toMatchObject({ review: 'confirmed', reviewNote: 'checked', reviewedBy: operatorId, reviewedAt: clock });
    expect(store.matchEvents.review(999, operatorId, 'confirmed', null)).toBeUndefined();
  });

  it('rejects a cursor it did not make, or one from the other order', () => {
    seed();
    const next = store.matchEvents.list({}, { limit: 2 }).next!;
    expect(() => store.matchEvents.list({}, { cursor: next, order: 'disputes-first' })).toThrow(InvalidCursorError);
    for (const cursor of ['', 'n.', 'n.-1', 'x.5', "n.1' OR 1=1"]) expect(() => store.matchEvents.list({}, { cursor })).toThrow(InvalidCursorError);
  });
});
