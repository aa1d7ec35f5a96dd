/**
 * A fresh bank behind a real server (temporary DATA_DIR, free loopback port): originals go in
 * through POST /v1/cases as the victims' page sends them, queries through POST /v1/match with a
 * platform's API key (scope match, default thresholds), in batches as the platform API takes them.
 */
import type { ImageItem } from '@disrupt/hash-core';
import { MAX_ITEMS_PER_REQUEST } from '../../server/src/routes/cases/schemas.js';
import { MAX_MATCH_BATCH } from '../../server/src/routes/platform-api/schemas.js';
import { startTestServer, type TestServer } from '../../server/test/helpers.js';

export interface BankMatch {
  itemId: number;
  signal: string;
  distance: number;
  variant?: string;
  query?: string;
}

export interface Bank {
  /** Stores the items in cases (up to 500 per case, the page's per-request limit); returns their item ids in order. */
  submit(items: readonly ImageItem[]): Promise<number[]>;
  /** The matches of every query item, in order. */
  match(items: readonly ImageItem[]): Promise<BankMatch[][]>;
  close(): Promise<void>;
}

async function json<T>(response: Response, what: string): Promise<T> {
  if (!response.ok) throw new Error(`${what} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

export async function startBank(): Promise<Bank> {
  const server: TestServer = await startTestServer();
  const { apiKey } = server.app.store.platforms.create({ name: 'eval-images', scopes: ['match'], thresholds: {} });
  const auth = { authorization: `Bearer ${apiKey}` };
  return {
    async submit(items) {
      const ids: number[] = [];
      for (let i = 0; i < items.length; i += MAX_ITEMS_PER_REQUEST) {
        const body = await json<{ items: { itemId: number }[] }>(
          await server.request('/v1/cases', { method: 'POST', json: { items: items.slice(i, i + MAX_ITEMS_PER_REQUEST) } }),
          'POST /v1/cases',
        );
        ids.push(...body.items.map((s) => s.itemId));
      }
      return ids;
    },
    async match(items) {
      const out: BankMatch[][] = [];
      for (let i = 0; i < items.length; i += MAX_MATCH_BATCH) {
        const body = await json<{ results: { matches: BankMatch[] }[] }>(
          await server.request('/v1/match', { method: 'POST', headers: auth, json: { items: items.slice(i, i + MAX_MATCH_BATCH) } }),
          'POST /v1/match',
        );
        out.push(...body.results.map((r) => r.matches));
      }
      return out;
    },
    close: () => server.close(),
  };
}
