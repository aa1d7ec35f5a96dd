/**
 * Crash durability: `kill -9` the real server at random moments while victims submit, add and
 * withdraw, then check that everything acknowledged survived (scripts/reliability/crash-run.ts).
 *
 *   pnpm crash-test [--cycles 20] [--seed 1] [--victims 8] [--max-run-ms 1500]
 *
 * Prints the counts and one JSON line; exits 1 on any violation.
 */
import { numericOptions } from './reliability/args.js';
import { runCrashTest } from './reliability/crash-run.js';

const USAGE = 'usage: pnpm crash-test [--cycles 20] [--seed 1] [--victims 8] [--max-run-ms 1500]';
const args = numericOptions(process.argv.slice(2), { cycles: 20, seed: 1, victims: 8, 'max-run-ms': 1500 }, USAGE);
if (args.cycles < 1) throw new Error('--cycles must be at least 1');

const report = await runCrashTest({ cycles: args.cycles, seed: args.seed, victims: args.victims, maxRunMs: args['max-run-ms'], log: (line) => console.log(line) });
const { counts } = report;
console.log(`
cycles (kill -9):                 ${report.cycles}
cases acknowledged (201):         ${counts.submissions}
items acknowledged:               ${counts.itemsAcknowledged} (${counts.videosAcknowledged} videos; ${counts.additions} additions)
withdrawals acknowledged:         ${counts.itemWithdrawals} items, ${counts.caseWithdrawals} whole cases
requests cut by a kill:           ${counts.unknownOutcomes} (outcome left open; view and matcher must agree)
requests refused (4xx):           ${counts.rejected}
items found active and matchable: ${report.found}
items withdrawn and unmatchable:  ${report.withdrawnGone}
feed records (1…n, no gap):       ${report.feedRecords} (${report.feedRecordsReadDuringRun} read during the run, all unchanged)
violations:                       ${report.violations.length}
time:                             ${report.seconds} s`);
for (const violation of report.violations.slice(0, 50)) console.log(`VIOLATION ${violation}`);
console.log(JSON.stringify({ ...report, violations: report.violations.length }));
process.exit(report.violations.length === 0 ? 0 : 1);
