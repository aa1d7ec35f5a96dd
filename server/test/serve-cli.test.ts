/**
 * `disrupt serve` as a real process: it listens, answers with our security headers, publishes
 * its OpenAPI description and docs from its own origin, exposes metrics, and stops cleanly on
 * SIGTERM with its data intact.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../hash-core/src/test-support/shared.js';

const CLI = join(repoRoot, 'server/dist/cli/main.js');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url + '/healthz')).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

let child: ChildProcess;
let url: string;
let dataDir: string;
let output = '';

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'disrupt-serve-'));
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, [CLI, 'serve'], { env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' } });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  await waitUntilUp(url, child);
});

afterAll(async () => {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await new Promise((done) => child.once('exit', done));
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('disrupt serve', () => {
  it('creates its database and server key under DATA_DIR on first start', () => {
    expect(readdirSync(dataDir)).toEqual(expect.arrayContaining(['disrupt.sqlite', 'server-keys.json']));
  });

  it('sends a CSP that allows our own origin only, and other security headers', async () => {
    const response = await fetch(url + '/healthz');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/https?:\/\//); // no third-party origin anywhere
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('publishes OpenAPI 3 from the route schemas, and a docs page from its own origin', async () => {
    const spec = (await (await fetch(url + '/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(spec.openapi).toMatch(/^3\./);
    const docs = await fetch(url + '/docs/');
    expect(docs.status).toBe(200);
    const html = await docs.text();
    expect(html).toContain('swagger');
    expect(html).not.toMatch(/src="https?:\/\//);
  });

  it('exposes Prometheus metrics with index sizes and request counts', async () => {
    const text = await (await fetch(url + '/metrics')).text();
    expect(text).toContain('disrupt_index_hashes{signal="pdq"} 0');
    expect(text).toMatch(/disrupt_http_requests_total\{method="GET",route="\/healthz",status="2xx"\} \d+/);
  });

  it('logs requests by method and route only: no client address, no headers', () => {
    const requests = output.split('\n').filter((l) => l.includes('"req":')).map((l) => JSON.parse(l) as { req: Record<string, unknown> });
    expect(requests.length).toBeGreaterThan(0);
    for (const line of requests) expect(Object.keys(line.req).sort()).toEqual(['method', 'route']);
    expect(output).not.toContain('remoteAddress');
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
