/**
 * The system under load, set up the way it runs in production: a bank of N stored PDQ hashes
 * written through the store, partner platforms with their own API keys, a reviewer made with
 * `disrupt operator add` and signed in through POST /v1/admin/login, then the real server
 * (`node server/dist/cli/main.js serve`) on a free loopback port. TRUST_PROXY names loopback only:
 * the load generator plays the reverse proxy, and each simulated victim has its own address in
 * X-Forwarded-For — the way per-client limits see real victims behind a proxy.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedPdqBank } from '../lib/pdq-bank.js';
import { CLI, runCli, startServer, type ServerProcess } from '../reliability/server-process.js';
import type { LoadOptions } from './options.js';

/** Platforms that mirror the feed: a few, as in real life; the match traffic is spread over the others. */
const FEED_PLATFORMS = 5;
const OPERATOR = { username: 'load-reviewer', password: 'a long enough password for the load test' };

export interface OperatorSession {
  /** The Cookie header value. */
  cookie: string;
  /** Sent as X-CSRF-Token (needed on state-changing requests; sent on all, as the console does). */
  csrfToken: string;
}

export interface LoadTarget {
  server: ServerProcess;
  dataDir: string;
  matchKeys: string[];
  feedKeys: string[];
  session: OperatorSession;
  /** Stored hashes, for queries that must match. */
  samples: string[];
  itemIds: { first: number; last: number };
  /** The feed's last sequence number once the bank was written (feed reads start below it). */
  feedEnd: number;
  setup: { fillSeconds: number; startSeconds: number };
  /** Match events in the log, as the console counts them. */
  matchEvents(): Promise<number>;
  close(): Promise<void>;
}

async function signIn(url: string): Promise<OperatorSession> {
  const response = await fetch(`${url}/v1/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(OPERATOR),
  });
  if (!response.ok) throw new Error(`signing in answered ${response.status}: ${await response.text()}`);
  const { csrfToken } = (await response.json()) as { csrfToken?: string };
  const setCookie = response.headers.getSetCookie().find((c) => /disrupt_session=/.test(c));
  if (!csrfToken || !setCookie) throw new Error('signing in gave no session cookie or CSRF token');
  return { cookie: setCookie.split(';')[0]!, csrfToken };
}

export async function startLoadTarget(options: LoadOptions): Promise<LoadTarget> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build the server first (pnpm build)`);
  const dataDir = mkdtempSync(join(tmpdir(), 'disrupt-load-'));
  try {
    const bank = await seedPdqBank(dataDir, options, (store) => {
      const key = (name: string, scopes: ('match' | 'feed')[]) => store.platforms.create({ name, scopes }).apiKey;
      return {
        feedEnd: store.feed.latestSeq(),
        matchKeys: Array.from({ length: options.platforms }, (_, i) => key(`load-match-${i + 1}`, ['match'])),
        feedKeys: Array.from({ length: FEED_PLATFORMS }, (_, i) => key(`load-feed-${i + 1}`, ['feed'])),
      };
    });
    const added = runCli(['operator', 'add', '--username', OPERATOR.username, '--role', 'reviewer'], dataDir, `${OPERATOR.password}\n`);
    if (added.status !== 0) throw new Error(`disrupt operator add failed: ${added.stderr}`);

    const startBegin = performance.now();
    const server = await startServer({ dataDir, env: { TRUST_PROXY: '127.0.0.1' }, startTimeoutMs: 300_000 });
    const startSeconds = (performance.now() - startBegin) / 1000;
    try {
      const session = await signIn(server.url);
      return {
        server,
        dataDir,
        ...bank.prepared,
        session,
        samples: bank.samples,
        itemIds: bank.itemIds,
        setup: { fillSeconds: bank.fillMs / 1000, startSeconds },
        async matchEvents() {
          const response = await fetch(`${server.url}/v1/admin/matches?limit=1`, { headers: { cookie: session.cookie } });
          if (!response.ok) throw new Error(`the match log answered ${response.status}`);
          return ((await response.json()) as { total: number }).total;
        },
        async close() {
          await server.stop();
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      await server.stop();
      throw error;
    }
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
