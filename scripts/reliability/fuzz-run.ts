/**
 * The API fuzzer's run: fixtures, the store digest, N generated requests from a few concurrent
 * clients against the real server (watching that it stays up and how much memory it takes),
 * malformed media to /v1/match/file, then a clean stop and the digest again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkAnswer, compareDigests, newTally, storeDigest, type FuzzTally } from './fuzz-checks.js';
import { fuzzMatchFile, type MediaReport } from './fuzz-media.js';
import { generateCase } from './fuzz-requests.js';
import { discoverRoutes } from './fuzz-routes.js';
import { prepareAccounts, prepareCredentials, processMemory } from './fuzz-setup.js';
import { sendRaw } from './raw-http.js';
import { startServer } from './server-process.js';
import { random } from './synthetic-items.js';

export interface FuzzOptions {
  requests: number;
  seed: number;
  concurrency: number;
  /** Also send the malformed media files to /v1/match/file. */
  media: boolean;
  log?: (line: string) => void;
}

export interface FuzzReport {
  requests: number;
  routes: number;
  byStatus: Record<string, number>;
  byCategory: Record<string, number>;
  unanswered: number;
  maxMs: number;
  serverPeakRssMB: number;
  media: MediaReport[];
  violations: string[];
  seconds: number;
}

const DATABASE = 'disrupt.sqlite';

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const rand = random(options.seed);
  const dataDir = mkdtempSync(join(tmpdir(), 'disrupt-fuzz-'));
  const tally: FuzzTally = newTally();
  const byCategory = new Map<string, number>();
  try {
    const { fuzzKeys, mediaKey } = prepareAccounts(dataDir);
    const server = await startServer({ dataDir, env: { TRUST_PROXY: 'true' } });
    let crashed = false;
    void server.exited.then(() => (crashed = true));
    const port = Number(new URL(server.url).port);
    const credentials = await prepareCredentials(server.url, fuzzKeys, rand);
    const routes = await discoverRoutes(server.url);
    const before = storeDigest(join(dataDir, DATABASE));
    log(`${routes.length} routes; ${options.requests} requests`);

    let sent = 0;
    const client = async () => {
      while (sent < options.requests && !crashed) {
        sent++;
        const fuzz = generateCase(routes, credentials, rand);
        const category = fuzz.category.split(/[:+]/)[0]!;
        byCategory.set(category, (byCategory.get(category) ?? 0) + 1);
        checkAnswer(fuzz, await sendRaw(port, fuzz.request), tally);
        if (tally.requests % 1000 === 0) log(`${tally.requests} answered; ${tally.violations.length} violations; server ${Math.round(processMemory(server.pid).rss / 1e6)} MB`);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, client));
    const media = options.media && !crashed ? await fuzzMatchFile(server.url, mediaKey, server.pid) : [];
    for (const entry of media) tally.violations.push(...entry.violations);

    if (crashed) tally.violations.push(`the server exited during the run: ${await server.exited}\n${server.output().slice(-2000)}`);
    else if (!(await fetch(`${server.url}/healthz`)).ok) tally.violations.push('/healthz failed after the run');
    const peak = processMemory(server.pid).peak;
    const exitCode = await server.stop();
    if (!crashed && exitCode !== 0) tally.violations.push(`the server stopped with ${exitCode} on SIGTERM`);
    tally.violations.push(...compareDigests(before, storeDigest(join(dataDir, DATABASE))));
    return {
      requests: tally.requests,
      routes: routes.length,
      byStatus: Object.fromEntries([...tally.byStatus].sort((a, b) => a[0] - b[0])),
      byCategory: Object.fromEntries([...byCategory].sort((a, b) => b[1] - a[1])),
      unanswered: tally.unanswered,
      maxMs: tally.maxMs,
      serverPeakRssMB: Math.round(peak / 1e6),
      media,
      violations: tally.violations,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
