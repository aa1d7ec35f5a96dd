/**
 * API benchmark: autocannon on loopback against POST /v1/match with a bank of N stored PDQ hashes
 * (default 1,000,000), beside a trivial Fastify route in the same server and run as the ceiling.
 *
 *   pnpm bench:api [-- --hashes 1000000 --duration 5 --repeats 3 --connections 10 --seed 1]
 *
 * The server runs in a child process (its own core), started the real way: the bank is written
 * through the store into a fresh DATA_DIR, then buildApp loads it into the match indexes. Queries
 * are seeded random hashes (almost none match, as most uploads do not); a last run makes every
 * request match, so each one also records a match event (a synchronous=FULL commit). The trivial
 * route and single-hash runs alternate `repeats` times and the medians are compared, so a noisy
 * neighbour on the machine skews both alike. Targets: single-hash /v1/match at ≥ 60 % of the
 * trivial route's requests/s, p99 < 10 ms. Bounded: 2 × repeats + 2 runs of warm-up + duration
 * seconds after the fill. The last line is one JSON object.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { autocannon } from './lib/autocannon.js';
import { nearDuplicate, randomHex, seedPdqBank } from './lib/pdq-bank.js';
import { prng } from './lib/prng.js';

type Options = Record<'hashes' | 'duration' | 'connections' | 'seed' | 'warmup' | 'repeats', number>;

function parseArgs(argv: string[]): { serve?: string; options: Options } {
  const options: Options = { hashes: 1_000_000, duration: 5, connections: 10, seed: 1, warmup: 1, repeats: 3 };
  let serve: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') continue; // pnpm forwards a literal "--"
    if (arg === '--serve') {
      serve = argv[++i];
      continue;
    }
    const name = arg.replace(/^--/, '');
    if (!(name in options) || i + 1 >= argv.length) throw new Error(`unknown or incomplete option ${arg}`);
    options[name as keyof Options] = Number(argv[++i]!.replace(/_/g, ''));
  }
  return { serve, options };
}

interface Ready {
  port: number;
  apiKey: string;
  fillMs: number;
  startMs: number;
  indexed: Record<string, number>;
  rssMb: number;
  /** A few stored hashes, for the matching run. */
  samples: string[];
}

// ---------------------------------------------------------------- child: the server under test

