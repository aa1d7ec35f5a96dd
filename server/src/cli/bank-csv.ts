/**
 * The bank as CSV, in the layout of python-threatexchange's `threatexchange dataset
 * --print-signals --csv` (facebook/ThreatExchange, python-threatexchange/threatexchange/cli/
 * dataset_cmd.py, `_print_csv`): a header `collab,signal_type,signal_str,category,tags`, one row
 * per hash, `category` a SignalOpinionCategory name, `tags` space-separated. HMA and the
 * `threatexchange` CLI know the `pdq` rows; our md5, sha256 and blockhash rows carry our own
 * signal names (python-threatexchange has no image MD5/SHA-256 or blockhash type). Two tags of
 * ours keep what a bare list of hashes would lose: `item_<id>` groups the hashes of one file,
 * `quality_<n>` carries the PDQ quality.
 */

export const BANK_CSV_COLUMNS = ['collab', 'signal_type', 'signal_str', 'category', 'tags'] as const;
export const BANK_COLLAB = 'disrupt-hash';
export const POSITIVE_CLASS = 'POSITIVE_CLASS';

const ITEM_TAG = /^item_(\d+)$/;
const QUALITY_TAG = /^quality_(\d{1,3})$/;

export interface BankRow {
  signal: string;
  value: string;
  itemId: number;
  quality: number | null;
}

/** One CSV field, quoted when it must be (RFC 4180). */
function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function bankCsvHeader(): string {
  return `${BANK_CSV_COLUMNS.join(',')}\r\n`;
}

export function bankCsvRow(row: BankRow): string {
  const tags = [`item_${row.itemId}`];
  if (row.quality !== null) tags.push(`quality_${row.quality}`);
  return `${[BANK_COLLAB, row.signal, row.value, POSITIVE_CLASS, tags.join(' ')].map(field).join(',')}\r\n`;
}

/** What the tags of a row say about its file: the group it belongs to and its PDQ quality. */
export function readTags(tags: string): { group?: string; quality?: number } {
  const out: { group?: string; quality?: number } = {};
  for (const tag of tags.split(/\s+/)) {
    const item = ITEM_TAG.exec(tag);
    if (item) out.group = `item_${item[1]}`;
    const quality = QUALITY_TAG.exec(tag);
    if (quality && Number(quality[1]) <= 100) out.quality = Number(quality[1]);
  }
  return out;
}

export interface CsvRecord {
  /** 1-based line where the record starts. */
  line: number;
  fields: string[];
}

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks); blank lines skipped. */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let current = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let touched = false;
  const endRecord = () => {
    fields.push(current);
    if (touched || fields.length > 1 || fields[0] !== '') records.push({ line: start, fields });
    fields = [];
    current = '';
    touched = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (current += '"'), i++;
      else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        current += c;
      }
    } else if (c === '"' && current === '') (quoted = true), (touched = true);
    else if (c === ',') fields.push(current), (current = ''), (touched = true);
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else current += c;
  }
  if (current !== '' || fields.length > 0 || touched) endRecord();
  return records;
}
