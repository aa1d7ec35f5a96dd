/**
 * The crash test's cycles: start the real server on the same DATA_DIR, check its durability
 * settings, let concurrent victims and a feed reader work on it, `kill -9` it at a random moment,
 * check the database file; after the last cycle, start it once more and check everything that was
 * acknowledged (crash-checks.ts), then stop it cleanly and check the file again.
 *
 * The server runs with TRUST_PROXY=true, as behind its reverse proxy: each simulated victim has
 * its own address (X-Forwarded-For), so the per-client limits of the victim endpoints see many
 * victims, not one loopback client. Nothing about durability is changed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTraffic } from './crash-clients.js';
import { checkDatabaseFile, checkDurability, checkThroughServer } from './crash-checks.js';
import { Ledger } from './crash-ledger.js';
import { addPlatform, startServer } from './server-process.js';
import { random } from './synthetic-items.js';

export interface CrashOptions {
  cycles: number;
  seed: number;
  /** Concurrent victims. */
  victims: number;
  /** The kill comes at a random moment from 0 to this many ms after the server answers. */
  maxRunMs: number;
  log?: (line: string) => void;
}

export interface CrashReport {
  cycles: number;
  counts: Ledger['counts'];
  found: number;
  withdrawnGone: number;
  feedRecords: number;
  feedRecordsReadDuringRun: number;
  violations: string[];
  seconds: number;
}

const SERVER_ENV = { TRUST_PROXY: 'true' };
const DATABASE = 'disrupt.sqlite';

export async function runCrashTest(options: CrashOptions): Promise<CrashReport> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const rand = random(options.seed);
  const dataDir = mkdtempSync(join(tmpdir(), 'disrupt-crash-'));
  const ledger = new Ledger();
  const violations: string[] = [];
  const serverErrors: string[] = [];
  try {
    const apiKey = addPlatform(dataDir, 'crash-test', 'match,feed');
    for (let cycle = 1; cycle <= options.cycles; cycle++) {
      const server = await startServer({ dataDir, env: SERVER_ENV });
      await checkDurability(server.url, violations);
      let killing = false;
      let crashedByItself = false;
      void server.exited.then(() => (crashedByItself = !killing));
      const traffic = startTraffic({ url: server.url, apiKey, rand, victims: options.victims, ledger, serverErrors });
      const runMs = Math.floor(rand() * options.maxRunMs);
      await new Promise((r) => setTimeout(r, runMs));
      killing = true;
      const stopped = traffic.stop();
      await server.kill9();
      await stopped;
      if (crashedByItself) violations.push(`cycle ${cycle}: the server exited before it was killed\n${server.output()}`);
      for (const problem of checkDatabaseFile(join(dataDir, DATABASE))) violations.push(`after kill ${cycle}: ${problem}`);
      log(`cycle ${cycle}: killed after ${runMs} ms; ${ledger.counts.submissions} cases, ${ledger.counts.itemsAcknowledged} items acknowledged so far`);
    }
    const server = await startServer({ dataDir, env: SERVER_ENV });
    const findings = await checkThroughServer(server.url, apiKey, ledger);
    violations.push(...findings.violations, ...serverErrors);
    const exitCode = await server.stop();
    if (exitCode !== 0) violations.push(`the server stopped with ${exitCode} on SIGTERM`);
    for (const problem of checkDatabaseFile(join(dataDir, DATABASE))) violations.push(`after the clean stop: ${problem}`);
    return {
      cycles: options.cycles,
      counts: ledger.counts,
      found: findings.found,
      withdrawnGone: findings.withdrawnGone,
      feedRecords: findings.feedRecords,
      feedRecordsReadDuringRun: ledger.feedSeen.size,
      violations,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