async function serve(dataDir: string, options: Options): Promise<void> {
  const { buildApp } = await import('../server/src/app.js');
  const { loadConfig } = await import('../server/src/config.js');
  const { fillMs, samples, prepared: apiKey } = await seedPdqBank(dataDir, options, (store) => store.platforms.create({ name: 'bench', scopes: ['match'] }).apiKey);

  const startBegin = performance.now();
  const config = loadConfig({ DATA_DIR: dataDir }, { platformLimits: { requestsPerMinute: 1_000_000_000, matchItemsPerMinute: 1_000_000_000, matchRequestsPerDay: 1_000_000_000, matchItemsPerDay: 1_000_000_000 } });
  const app = await buildApp({ config, logger: false });
  const startMs = performance.now() - startBegin;
  // The ceiling: the same framework, body parsing and hooks of the root context, no work.
  app.post('/bench/trivial', async () => ({ ok: true }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const ready: Ready = {
    port: typeof address === 'object' && address ? address.port : 0,
    apiKey,
    fillMs,
    startMs,
    indexed: app.bank.sizes(),
    rssMb: Math.round(process.memoryUsage().rss / 1e6),
    samples,
  };
  process.send!(ready);
  process.on('disconnect', () => {
    void app.close().then(() => process.exit(0));
  });
}

// ---------------------------------------------------------------- parent: the load

interface RunResult {
  name: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function load(name: string, port: number, path: string, headers: Record<string, string>, bodies: string[], options: Options): Promise<RunResult> {
  const requests = bodies.map((body) => ({ method: 'POST' as const, path, headers: { 'content-type': 'application/json', ...headers }, body }));
  const run = (duration: number) => autocannon({ url: `http://127.0.0.1:${port}`, connections: options.connections, duration, requests });
  if (options.warmup > 0) await run(options.warmup);
  const result = await run(options.duration);
  return { name, reqPerSec: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

/** The run with the median requests/s. */
function median(runs: RunResult[]): RunResult {
  return [...runs].sort((a, b) => a.reqPerSec - b.reqPerSec)[Math.floor(runs.length / 2)]!;
}

function waitForReady(child: ChildProcess): Promise<Ready> {
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(message as Ready));
    child.once('exit', (code) => reject(new Error(`the server process exited early (code ${code})`)));
  });
}

async function main(): Promise<void> {
  const { serve: serveDir, options } = parseArgs(process.argv.slice(2));
  if (serveDir !== undefined) return serve(serveDir, options);

  const dataDir = mkdtempSync(join(tmpdir(), 'disrupt-bench-api-'));
  const args = ['--serve', dataDir, ...Object.entries(options).flatMap(([k, v]) => [`--${k}`, String(v)])];
  const child = fork(fileURLToPath(import.meta.url), args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    console.log(`filling a bank of ${options.hashes.toLocaleString('en')} PDQ hashes…`);
    const ready = await waitForReady(child);
    console.log(
      `bank written in ${(ready.fillMs / 1000).toFixed(1)} s; server started (indexes loaded) in ${(ready.startMs / 1000).toFixed(1)} s; ` +
        `indexed ${JSON.stringify(ready.indexed)}; server RSS ${ready.rssMb} MB`,
    );
    const rnd = prng(options.seed + 1000);
    const item = (pdq: string) => ({ type: 'image', pdq, quality: 90 });
    const single = Array.from({ length: 256 }, () => JSON.stringify({ items: [item(randomHex(rnd, 8))] }));
    const batch = Array.from({ length: 16 }, () => JSON.stringify({ items: Array.from({ length: 100 }, () => item(randomHex(rnd, 8))) }));
    const matching = ready.samples.map((pdq) => JSON.stringify({ items: [{ ...item(nearDuplicate(pdq, 8, rnd)), ref: 'bench' }] }));
    const auth = { authorization: `Bearer ${ready.apiKey}` };

    const show = (result: RunResult) =>
      console.log(
        `${result.name.padEnd(40)} ${result.reqPerSec.toFixed(0).padStart(8)} req/s   p50 ${result.p50} ms   p99 ${result.p99} ms` +
          (result.non2xx || result.errors ? `   (non-2xx ${result.non2xx}, errors ${result.errors})` : ''),
      );
    const trivialRuns: RunResult[] = [];
    const singleRuns: RunResult[] = [];
    for (let r = 0; r < options.repeats; r++) {
      trivialRuns.push(await load('trivial route (ceiling)', ready.port, '/bench/trivial', {}, single, options));
      show(trivialRuns[r]!);
      singleRuns.push(await load('/v1/match, 1 hash', ready.port, '/v1/match', auth, single, options));
      show(singleRuns[r]!);
    }
    const hundred = await load('/v1/match, 100 hashes', ready.port, '/v1/match', auth, batch, options);
    show(hundred);
    const matched = await load('/v1/match, 1 hash, every one matching', ready.port, '/v1/match', auth, matching, options);
    show(matched);
    const trivial = median(trivialRuns);
    const one = median(singleRuns);
    const results = [trivial, one, hundred, matched];
    console.log(`\nmedians: trivial ${trivial.reqPerSec.toFixed(0)} req/s (p99 ${trivial.p99} ms), single-hash ${one.reqPerSec.toFixed(0)} req/s (p99 ${one.p99} ms)`);
    const ratio = one.reqPerSec / trivial.reqPerSec;
    console.log(
      `\nsingle-hash / trivial = ${(ratio * 100).toFixed(1)} % (target ≥ 60 %): ${ratio >= 0.6 ? 'met' : 'NOT met'}; ` +
        `single-hash p99 ${one.p99} ms (target < 10 ms): ${one.p99 < 10 ? 'met' : 'NOT met'}; ` +
        `batches of 100: ${(hundred.reqPerSec * 100).toFixed(0)} hashes/s`,
    );
    console.log(JSON.stringify({ bench: 'api', hashes: options.hashes, connections: options.connections, duration: options.duration, repeats: options.repeats, ratio, results }));
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      if (child.connected) child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
