/**
 * Prometheus metrics at /metrics: request counts and latency per route and status class, index
 * sizes, and counters other modules increment (matches, failed case-secret checks). Route
 * templates only (never URLs with ids), no hashes, no addresses. Set METRICS_TOKEN to require
 * `Authorization: Bearer <token>`.
 */
import fp from 'fastify-plugin';
import { problems } from '../errors.js';

const BUCKETS_MS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500];

/** Counters any module may increment (process-wide). */
export const counters = new Map<string, { help: string; value: number }>();

export function counter(name: string, help: string): { inc(by?: number): void } {
  const entry = counters.get(name) ?? { help, value: 0 };
  counters.set(name, entry);
  return { inc: (by = 1) => void (entry.value += by) };
}

interface RouteStats {
  count: number;
  sumMs: number;
  buckets: number[];
}

export default fp(
  async (app) => {
    const stats = new Map<string, RouteStats>();
    const token = process.env.METRICS_TOKEN;
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      const key = `${request.method} ${route} ${Math.floor(reply.statusCode / 100)}xx`;
      const entry = stats.get(key) ?? { count: 0, sumMs: 0, buckets: BUCKETS_MS.map(() => 0) };
      const ms = reply.elapsedTime;
      entry.count++;
      entry.sumMs += ms;
      BUCKETS_MS.forEach((b, i) => {
        if (ms <= b) entry.buckets[i]!++;
      });
      stats.set(key, entry);
    });
    app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
      if (token && request.headers.authorization !== `Bearer ${token}`) throw problems.unauthorized('metrics need the METRICS_TOKEN');
      const lines: string[] = [];
      lines.push('# HELP disrupt_http_requests_total HTTP requests by route and status class', '# TYPE disrupt_http_requests_total counter');
      for (const [key, s] of stats) lines.push(`disrupt_http_requests_total{${labels(key)}} ${s.count}`);
      lines.push('# HELP disrupt_http_request_duration_ms Request latency', '# TYPE disrupt_http_request_duration_ms histogram');
      for (const [key, s] of stats) {
        BUCKETS_MS.forEach((b, i) => lines.push(`disrupt_http_request_duration_ms_bucket{${labels(key)},le="${b}"} ${s.buckets[i]}`));
        lines.push(`disrupt_http_request_duration_ms_bucket{${labels(key)},le="+Inf"} ${s.count}`);
        lines.push(`disrupt_http_request_duration_ms_sum{${labels(key)}} ${s.sumMs.toFixed(3)}`, `disrupt_http_request_duration_ms_count{${labels(key)}} ${s.count}`);
      }
      lines.push('# HELP disrupt_index_hashes Hashes in the in-memory match indexes', '# TYPE disrupt_index_hashes gauge');
      for (const [signal, size] of Object.entries(app.bank.sizes())) lines.push(`disrupt_index_hashes{signal="${signal}"} ${size}`);
      lines.push('# HELP disrupt_index_bytes Bytes held by the match indexes', '# TYPE disrupt_index_bytes gauge', `disrupt_index_bytes ${app.bank.byteLength()}`);
      for (const [name, c] of counters) lines.push(`# HELP ${name} ${c.help}`, `# TYPE ${name} counter`, `${name} ${c.value}`);
      return reply.type('text/plain; version=0.0.4').send(lines.join('\n') + '\n');
    });
  },
  { name: 'metrics' },
);

function labels(key: string): string {
  const [method, route, status] = key.split(' ');
  return `method="${method}",route="${route}",status="${status}"`;
}
