/**
 * What the crash test checks after the kills, through the server's own interfaces (a victim's
 * case view, a platform's /v1/match and /v1/feed) and, with the server stopped, in the database
 * file itself:
 * - every acknowledged item is in its case, active, and found by /v1/match;
 * - every acknowledged withdrawal left the item withdrawn and unmatchable; a withdrawal whose
 *   answer was cut may have happened or not, but the case view and the matcher must agree;
 * - the feed runs 1, 2, 3… with no gap (rows are never deleted: a withdrawal redacts them and
 *   appends `remove` records; AUTOINCREMENT never reuses a number, and a rolled-back transaction
 *   takes its number back), every record a platform already read is still there, the same, every
 *   active item is announced with its value and every withdrawn one is redacted and removed;
 * - the running server uses WAL with synchronous=FULL; PRAGMA integrity_check says ok.
 */
import type { Ledger, LedgerCase, LedgerItem } from './crash-ledger.js';
import { matchQuery } from './synthetic-items.js';
import { openReadOnly } from './sqlite-file.js';

interface CaseView {
  status: string;
  items: { itemId: number; status: string }[];
}

interface FeedRecord {
  seq: number;
  op: string;
  itemId: number;
  signal: string;
  value?: string;
  frames?: { pdq: string }[];
}

export interface Findings {
  violations: string[];
  /** Acknowledged items found active and matchable. */
  found: number;
  /** Items found withdrawn (acknowledged, or cut and observed withdrawn) and not matchable. */
  withdrawnGone: number;
  feedRecords: number;
}

async function getJson<T>(url: string, headers: Record<string, string>): Promise<{ status: number; body: T }> {
  const response = await fetch(url, { headers });
  return { status: response.status, body: (await response.json()) as T };
}

/** Runs `work` over `list`, `width` at a time. */
async function eachLimited<T>(list: readonly T[], width: number, work: (entry: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < list.length) await work(list[next++]!);
  }));
}

/** The running server's durability settings, from /readyz. */
export async function checkDurability(url: string, violations: string[]): Promise<void> {
  const { body } = await getJson<{ durability?: { journalMode: string; synchronous: number } }>(`${url}/readyz`, {});
  const { journalMode, synchronous } = body.durability ?? { journalMode: 'unreported', synchronous: -1 };
  if (journalMode !== 'wal') violations.push(`journal_mode is ${journalMode}, not wal`);
  if (synchronous !== 2) violations.push(`synchronous is ${synchronous}, not 2 (FULL)`);
}

/** Each item's status as its case view shows it (withdrawn for all items of a withdrawn case). */
async function observeCases(url: string, ledger: Ledger, violations: string[]): Promise<Map<LedgerItem, string>> {
  const observed = new Map<LedgerItem, string>();
  await eachLimited(ledger.cases, 8, async (record: LedgerCase) => {
    const { status, body } = await getJson<CaseView>(`${url}/v1/cases/${record.caseId}`, { authorization: `Case ${record.secret}`, 'x-forwarded-for': record.address });
    if (status !== 200) return void violations.push(`case ${record.caseId} (acknowledged) answers ${status}`);
    if (record.state === 'withdrawn' && body.status !== 'withdrawn') violations.push(`case ${record.caseId}: withdrawal acknowledged, but its status is ${body.status}`);
    const shown = new Map(body.items.map((i) => [i.itemId, i.status]));
    for (const item of record.items.values()) {
      const status = shown.get(item.itemId);
      if (status === undefined) violations.push(`case ${record.caseId}: acknowledged item ${item.itemId} is missing`);
      else if (item.state === 'present' && record.state !== 'unknown' && status !== 'active') violations.push(`item ${item.itemId}: acknowledged, but ${status}`);
      else if (item.state === 'withdrawn' && status !== 'withdrawn') violations.push(`item ${item.itemId}: withdrawal acknowledged, but ${status}`);
      if (status !== undefined) observed.set(item, status);
    }
  });
  return observed;
}

