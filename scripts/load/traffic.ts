/**
 * The mixed traffic of a load test, one autocannon run per kind of request, all at once:
 * - platforms matching uploads one at a time, as fast as the server answers (1 in 50 is a
 *   near-duplicate of a stored hash, so it matches and records a match event: most uploads match
 *   nothing), and in batches of 100 (2 near-duplicates each), spread over many platforms, each
 *   with its own key and quota;
 * - victims creating cases (1 to 3 photos of fresh fingerprints), paced, each from its own address
 *   (X-Forwarded-For through the trusted loopback proxy), with an Idempotency-Key as the page sends;
 * - platforms mirroring the change feed from anywhere in it (pages of 1,000 records), paced;
 * - a reviewer reading the console (match log, disputes, dashboard, item pages, own account), paced.
 */
import type { AutocannonOptions, AutocannonRequest } from '../lib/autocannon.js';
import { nearDuplicate, randomHex } from '../lib/pdq-bank.js';
import { prng } from '../lib/prng.js';
import { imageItem, random } from '../reliability/synthetic-items.js';
import type { LoadOptions } from './options.js';
import type { LoadTarget } from './target.js';

export interface TrafficKind {
  name: string;
  /** What a request of this kind is, for the report. */
  what: string;
  /** autocannon settings but the URL and the duration. */
  run: Omit<AutocannonOptions, 'url' | 'duration'>;
}

const BATCH_SIZE = 100;
/** Share of single queries that find a stored hash (and of each batch's items). */
const MATCHING_ONE_IN = 50;
const FEED_PAGE = 1000;
/** Victim addresses are cycled through this many: one address sends one case every pool/rate seconds. */
const VICTIM_ADDRESSES = 65_536;

const json = { 'content-type': 'application/json' };

/** `count` match bodies of `size` PDQ hashes; `matches(body, item)` says which are near-duplicates of stored ones. */
function matchBodies(count: number, size: number, matches: (body: number, item: number) => boolean, target: LoadTarget, rnd: () => number): string[] {
  return Array.from({ length: count }, (_, b) => {
    const items = Array.from({ length: size }, (_, i) => {
      const hit = target.samples.length > 0 && matches(b, i);
      const pdq = hit ? nearDuplicate(target.samples[rnd() % target.samples.length]!, 8, rnd) : randomHex(rnd, 8);
      return { type: 'image', pdq, quality: 90, ...(hit ? { ref: `load-${b}-${i}` } : {}) };
    });
    return JSON.stringify({ items });
  });
}

/** POSTs of these bodies, the keys taken in turn so every platform sends its share. */
function spreadOverKeys(path: string, bodies: readonly string[], keys: readonly string[]): AutocannonRequest[] {
  return Array.from({ length: Math.max(bodies.length, keys.length) }, (_, i) => ({
    method: 'POST' as const,
    path,
    headers: { ...json, authorization: `Bearer ${keys[i % keys.length]!}` },
    body: bodies[i % bodies.length]!,
  }));
}

function victimAddress(n: number): string {
  const k = n % VICTIM_ADDRESSES;
  return `10.77.${k >> 8}.${k & 255}`;
}

export function trafficMix(target: LoadTarget, options: LoadOptions): TrafficKind[] {
  const rnd = prng(options.seed + 1000);
  const rand = random(options.seed + 2000);
  let submissions = 0;
  let feedReads = 0;
  let consoleReads = 0;
  const consoleHeaders = { cookie: target.session.cookie, 'x-csrf-token': target.session.csrfToken };
  const { first, last } = target.itemIds;
  const consolePages = [
    () => '/v1/admin/matches?limit=50',
    () => '/v1/admin/matches/disputes',
    () => '/v1/admin/stats',
    () => `/v1/admin/items/${first + (rnd() % (last - first + 1))}`,
    () => '/v1/admin/me',
  ];

  const kinds: (TrafficKind & { rate?: number })[] = [
    {
      name: 'match 1',
      what: `POST /v1/match, 1 PDQ hash (1 in ${MATCHING_ONE_IN} matching)`,
      run: { connections: options.connections, requests: spreadOverKeys('/v1/match', matchBodies(500, 1, (body) => body % MATCHING_ONE_IN === 0, target, rnd), target.matchKeys) },
    },
    {
      name: `match ${BATCH_SIZE}`,
      what: `POST /v1/match, ${BATCH_SIZE} PDQ hashes (${BATCH_SIZE / MATCHING_ONE_IN} matching)`,
      run: { connections: Math.max(1, Math.ceil(options.connections / 4)), requests: spreadOverKeys('/v1/match', matchBodies(40, BATCH_SIZE, (_, item) => item < BATCH_SIZE / MATCHING_ONE_IN, target, rnd), target.matchKeys) },
    },
    {
      name: 'submit case',
      rate: options.submitRate,
      what: 'POST /v1/cases, 1-3 new photos, one victim address each',
      run: {
        connections: 2,
        overallRate: options.submitRate,
        requests: [
          {
            method: 'POST',
            path: '/v1/cases',
            setupRequest: (request) => {
              const n = submissions++;
              const items = Array.from({ length: 1 + (n % 3) }, () => imageItem(rand));
              const headers = { ...json, 'x-forwarded-for': victimAddress(n), 'idempotency-key': `load-${options.seed}-${n}-${randomHex(rnd, 2)}` };
              return { ...request, headers, body: JSON.stringify({ items }) };
            },
          },
        ],
      },
    },
    {
      name: 'feed page',
      rate: options.feedRate,
      what: `GET /v1/feed, ${FEED_PAGE} records from a random cursor`,
      run: {
        connections: 2,
        overallRate: options.feedRate,
        requests: [
          {
            method: 'GET',
            setupRequest: (request) => ({
              ...request,
              path: `/v1/feed?after=${rnd() % (target.feedEnd + 1)}&limit=${FEED_PAGE}`,
              headers: { authorization: `Bearer ${target.feedKeys[feedReads++ % target.feedKeys.length]!}` },
            }),
          },
        ],
      },
    },
    {
      name: 'console read',
      rate: options.consoleRate,
      what: 'GET match log, disputes, dashboard, an item, own account (session cookie)',
      run: {
        connections: 2,
        overallRate: options.consoleRate,
        requests: [
          {
            method: 'GET',
            setupRequest: (request) => ({ ...request, path: consolePages[consoleReads++ % consolePages.length]!(), headers: consoleHeaders }),
          },
        ],
      },
    },
  ];
  // A paced kind at rate 0 is left out (to see what the others cost alone).
  return kinds.filter((kind) => kind.rate !== 0).map(({ rate: _rate, ...kind }) => kind);
}
