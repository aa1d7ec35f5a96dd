/**
 * A fresh bank behind a real server (temporary DATA_DIR, free loopback port): originals go in
 * through POST /v1/cases as the victims' page sends them, queries through POST /v1/match with a
 * platform's API key (scope match, default thresholds), in batches as the platform API takes them
 * (by count, and for videos by body size).
 */
import type { ImageItem, VideoItem } from '@disrupt/hash-core';
import { MAX_ITEMS_PER_REQUEST, VICTIM_VIDEO_BODY_LIMIT } from '../../server/src/routes/cases/schemas.js';
import { MATCH_VIDEO_BODY_LIMIT } from '../../server/src/routes/platform-api/match.js';
import { MAX_MATCH_BATCH } from '../../server/src/routes/platform-api/schemas.js';
import { startTestServer, type TestServer } from '../../server/test/helpers.js';

export interface BankMatch {
  itemId: number;
  signal: string;
  distance: number;
  variant?: string;
  query?: string;
  /** A query video against a stored one: the rule that held, the matched seconds, both time ranges. */
  video?: { rule: 'set' | 'segment'; queryShare: number; storedShare: number; matchedSeconds: number; queryRange: [number, number]; storedRange: [number, number]; frames: number };
  /** A query picture matched a frame of a stored video: the frame's time, seconds. */
  storedTime?: number;
}

type BankItem = ImageItem | VideoItem;

export interface Bank {
  /** Stores the items in cases (up to 500 per case, the page's per-request limit); returns their item ids in order. */
  submit(items: readonly BankItem[]): Promise<number[]>;
  /** The matches of every query item, in order. */
  match(items: readonly BankItem[]): Promise<BankMatch[][]>;
  close(): Promise<void>;
}

async function json<T>(response: Response, what: string): Promise<T> {
  if (!response.ok) throw new Error(`${what} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** Consecutive slices of at most `count` items whose JSON stays well under `bytes` (a video's frames weigh). */
function batches<T>(items: readonly T[], count: number, bytes: number): T[][] {
  const out: T[][] = [];
  let batch: T[] = [];
  let size = 0;
  for (const item of items) {
    const weight = JSON.stringify(item).length + 1;
    if (batch.length > 0 && (batch.length === count || size + weight > bytes * 0.9)) {
      out.push(batch);
      batch = [];
      size = 0;
    }
    batch.push(item);
    size += weight;
  }
  if (batch.length > 0) out.push(batch);
  return out;
}

export async function startBank(): Promise<Bank> {
  const server: TestServer = await startTestServer();
  const { apiKey } = server.app.store.platforms.create({ name: 'eval-images', scopes: ['match'], thresholds: {} });
  const auth = { authorization: `Bearer ${apiKey}` };
  return {
    async submit(items) {
      const ids: number[] = [];
      for (const batch of batches(items, MAX_ITEMS_PER_REQUEST, VICTIM_VIDEO_BODY_LIMIT)) {
        const body = await json<{ items: { itemId: number }[] }>(
          await server.request('/v1/cases', { method: 'POST', json: { items: batch } }),
          'POST /v1/cases',
        );
        ids.push(...body.items.map((s) => s.itemId));
      }
      return ids;
    },
    async match(items) {
      const out: BankMatch[][] = [];
      for (const batch of batches(items, MAX_MATCH_BATCH, MATCH_VIDEO_BODY_LIMIT)) {
        const body = await json<{ results: { matches: BankMatch[] }[] }>(
          await server.request('/v1/match', { method: 'POST', headers: auth, json: { items: batch } }),
          'POST /v1/match',
        );
        out.push(...body.results.map((r) => r.matches));
      }
      return out;
    },
    close: () => server.close(),
  };
}
