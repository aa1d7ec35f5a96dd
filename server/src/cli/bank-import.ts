/**
 * Reading hash lists from other systems into items: our own CSV export (the ThreatExchange
 * dataset layout, see bank-csv.ts) and StopNCII FetchHashes JSON (`hashRecords` of
 * `{signalType, hashValue, hashStatus}`, as python-threatexchange's StopNCII client models it in
 * threatexchange/exchanges/clients/stopncii/api.py). Every row that cannot be used is skipped
 * with its place and the reason; nothing half-valid gets in.
 */
import { HashFormatError, signalType } from '@disrupt/hash-core';
import type { NewItem } from '../store/cases-repository.js';
import { BANK_CSV_COLUMNS, parseCsv, readTags } from './bank-csv.js';
import { looksLikeVpdq, readVpdqFile } from './vpdq-import.js';

export interface Skipped {
  /** `line 12` (CSV) or `record 3` (JSON). */
  where: string;
  reason: string;
}

interface Row {
  where: string;
  signal: string;
  value: string;
  quality?: number;
  /** Rows of one group are the hashes of one file; a row without one is a file of its own. */
  group?: string;
}

export interface ImportResult {
  items: NewItem[];
  skipped: Skipped[];
  format: 'csv' | 'stopncii-json' | 'vpdq';
}

/** The categories that mean "this is the content we look for" (ThreatExchange opinion categories). */
const IMPORTABLE_CATEGORIES = new Set(['', 'POSITIVE_CLASS', 'INVESTIGATION_SEED']);
/** StopNCII statuses of hashes whose case is live; Withdrawn and Deleted must be dropped. */
const LIVE_STOPNCII_STATUSES = new Set(['Active', 'Received']);
const STOPNCII_SIGNALS: Readonly<Record<string, string>> = { ImagePDQ: 'pdq' };

function normalized(row: Row): { value: string } | { reason: string } {
  const signal = signalType(row.signal);
  if (!signal) return { reason: `signal type "${row.signal}" is not supported (pdq, blockhash, md5, sha256)` };
  try {
    return { value: signal.normalize(row.value, row.signal) };
  } catch (error) {
    return { reason: error instanceof HashFormatError ? error.message : String(error) };
  }
}

function rowsFromCsv(text: string): { rows: Row[]; skipped: Skipped[] } {
  const [header, ...records] = parseCsv(text);
  if (!header) throw new Error('the file is empty');
  const column = Object.fromEntries(BANK_CSV_COLUMNS.map((name) => [name, header.fields.indexOf(name)]));
  if (column.signal_type! < 0 || column.signal_str! < 0) {
    throw new Error(`not a bank CSV: the first line must name the columns, with at least signal_type and signal_str (as written by disrupt export: ${BANK_CSV_COLUMNS.join(',')})`);
  }
  const rows: Row[] = [];
  const skipped: Skipped[] = [];
  for (const { line, fields } of records) {
    const get = (name: string) => (column[name]! >= 0 ? (fields[column[name]!] ?? '').trim() : '');
    const where = `line ${line}`;
    const category = get('category');
    if (!IMPORTABLE_CATEGORIES.has(category)) {
      skipped.push({ where, reason: `category ${category} does not mark content to block` });
      continue;
    }
    rows.push({ where, signal: get('signal_type'), value: get('signal_str'), ...readTags(get('tags')) });
  }
  return { rows, skipped };
}

function rowsFromStopNcii(text: string): { rows: Row[]; skipped: Skipped[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`not valid JSON: ${(error as Error).message}`);
  }
  const records = Array.isArray(parsed) ? parsed : (parsed as { hashRecords?: unknown })?.hashRecords;
  if (!Array.isArray(records)) throw new Error('not a StopNCII FetchHashes answer: expected {"hashRecords": [...]} or an array of hash records');
  const rows: Row[] = [];
  const skipped: Skipped[] = [];
  records.forEach((record: unknown, index) => {
    const where = `record ${index + 1}`;
    const { signalType: type, hashValue, hashStatus } = (record ?? {}) as Record<string, unknown>;
    const signal = typeof type === 'string' ? STOPNCII_SIGNALS[type] : undefined;
    if (!signal) skipped.push({ where, reason: `signalType ${JSON.stringify(type)} is not supported (ImagePDQ only)` });
    else if (typeof hashStatus !== 'string' || !LIVE_STOPNCII_STATUSES.has(hashStatus)) {
      skipped.push({ where, reason: `hashStatus ${JSON.stringify(hashStatus)}: only Active and Received hashes are imported` });
    } else rows.push({ where, signal, value: typeof hashValue === 'string' ? hashValue : String(hashValue) });
  });
  return { rows, skipped };
}

/** Rows into items: one per group (or per row without a group); a group with a bad row is dropped whole. */
function toItems(rows: Row[], skipped: Skipped[]): NewItem[] {
  const groups = new Map<string, { rows: Row[]; values: Map<string, string>; bad: boolean }>();
  rows.forEach((row, index) => {
    const key = row.group ?? `row ${index}`;
    const group = groups.get(key) ?? { rows: [] as Row[], values: new Map<string, string>(), bad: false };
    groups.set(key, group);
    group.rows.push(row);
    const result = normalized(row);
    if ('reason' in result) {
      skipped.push({ where: row.where, reason: result.reason });
      group.bad = true;
    } else if (group.values.has(row.signal) && group.values.get(row.signal) !== result.value) {
      skipped.push({ where: row.where, reason: `${row.group} already has another ${row.signal} value` });
      group.bad = true;
    } else group.values.set(row.signal, result.value);
  });
  const items: NewItem[] = [];
  const reported = new Set(skipped.map((s) => s.where));
  for (const [key, group] of groups) {
    if (group.bad) {
      for (const row of group.rows) if (!reported.has(row.where)) skipped.push({ where: row.where, reason: `skipped with the rest of ${key}` });
      continue;
    }
    const quality = group.rows.find((r) => r.quality !== undefined)?.quality ?? null;
    const floor = signalType('pdq')!.qualityFloor!;
    items.push({
      type: 'image',
      quality: group.values.has('pdq') ? quality : null,
      // Without a quality (StopNCII, HMA) the source vouches for the hash: treat it as reliable.
      reliable: quality === null || quality >= floor,
      signals: [...group.values].map(([signal, value]) => ({ signal, value })),
    });
  }
  return items;
}

/** Parses a CSV export, a StopNCII JSON answer or a video's vPDQ text (told apart by their first line). */
export function readBankFile(text: string): ImportResult {
  const body = text.replace(/^\uFEFF/, '');
  if (looksLikeVpdq(body)) return readVpdqFile(body);
  const json = /^\s*[[{]/.test(body);
  const { rows, skipped } = json ? rowsFromStopNcii(body) : rowsFromCsv(body);
  const items = toItems(rows, skipped);
  return { items, skipped, format: json ? 'stopncii-json' : 'csv' };
}
