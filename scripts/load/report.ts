/**
 * What a load test found, per kind of request and for the server's memory, with the verdict: any
 * answer other than 2xx and 429 (a 4xx or 5xx, a connection error, a timeout) fails the run, as
 * does memory that keeps growing under steady traffic. 429 is the service protecting itself.
 */
import type { AutocannonResult } from '../lib/autocannon.js';
import type { MemoryReport } from './memory.js';
import type { LoadOptions } from './options.js';

export interface KindReport {
  name: string;
  what: string;
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  ok: number;
  /** 429: over a rate limit. */
  limited: number;
  /** Everything else: other status codes, connection errors, timeouts. */
  errors: number;
  /** Those errors by status code (`connection` for errors and timeouts without one). */
  errorCodes: Record<string, number>;
}

export interface LoadReport {
  /** The settings of the run, to repeat it. */
  options: LoadOptions;
  hashes: number;
  durationSeconds: number;
  setup: { fillSeconds: number; startSeconds: number };
  kinds: KindReport[];
  /** Match events recorded during the run (the matching queries found their stored hash). */
  matchEvents: number;
  memory: MemoryReport;
  /** Why the run failed (empty when it passed). */
  failures: string[];
}

export function kindReport(name: string, what: string, result: AutocannonResult): KindReport {
  const codes = Object.entries(result.statusCodeStats ?? {}).map(([code, { count = 0 }]) => [code, count] as const);
  const errorCodes: Record<string, number> = Object.fromEntries(codes.filter(([code]) => !/^2\d\d$/.test(code) && code !== '429'));
  if (result.errors > 0) errorCodes.connection = result.errors;
  const errors = Object.values(errorCodes).reduce((sum, n) => sum + n, 0);
  const ok = codes.filter(([code]) => /^2\d\d$/.test(code)).reduce((sum, [, n]) => sum + n, 0);
  const limited = codes.find(([code]) => code === '429')?.[1] ?? 0;
  const requests = ok + limited + errors;
  return {
    name,
    what,
    requests,
    perSecond: requests / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    ok,
    limited,
    errors,
    errorCodes,
  };
}

export function verdict(kinds: readonly KindReport[], memory: MemoryReport): string[] {
  const failures = kinds
    .filter((kind) => kind.errors > 0)
    .map((kind) => `${kind.name}: ${kind.errors} error(s) other than 429 (${Object.entries(kind.errorCodes).map(([code, n]) => `${code}: ${n}`).join(', ')})`);
  if (kinds.some((kind) => kind.ok === 0)) failures.push(`no successful answer for ${kinds.filter((k) => k.ok === 0).map((k) => k.name).join(', ')}`);
  if (memory.growing) {
    failures.push(`server memory grew ${memory.secondHalfSlopeMbPerMin.toFixed(1)} MB/min over the second half (bound ${memory.maxSlopeMbPerMin} MB/min)`);
  }
  return failures;
}

const pad = (text: string | number, width: number) => String(text).padStart(width);

export function formatReport(report: LoadReport): string {
  const { memory } = report;
  const lines = [
    `${report.hashes.toLocaleString('en')} stored hashes (written in ${report.setup.fillSeconds.toFixed(1)} s, server up in ${report.setup.startSeconds.toFixed(1)} s), ${report.durationSeconds} s of mixed traffic`,
    `${report.options.connections} connections of single matches (a quarter as many of batches) over ${report.options.platforms} platforms; ` +
      `paced at ${report.options.submitRate} submissions, ${report.options.feedRate} feed pages and ${report.options.consoleRate} console reads per second`,
    '',
    `${'kind'.padEnd(14)}${pad('requests', 10)}${pad('req/s', 9)}${pad('p50 ms', 8)}${pad('p99 ms', 8)}${pad('max ms', 8)}${pad('2xx', 9)}${pad('429', 7)}${pad('errors', 8)}  what`,
    ...report.kinds.map(
      (k) =>
        `${k.name.padEnd(14)}${pad(k.requests, 10)}${pad(k.perSecond.toFixed(1), 9)}${pad(k.p50Ms, 8)}${pad(k.p99Ms, 8)}${pad(k.maxMs, 8)}${pad(k.ok, 9)}${pad(k.limited, 7)}${pad(k.errors, 8)}  ${k.what}`,
    ),
    '',
    `match events recorded: ${report.matchEvents.toLocaleString('en')}`,
    `server RSS: ${memory.startMb.toFixed(0)} MB at the start, peak ${memory.peakMb.toFixed(0)} MB, ${memory.endMb.toFixed(0)} MB at the end; ` +
      `second half ${memory.secondHalfSlopeMbPerMin >= 0 ? '+' : ''}${memory.secondHalfSlopeMbPerMin.toFixed(1)} MB/min (bound ${memory.maxSlopeMbPerMin}): ` +
      (memory.growing ? 'GROWING' : 'no growth trend'),
    `RSS each second (MB): ${memory.samples.map((s) => s.mb.toFixed(0)).join(' ')}`,
    '',
    report.failures.length === 0 ? 'PASS: no error other than 429, no memory growth trend' : `FAIL:\n${report.failures.map((f) => `  - ${f}`).join('\n')}`,
  ];
  return lines.join('\n');
}
