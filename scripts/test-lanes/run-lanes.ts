/**
 * The whole suite in two lanes at once, each running one file at a time: the "browser" lane
 * (lane-files.ts) and the "node" lane (every other file). Run by scripts/test with tsx, so that
 * the lanes' names and files come from lane-files.ts, as vitest.config.ts's do. Vitest alone runs
 * one file at a time on 2 cores (cores - 1), leaving a core idle while a file waits on its
 * browser, server or ffmpeg; two at a time put two browser files side by side. The lanes are vitest projects, each run by
 * its own vitest process; the caller has built the packages (DISRUPT_TEST_NO_BUILD=1 here).
 *
 * Arguments go to both runs (a path or name filter selects within each lane). A JSON report asked
 * for with --outputFile.json=F is written per lane and merged into F. Each output line is
 * written whole, after its lane's name. Exits non-zero when either lane fails.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { LANES, type Lane } from './lane-files.js';

const args = process.argv.slice(2);
const jsonArg = args.find((arg) => arg.startsWith('--outputFile.json='));
const jsonPath = jsonArg?.slice('--outputFile.json='.length);
const laneJson = (lane: Lane) => `${jsonPath}.${lane}`;

function runLane(lane: Lane): Promise<number> {
  const laneArgs = args.map((arg) => (arg === jsonArg ? `--outputFile.json=${laneJson(lane)}` : arg));
  const child = spawn('pnpm', ['exec', 'vitest', 'run', '--project', lane, '--passWithNoTests', ...laneArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DISRUPT_TEST_NO_BUILD: '1' },
  });
  const label = `[${lane}]`.padEnd(10);
  const pipes: [NodeJS.ReadableStream, NodeJS.WritableStream][] = [[child.stdout, process.stdout], [child.stderr, process.stderr]];
  for (const [source, sink] of pipes) {
    let pending = '';
    source.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop()!;
      if (lines.length > 0) sink.write(lines.map((line) => `${label}${line}\n`).join(''));
    });
    source.on('end', () => pending && sink.write(`${label}${pending}\n`));
  }
  return new Promise((done) => child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0))));
}

/** One report of both lanes' reports: counts added, files listed together. */
function mergeReports() {
  const merged: Record<string, unknown> & { numFailedTestSuites: number; testResults: unknown[]; success: boolean; startTime: number } = {
    numPassedTests: 0,
    numFailedTests: 0,
    numFailedTestSuites: 0,
    testResults: [],
    success: true,
    startTime: Date.now(),
  };
  for (const lane of LANES) {
    if (!existsSync(laneJson(lane))) {
      // A lane that wrote no report did not run: a failed file of its own, so that counts show it.
      merged.success = false;
      merged.numFailedTestSuites += 1;
      merged.testResults.push({ name: `the ${lane} lane (no report: vitest did not run)`, status: 'failed', assertionResults: [], startTime: 0, endTime: 0, message: '' });
      continue;
    }
    const report = JSON.parse(readFileSync(laneJson(lane), 'utf8')) as { startTime: number; testResults: unknown[]; success: boolean } & Record<string, unknown>;
    rmSync(laneJson(lane));
    for (const [key, value] of Object.entries(report)) if (typeof value === 'number' && key !== 'startTime') merged[key] = ((merged[key] as number | undefined) ?? 0) + value;
    merged.startTime = Math.min(merged.startTime, report.startTime);
    merged.testResults.push(...report.testResults);
    merged.success &&= report.success;
  }
  writeFileSync(jsonPath!, JSON.stringify(merged));
}

const codes = await Promise.all(LANES.map(runLane));
if (jsonPath) mergeReports();
process.exit(codes.some((code) => code !== 0) ? 1 : 0);
