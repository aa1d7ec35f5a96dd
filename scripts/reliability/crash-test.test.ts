/**
 * `pnpm crash-test`, short: 5 kill -9 cycles of the real server under concurrent victims, then
 * every acknowledged submission present and matchable, every acknowledged withdrawal gone, the
 * feed without a gap, the database intact, WAL with synchronous=FULL.
 */
import { expect, it } from 'vitest';
import { runCrashTest } from './crash-run.js';

it('loses nothing acknowledged over 5 kill -9 cycles', async () => {
  const report = await runCrashTest({ cycles: 5, seed: 7, victims: 6, maxRunMs: 1200 });
  expect(report.violations).toEqual([]);
  expect(report.cycles).toBe(5);
  // The run did something worth checking: cases, videos, withdrawals of both kinds.
  expect(report.counts.submissions).toBeGreaterThan(20);
  expect(report.counts.videosAcknowledged).toBeGreaterThan(0);
  expect(report.counts.itemWithdrawals + report.counts.caseWithdrawals).toBeGreaterThan(0);
  expect(report.found).toBeGreaterThan(0);
  expect(report.withdrawnGone).toBeGreaterThan(0);
  expect(report.found + report.withdrawnGone).toBeGreaterThanOrEqual(report.counts.itemsAcknowledged);
  expect(report.feedRecords).toBeGreaterThan(0);
}, 90_000);
