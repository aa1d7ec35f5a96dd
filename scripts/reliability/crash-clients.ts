/**
 * The crash test's traffic: concurrent victims creating cases (photos, some videos), adding items
 * and withdrawing items or whole cases, and a platform reading the change feed, until told to
 * stop. Each case belongs to one victim, who acts on it one request at a time (as in one browser
 * tab); concurrency comes from the many victims. Every answer read in full goes to the ledger.
 */
import type { ImageItem, VideoItem } from '@disrupt/hash-core';
import type { Ledger, LedgerCase } from './crash-ledger.js';
import { clientAddress, imageItem, pick, videoItem, type Random } from './synthetic-items.js';

export interface TrafficOptions {
  url: string;
  apiKey: string;
  rand: Random;
  /** Concurrent victims. */
  victims: number;
  ledger: Ledger;
  /** Server errors (5xx) seen: any is a bug. */
  serverErrors: string[];
}

export interface Traffic {
  /**
   * Stops issuing requests at once (call it just before the kill, so no client spins on a closed
   * port); resolves when every client has its last answer, or knows it will never come.
   */
  stop(): Promise<void>;
}

type Outcome<T> = { kind: 'ok'; status: number; body: T } | { kind: 'refused'; status: number } | { kind: 'unknown' };

/** A request whose answer is read in full, or an unknown outcome when the connection is cut. */
async function send<T>(options: TrafficOptions, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Outcome<T>> {
  try {
    const response = await fetch(options.url + path, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
    const text = await response.text();
    if (response.status >= 500) options.serverErrors.push(`${method} ${path} answered ${response.status}: ${text.slice(0, 200)}`);
    if (!response.ok) return { kind: 'refused', status: response.status };
    return { kind: 'ok', status: response.status, body: JSON.parse(text) as T };
  } catch {
    return { kind: 'unknown' };
  }
}

function someItems(rand: Random): (ImageItem | VideoItem)[] {
  const count = 1 + Math.floor(rand() * 3);
  return Array.from({ length: count }, () => (rand() < 0.1 ? videoItem(rand, 5 + Math.floor(rand() * 16)) : imageItem(rand)));
}

interface Stored {
  caseId: string;
  secret?: string;
  items: { itemId: number }[];
}

async function victim(options: TrafficOptions, stopped: () => boolean): Promise<void> {
  const { rand, ledger } = options;
  const mine: LedgerCase[] = [];
  const count = (outcome: Outcome<unknown>) => {
    if (outcome.kind === 'unknown') ledger.counts.unknownOutcomes++;
    else if (outcome.kind === 'refused') ledger.counts.rejected++;
  };
  while (!stopped()) {
    const open = mine.filter((c) => c.state === 'active');
    const roll = rand();
    if (open.length === 0 || roll < 0.45) {
      const address = clientAddress(rand);
      const items = someItems(rand);
      const outcome = await send<Stored>(options, 'POST', '/v1/cases', { 'x-forwarded-for': address }, { items });
      count(outcome);
      if (outcome.kind === 'ok') mine.push(ledger.addCase(outcome.body.caseId, outcome.body.secret!, address, outcome.body.items, items));
      continue;
    }
    const record = pick(rand, open);
    const headers = { 'x-forwarded-for': record.address, authorization: `Case ${record.secret}` };
    const present = [...record.items.values()].filter((i) => i.state === 'present');
    if (roll < 0.7 || present.length === 0) {
      const items = someItems(rand);
      const outcome = await send<Stored>(options, 'POST', `/v1/cases/${record.caseId}/items`, headers, { items });
      count(outcome);
      if (outcome.kind === 'ok') {
        ledger.counts.additions++;
        ledger.addItems(record, outcome.body.items, items);
      }
    } else if (roll < 0.92) {
      const target = pick(rand, present);
      const outcome = await send(options, 'DELETE', `/v1/cases/${record.caseId}/items/${target.itemId}`, headers);
      count(outcome);
      if (outcome.kind === 'ok') ledger.counts.itemWithdrawals++;
      if (outcome.kind !== 'refused') target.state = outcome.kind === 'ok' ? 'withdrawn' : 'unknown';
    } else {
      const outcome = await send(options, 'DELETE', `/v1/cases/${record.caseId}`, headers);
      count(outcome);
      if (outcome.kind === 'ok') {
        ledger.counts.caseWithdrawals++;
        record.state = 'withdrawn';
        for (const item of record.items.values()) if (item.state === 'present') item.state = 'withdrawn';
      } else if (outcome.kind === 'unknown') record.state = 'unknown';
    }
  }
}

interface FeedPage {
  records: { seq: number; op: string; itemId: number; signal: string }[];
  next: string;
}

/** A platform mirroring the feed; its cursor (kept in the ledger) survives restarts, as a real mirror's does. */
async function feedReader(options: TrafficOptions, stopped: () => boolean): Promise<void> {
  while (!stopped()) {
    const outcome = await send<FeedPage>(options, 'GET', `/v1/feed?after=${options.ledger.feedCursor}&limit=500`, { authorization: `Bearer ${options.apiKey}` });
    if (outcome.kind !== 'ok') {
      if (outcome.kind === 'unknown') return; // the server is gone
      continue;
    }
    for (const { seq, op, itemId, signal } of outcome.body.records) options.ledger.feedSeen.set(seq, { op, itemId, signal });
    options.ledger.feedCursor = outcome.body.next;
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function startTraffic(options: TrafficOptions): Traffic {
  let stopped = false;
  const isStopped = () => stopped;
  const clients = [...Array.from({ length: options.victims }, () => victim(options, isStopped)), feedReader(options, isStopped)];
  return {
    stop() {
      stopped = true;
      return Promise.all(clients).then(() => undefined);
    },
  };
}
