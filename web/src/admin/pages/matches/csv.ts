/**
 * The filtered log as CSV: a header row, every field quoted, and text a spreadsheet would take
 * for a formula (`=`, `+`, `-`, `@` first: a platform's `ref` is theirs to choose) defused with
 * a leading apostrophe. No hash: the server keeps none for a match.
 */
import type { Match } from './api.js';

export const CSV_COLUMNS = [
  'id',
  'time',
  'platform',
  'platform_id',
  'platform_ref',
  'signal',
  'distance',
  'item_id',
  'case',
  'feedback',
  'feedback_note',
  'feedback_at',
  'review',
  'review_note',
  'reviewed_by',
  'reviewed_at',
  'video_rule',
  'video_matched_seconds',
  'video_query_range',
  'video_stored_range',
  'video_stored_time',
  'video_query_time',
  'query_quality',
] as const;

const range = (r: [number, number] | undefined) => (r ? `${r[0]}-${r[1]}` : null);

const row = (m: Match): (string | number | null)[] => [
  m.id,
  m.createdAt,
  m.platform.name,
  m.platform.id,
  m.ref,
  m.signal,
  m.distance,
  m.itemId,
  m.caseRef,
  m.feedback,
  m.feedbackNote,
  m.feedbackAt,
  m.review,
  m.reviewNote,
  m.reviewedBy?.username ?? null,
  m.reviewedAt,
  m.video?.video?.rule ?? null,
  m.video?.video?.matchedSeconds ?? null,
  range(m.video?.video?.queryRange),
  range(m.video?.video?.storedRange),
  m.video?.storedTime ?? null,
  m.video?.queryTime ?? null,
  m.queryQuality,
];

export function csvField(value: string | number | null): string {
  if (value === null) return '""';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(matches: readonly Match[]): string {
  const lines = [CSV_COLUMNS.map(csvField), ...matches.map((m) => row(m).map(csvField))];
  return `${lines.map((fields) => fields.join(',')).join('\r\n')}\r\n`;
}

/** `matches-2026-11-28.csv`, today's date (UTC). */
export const csvFileName = (now = new Date()) => `matches-${now.toISOString().slice(0, 10)}.csv`;

/** Hands the text to the browser as a file download (nothing leaves the page). */
export function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
