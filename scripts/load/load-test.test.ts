/**
 * `pnpm load-test`, short: 20 s of mixed traffic against the real server with a 20,000-hash bank.
 * No answer may be an error other than 429, every kind of request must succeed, the matching
 * queries must record match events, and the report must have its table and JSON shape. Memory is
 * sampled but held to a loose bound here: 10 s of second half cannot tell a leak from warm-up
 * (the full run holds the default bound). The verdict's rules are tested on their own below.
 */
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { memoryReport, slope } from './memory.js';
import { parseLoadOptions } from './options.js';
import type { KindReport, LoadReport } from './report.js';
import { verdict } from './report.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const KINDS = ['match 1', 'match 100', 'submit case', 'feed page', 'console read'];

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    const child = spawn('pnpm', ['-s', 'load-test', ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => ok({ code, stdout, stderr }));
  });
}

describe('pnpm load-test (20 s, 20,000 hashes)', () => {
  it('serves mixed traffic with no error other than 429 and reports each kind and the memory', async () => {
    const { code, stdout, stderr } = await run(['--duration', '20', '--hashes', '20000', '--connections', '4', '--max-rss-slope', '300']);
    const last = stdout.trim().split('\n').at(-1)!;
    expect(last.startsWith('{"test":"load"'), `no report; exit ${code}\n${stderr}`).toBe(true);
    const report = JSON.parse(last) as LoadReport;
    expect(report.failures, stderr).toEqual([]);
    expect(code).toBe(0);

    expect(report.hashes).toBe(20_000);
    expect(report.kinds.map((k) => k.name)).toEqual(KINDS);
    for (const kind of report.kinds) {
      expect(kind.errors, kind.name).toBe(0);
      expect(kind.ok, kind.name).toBeGreaterThan(0);
      expect(kind.requests).toBe(kind.ok + kind.limited + kind.errors);
      expect((kind.perSecond * 20) / kind.requests).toBeGreaterThan(0.9); // over about 20 s
      expect((kind.perSecond * 20) / kind.requests).toBeLessThan(1.1);
      expect(kind.p50Ms).toBeLessThanOrEqual(kind.p99Ms);
      expect(kind.p99Ms).toBeLessThanOrEqual(kind.maxMs);
    }
    expect(report.matchEvents).toBeGreaterThan(0);
    // One RSS sample a second, of a server holding the bank.
    expect(report.memory.samples.length).toBeGreaterThanOrEqual(18);
    expect(report.memory.startMb).toBeGreaterThan(30);
    expect(Number.isFinite(report.memory.secondHalfSlopeMbPerMin)).toBe(true);
    expect(report.memory.maxSlopeMbPerMin).toBe(300);

    expect(stdout).toMatch(/^kind\s+requests\s+req\/s\s+p50 ms\s+p99 ms/m);
    for (const name of KINDS) expect(stdout).toMatch(new RegExp(`^${name}\\s+\\d+`, 'm'));
    expect(stdout).toMatch(/server RSS: \d+ MB at the start/);
    expect(stdout).toContain('PASS');
  }, 120_000);
});

const kind = (over: Partial<KindReport>): KindReport => ({
  name: 'match 1', what: '', requests: 10, perSecond: 1, p50Ms: 1, p99Ms: 2, maxMs: 3, ok: 10, limited: 0, errors: 0, errorCodes: {}, ...over,
});
const flat = memoryReport(Array.from({ length: 60 }, (_, t) => ({ t, mb: 500 + (t % 2) })), 30);

describe('load-test options', () => {
  it('refuses an unknown option or a bad number with the usage', () => {
    expect(() => parseLoadOptions(['--durration', '5'])).toThrow(/unknown option --durration\nusage: pnpm load-test/);
    expect(() => parseLoadOptions(['--duration', 'soon'])).toThrow('--duration needs a number ≥ 0, got soon');
    expect(() => parseLoadOptions(['--connections', '0'])).toThrow('--connections must be a whole number ≥ 1, got 0');
    expect(parseLoadOptions(['--', '--hashes', '1_000_000', '--submit-rate', '5'])).toMatchObject({ hashes: 1_000_000, submitRate: 5, duration: 60 });
  });
});

describe('load-test verdict', () => {
  it('passes 429s, fails any other error, naming its status code', () => {
    expect(verdict([kind({ limited: 5, requests: 15 })], flat)).toEqual([]);
    expect(verdict([kind({ errors: 2, errorCodes: { '500': 1, connection: 1 } })], flat)).toEqual(['match 1: 2 error(s) other than 429 (500: 1, connection: 1)']);
  });

  it('fails a kind that never succeeded', () => {
    expect(verdict([kind({ ok: 0, limited: 10 })], flat)).toEqual(['no successful answer for match 1']);
  });

  it('flags RSS that keeps growing over the second half, not warm-up growth in the first', () => {
    const warmUpThenFlat = Array.from({ length: 60 }, (_, t) => ({ t, mb: t < 30 ? 400 + 3 * t : 490 }));
    expect(memoryReport(warmUpThenFlat, 30).growing).toBe(false);
    const leaking = Array.from({ length: 60 }, (_, t) => ({ t, mb: 400 + t })); // 60 MB/min
    const report = memoryReport(leaking, 30);
    expect(report.secondHalfSlopeMbPerMin).toBeCloseTo(60, 6);
    expect(verdict([kind({})], report)).toEqual(['server memory grew 60.0 MB/min over the second half (bound 30 MB/min)']);
  });

  it('fits the least-squares slope', () => {
    expect(slope([{ x: 0, y: 1 }, { x: 1, y: 3 }, { x: 2, y: 5 }])).toBe(2);
    expect(slope([{ x: 0, y: 1 }])).toBe(0);
  });
});