/** /v1/match with every item's PDQ (frames for videos): found exactly when the case view says active. */
async function checkMatching(url: string, apiKey: string, observed: Map<LedgerItem, string>, findings: Findings): Promise<void> {
  const items = [...observed.keys()];
  for (let start = 0; start < items.length; start += 200) {
    const batch = items.slice(start, start + 200);
    const response = await fetch(`${url}/v1/match`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ items: batch.map((entry) => matchQuery(entry.item, String(entry.itemId))) }),
    });
    if (response.status !== 200) return void findings.violations.push(`/v1/match answered ${response.status}: ${await response.text()}`);
    const { results } = (await response.json()) as { results: { matches: { itemId: number }[] }[] };
    batch.forEach((entry, i) => {
      const matched = results[i]!.matches.some((m) => m.itemId === entry.itemId);
      const active = observed.get(entry) === 'active';
      if (active && matched) findings.found++;
      else if (!active && !matched) findings.withdrawnGone++;
      else findings.violations.push(`item ${entry.itemId} is ${observed.get(entry)} but ${matched ? 'still matches' : 'does not match'}`);
    });
  }
}

async function readFeed(url: string, apiKey: string): Promise<FeedRecord[]> {
  const records: FeedRecord[] = [];
  let after = '0';
  for (;;) {
    const { status, body } = await getJson<{ records: FeedRecord[]; next: string }>(`${url}/v1/feed?after=${after}&limit=10000`, { authorization: `Bearer ${apiKey}` });
    if (status !== 200) throw new Error(`/v1/feed answered ${status}`);
    if (body.records.length === 0) return records;
    records.push(...body.records);
    after = body.next;
  }
}

function checkFeed(records: FeedRecord[], ledger: Ledger, observed: Map<LedgerItem, string>, findings: Findings): void {
  const { violations } = findings;
  findings.feedRecords = records.length;
  records.forEach((record, i) => {
    if (record.seq !== i + 1) violations.push(`feed: record ${i + 1} has seq ${record.seq} (a gap or a reordering)`);
  });
  const bySeq = new Map(records.map((r) => [r.seq, r]));
  for (const [seq, seen] of ledger.feedSeen) {
    const now = bySeq.get(seq);
    if (!now || now.op !== seen.op || now.itemId !== seen.itemId || now.signal !== seen.signal) {
      violations.push(`feed: seq ${seq} was read as ${JSON.stringify(seen)} and is now ${JSON.stringify(now ?? null)}`);
    }
  }
  const byItem = new Map<number, FeedRecord[]>();
  for (const record of records) byItem.set(record.itemId, [...(byItem.get(record.itemId) ?? []), record]);
  for (const [entry, status] of observed) {
    const own = byItem.get(entry.itemId) ?? [];
    if (status === 'active') {
      const { item } = entry;
      const announced =
        item.type === 'image'
          ? own.some((r) => r.op === 'add' && r.signal === 'pdq' && r.value === item.pdq)
          : own.some((r) => r.op === 'add' && r.signal === 'vpdq' && r.frames?.map((f) => f.pdq).join() === item.frames.map((f) => f.pdq).join());
      if (!announced) violations.push(`feed: active item ${entry.itemId} is not announced with its fingerprint`);
    } else if (status === 'withdrawn') {
      if (own.some((r) => r.value !== undefined || r.frames !== undefined)) violations.push(`feed: withdrawn item ${entry.itemId} still carries a fingerprint`);
      if (!own.some((r) => r.op === 'remove')) violations.push(`feed: withdrawn item ${entry.itemId} has no remove record`);
    }
  }
}

/** Everything that goes through the running server. */
export async function checkThroughServer(url: string, apiKey: string, ledger: Ledger): Promise<Findings> {
  const findings: Findings = { violations: [], found: 0, withdrawnGone: 0, feedRecords: 0 };
  await checkDurability(url, findings.violations);
  const observed = await observeCases(url, ledger, findings.violations);
  await checkMatching(url, apiKey, observed, findings);
  checkFeed(await readFeed(url, apiKey), ledger, observed, findings);
  return findings;
}

/** PRAGMA integrity_check on the file, read-only, with no server running. Returns the problems. */
export function checkDatabaseFile(file: string): string[] {
  const db = openReadOnly(file);
  try {
    const problems: string[] = [];
    const integrity = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
    if (integrity.length !== 1 || integrity[0]!.integrity_check !== 'ok') problems.push(`integrity_check: ${integrity.map((r) => r.integrity_check).join('; ')}`);
    const foreignKeys = db.pragma('foreign_key_check') as unknown[];
    if (foreignKeys.length > 0) problems.push(`foreign_key_check: ${foreignKeys.length} rows point nowhere`);
    const journalMode = db.pragma('journal_mode', { simple: true }) as string;
    if (journalMode !== 'wal') problems.push(`the file's journal_mode is ${journalMode}, not wal`);
    return problems;
  } finally {
    db.close();
  }
}
