/**
 * Load test: the real server (`disrupt serve`, its own process) holding N stored PDQ hashes
 * (default 1,000,000) under sustained mixed traffic from autocannon on loopback, bounded in time:
 * single and batch matches as fast as it answers, spread over many partner platforms each within
 * its key's quota; case submissions, feed reads and console reads at steady rates (see
 * load/traffic.ts). Victims' per-client limits are met honestly: the server trusts the loopback
 * proxy (TRUST_PROXY=127.0.0.1) and each submission comes from another victim address.
 *
 *   pnpm load-test [--duration 60] [--hashes 1000000] [--connections 8] [--platforms 200]
 *                  [--submit-rate 50] [--feed-rate 20] [--console-rate 10] [--max-rss-slope 30]
 *
 * Prints per kind: requests, throughput, p50/p99/max latency, 2xx, 429 and other errors; the
 * server's RSS each second and its slope over the second half. Exits 1 when any answer is an
 * error other than 429 (or a kind never succeeded) or the RSS slope is over the bound (MB/min).
 * The last line is the report as one JSON object.
 */
import { autocannon } from './lib/autocannon.js';
import { memoryReport, sampleRss } from './load/memory.js';
import { parseLoadOptions, type LoadOptions } from './load/options.js';
import { formatReport, kindReport, verdict, type LoadReport } from './load/report.js';
import { startLoadTarget } from './load/target.js';
import { trafficMix } from './load/traffic.js';

async function loadTest(options: LoadOptions): Promise<LoadReport> {
  console.log(`writing a bank of ${options.hashes.toLocaleString('en')} PDQ hashes, then starting the server…`);
  const target = await startLoadTarget(options);
  try {
    const mix = trafficMix(target, options);
    console.log(`server pid ${target.server.pid} on ${target.server.url}; ${options.duration} s of traffic from ${options.platforms} platforms…`);
    const rss = sampleRss(target.server.pid);
    const results = await Promise.all(mix.map((kind) => autocannon({ url: target.server.url, duration: options.duration, ...kind.run })));
    const samples = rss.stop();
    const health = await fetch(`${target.server.url}/healthz`).then((r) => r.status, (error: Error) => error.message);
    const matchEvents = health === 200 ? await target.matchEvents() : 0;
    const kinds = mix.map((kind, i) => kindReport(kind.name, kind.what, results[i]!));
    const memory = memoryReport(samples, options.maxRssSlope);
    const failures = verdict(kinds, memory);
    if (health !== 200) failures.push(`the server's /healthz answered ${health} after the run`);
    if (matchEvents === 0) failures.push('no match event was recorded: the matching queries found nothing');
    return { options, hashes: options.hashes, durationSeconds: options.duration, setup: target.setup, kinds, matchEvents, memory, failures };
  } finally {
    await target.close();
  }
}

async function main(): Promise<void> {
  const report = await loadTest(parseLoadOptions(process.argv.slice(2)));
  console.log(`\n${formatReport(report)}`);
  console.log(JSON.stringify({ test: 'load', ...report }));
  process.exitCode = report.failures.length === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
});
