/**
 * Bad input, generated: malformed requests to every route of the real server (from its
 * /openapi.json, plus pages, docs, health and metrics), with and without valid credentials, then
 * malformed media to `disrupt hash` and to /v1/match/file (scripts/reliability/fuzz-*.ts).
 *
 *   pnpm fuzz-api [--requests 10000] [--seed 1] [--concurrency 6] [--media 1]
 *
 * Asserts: no answer ≥ 500, the server never exits, every 4xx with a body is problem+json, no
 * malformed state-changing request succeeds, the store is unchanged; media: clear errors within
 * bounded time and memory. Prints the tallies and one JSON line; exits 1 on any violation.
 */
import { numericOptions } from './reliability/args.js';
import { fuzzCli } from './reliability/fuzz-media.js';
import { runFuzz } from './reliability/fuzz-run.js';

const USAGE = 'usage: pnpm fuzz-api [--requests 10000] [--seed 1] [--concurrency 6] [--media 1]';
const args = numericOptions(process.argv.slice(2), { requests: 10_000, seed: 1, concurrency: 6, media: 1 }, USAGE);

const report = await runFuzz({ requests: args.requests, seed: args.seed, concurrency: args.concurrency, media: args.media === 1, log: (line) => console.log(line) });
const cli = args.media === 1 ? await fuzzCli({ long: true }) : [];
const violations = [...report.violations, ...cli.flatMap((entry) => entry.violations)];
console.log(`
requests:            ${report.requests} over ${report.routes} routes (${report.seconds} s)
by status:           ${JSON.stringify(report.byStatus)}
by category:         ${JSON.stringify(report.byCategory)}
unanswered:          ${report.unanswered} (framing abuse and truncated bodies may be closed without an answer)
slowest answer:      ${report.maxMs} ms
server peak RSS:     ${report.serverPeakRssMB} MB`);
for (const entry of [...report.media, ...cli]) console.log(`${entry.target.padEnd(14)} ${entry.file.padEnd(24)} → ${entry.outcome.padEnd(10)} ${String(entry.ms).padStart(6)} ms ${String(entry.rssMB).padStart(6)} MB  ${entry.message.slice(0, 110)}`);
console.log(`violations:          ${violations.length}`);
for (const violation of violations.slice(0, 60)) console.log(`VIOLATION ${violation}`);
console.log(JSON.stringify({ ...report, media: report.media.length + cli.length, violations: violations.length }));
process.exit(violations.length === 0 ? 0 : 1);
