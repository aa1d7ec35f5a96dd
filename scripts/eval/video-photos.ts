/**
 * Photos against video frames, a sanity check beside `pnpm eval:video`: the corpus's clips were
 * made from corpus photos (SOURCES.tsv names them: a Ken Burns pan or zoom over one photo, a
 * slideshow of several), so each source photo, queried through POST /v1/match as a platform would
 * (`disrupt hash` of the photo), should find its clip's frames and no other clip. No target: a
 * zoom or pan may never show the whole photo.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hamming, type ImageItem, type VideoFrame } from '@disrupt/hash-core';
import { readTsv } from '../../hash-core/src/test-support/shared.js';
import type { Bank } from './bank.js';
import { percentile } from './report.js';
import { hashFiles } from './hashing.js';

export interface PhotoSource {
  clip: string;
  kind: string;
  photo: string;
  file: string;
}

export interface PhotoResult extends PhotoSource {
  error?: string;
  own?: { signal: string; query?: string; distance: number; storedTime?: number };
  others: string[];
  /** Plain PDQ distance from the photo to the nearest frame of its clip (quality ≥ 50). */
  nearest?: number;
}

export interface PhotosReport {
  photos: number;
  found: number;
  /** Found, per kind of clip (kenburns:…, slideshow). */
  byKind: Record<string, { photos: number; found: number }>;
  /** Photos that matched a clip they are not in. */
  falseMatches: number;
  results: PhotoResult[];
}

/** A folder's clips as its SOURCES.tsv lists them: file name, kind, and the photos' file names (none without it). */
export function clipSources(originalsDir: string): { file: string; kind: string; photos: string[] }[] {
  const sources = join(originalsDir, 'SOURCES.tsv');
  if (!existsSync(sources)) return [];
  return readTsv(sources).map((row) => ({ file: row.file ?? '', kind: row.kind ?? '', photos: (row.photos ?? '').split(' ').filter((photo) => photo !== '') }));
}

/** The source photos of the given clips, from `<folder>/SOURCES.tsv` and `<folder>/../images`; none without them. */
export function photoSources(originalsDir: string, clips: ReadonlySet<string>): PhotoSource[] {
  const images = resolve(originalsDir, '../images');
  if (!existsSync(images)) return [];
  return clipSources(originalsDir).flatMap((row) => {
    const clip = row.file.replace(/\.mp4$/, '');
    if (!clips.has(clip)) return [];
    return row.photos
      .filter((photo) => existsSync(join(images, photo)))
      .map((photo) => ({ clip, kind: row.kind.split(':')[0]!, photo, file: join(images, photo) }));
  });
}

/** Hashes the photos as a platform does and queries them against the bank of clips. */
export async function matchPhotos(
  sources: readonly PhotoSource[],
  bank: Bank,
  clipsOfItem: ReadonlyMap<number, readonly string[]>,
  framesOf: ReadonlyMap<string, readonly VideoFrame[]>,
): Promise<PhotosReport> {
  const outcomes = await hashFiles(sources.map((s) => s.file), { dihedral: false });
  const items = outcomes.flatMap((o) => (o.ok ? [o.value.item as ImageItem] : []));
  const answers = await bank.match(items);
  let next = 0;
  const results = sources.map((source, i): PhotoResult => {
    const outcome = outcomes[i]!;
    if (!outcome.ok) return { ...source, error: outcome.error, others: [] };
    const result: PhotoResult = { ...source, others: [] };
    const pdq = (outcome.value.item as ImageItem).pdq;
    const frames = (framesOf.get(source.clip) ?? []).filter((f) => f.quality >= 50);
    if (pdq && frames.length > 0) result.nearest = Math.min(...frames.map((f) => hamming(pdq, f.pdq)));
    for (const m of answers[next++]!) {
      const clips = clipsOfItem.get(m.itemId) ?? [`item ${m.itemId}`];
      if (clips.includes(source.clip)) result.own = { signal: m.signal, distance: m.distance, ...(m.query ? { query: m.query } : {}), ...(m.storedTime !== undefined ? { storedTime: m.storedTime } : {}) };
      else result.others.push(clips.join('+'));
    }
    return result;
  });
  const byKind: PhotosReport['byKind'] = {};
  for (const r of results) {
    const entry = (byKind[r.kind] ??= { photos: 0, found: 0 });
    entry.photos++;
    if (r.own) entry.found++;
  }
  return { photos: results.length, found: results.filter((r) => r.own).length, byKind, falseMatches: results.filter((r) => r.others.length > 0).length, results };
}

export function formatPhotos(report: PhotosReport): string[] {
  if (report.photos === 0) return [];
  const kinds = Object.entries(report.byKind).map(([kind, k]) => `${kind} ${k.found}/${k.photos}`).join(', ');
  const nearest = Float64Array.from(report.results.filter((r) => r.nearest !== undefined).map((r) => r.nearest!)).sort();
  const found = report.results.filter((r) => r.own).map((r) => `${r.photo} in ${r.clip} at ${r.own!.storedTime ?? '?'} s (${r.own!.distance})`);
  const lines = [
    `source photos → their clip's frames (sanity, no target): ${report.found}/${report.photos} found (${kinds}); photos matching another clip: ${report.falseMatches}`,
    `  plain PDQ distance from a photo to the nearest frame of its clip: median ${percentile(nearest, 50)}, min ${nearest[0] ?? '—'}; found: ${found.join(', ') || 'none'}`,
  ];
  for (const r of report.results) if (r.others.length > 0) lines.push(`  photo ${r.photo} (${r.clip}) also matched ${r.others.join(', ')}`);
  return lines;
}
