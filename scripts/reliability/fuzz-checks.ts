/**
 * What the fuzzer asserts of each answer, and the store digest it compares before and after.
 *
 * Answers: never a 5xx; no success for a request that could change state (every such request was
 * malformed); a 4xx with a body is application/problem+json whose status matches and whose detail
 * says something; no file from outside the served folders; no answer slower than 10 s. A request
 * with broken framing or a truncated body may go unanswered (the server closes the connection).
 *
 * "Unchanged" store: every row of every table, except what reading and refusing legitimately
 * write — sessions (expiry pushed forward on use), the audit log (failed sign-ins are recorded),
 * match events and idempotency keys — and the last-seen and last-login times.
 */
import { createHash } from 'node:crypto';
import type { FuzzCase } from './fuzz-requests.js';
import { LEAK_MARKERS } from './fuzz-routes.js';
import type { RawResponse } from './raw-http.js';
import { openReadOnly } from './sqlite-file.js';

export const SLOW_MS = 10_000;

export interface FuzzTally {
  requests: number;
  byStatus: Map<number, number>;
  unanswered: number;
  maxMs: number;
  violations: string[];
}

export function newTally(): FuzzTally {
  return { requests: 0, byStatus: new Map(), unanswered: 0, maxMs: 0, violations: [] };
}

function problemShapeError(response: RawResponse): string | undefined {
  const type = response.headers['content-type'] ?? '';
  if (!type.startsWith('application/problem+json')) return `content-type ${JSON.stringify(type)}, not application/problem+json`;
  let body: { status?: unknown; title?: unknown; detail?: unknown; type?: unknown };
  try {
    body = JSON.parse(response.body.toString('utf8'));
  } catch {
    return 'a problem+json body that is not JSON';
  }
  if (body.status !== response.status) return `problem status ${String(body.status)} for an answer ${response.status}`;
  if (typeof body.title !== 'string' || body.title === '' || typeof body.detail !== 'string' || body.detail === '' || typeof body.type !== 'string') return `a problem without type, title or detail: ${response.body.toString('utf8').slice(0, 200)}`;
  return undefined;
}

export function checkAnswer(fuzz: FuzzCase, response: RawResponse | undefined, tally: FuzzTally): void {
  tally.requests++;
  const fail = (what: string) => tally.violations.push(`${what} — ${fuzz.label}`);
  if (!response) {
    tally.unanswered++;
    if (!fuzz.mayGoUnanswered) fail('no answer');
    return;
  }
  tally.byStatus.set(response.status, (tally.byStatus.get(response.status) ?? 0) + 1);
  tally.maxMs = Math.max(tally.maxMs, response.ms);
  if (response.ms > SLOW_MS && !fuzz.mayGoUnanswered) fail(`answered after ${response.ms} ms`);
  if (response.status >= 500) fail(`status ${response.status}: ${response.body.toString('utf8').slice(0, 300)}`);
  if (fuzz.mustRefuse && response.status < 400) {
    const sent = `${fuzz.request.method} ${fuzz.request.target.toString()} ${fuzz.request.body?.subarray(0, 400).toString('utf8') ?? ''}`;
    fail(`a malformed state-changing request got ${response.status}: ${sent}`);
  }
  if (response.status >= 400 && response.status < 500 && response.body.length > 0 && fuzz.request.method !== 'HEAD') {
    const shapeError = problemShapeError(response);
    if (shapeError) fail(`${response.status} with ${shapeError}`);
  }
  if (fuzz.traversal) {
    const text = response.body.toString('latin1');
    for (const marker of LEAK_MARKERS) if (text.includes(marker)) fail(`answered with a file from outside the served folders (${marker})`);
  }
}

/** Tables and columns that reading or refusing may legitimately write. */
const WRITTEN_BY_READS = new Set(['sessions', 'audit_log', 'match_events', 'idempotency_keys', 'sqlite_sequence', 'sqlite_stat1']);
const VOLATILE_COLUMNS = /^last_(seen|login)_at$/;

/** A digest per table of the rows that must not change, read from the database file. */
export function storeDigest(file: string): Map<string, { rows: number; digest: string }> {
  const db = openReadOnly(file);
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name).filter((name) => !WRITTEN_BY_READS.has(name));
    const digests = new Map<string, { rows: number; digest: string }>();
    for (const table of tables) {
      const columns = (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name).filter((c) => !VOLATILE_COLUMNS.test(c));
      const hash = createHash('sha256');
      let rows = 0;
      for (const row of db.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}" ORDER BY ${columns.map((_, i) => i + 1).join(', ')}`).raw().iterate() as Iterable<unknown[]>) {
        hash.update(JSON.stringify(row.map((v) => (Buffer.isBuffer(v) ? v.toString('hex') : typeof v === 'bigint' ? String(v) : v))));
        rows++;
      }
      digests.set(table, { rows, digest: hash.digest('hex') });
    }
    return digests;
  } finally {
    db.close();
  }
}

export function compareDigests(before: Map<string, { rows: number; digest: string }>, after: Map<string, { rows: number; digest: string }>): string[] {
  const changes: string[] = [];
  for (const table of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(table);
    const b = after.get(table);
    if (a?.digest !== b?.digest) changes.push(`store changed: table ${table} (${a?.rows ?? 'absent'} → ${b?.rows ?? 'absent'} rows)`);
  }
  return changes;
}
