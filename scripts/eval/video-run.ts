/**
 * The video evaluation end to end, shared by `pnpm eval:video` and its test: variants (made by
 * make-video-variants.sh or given), hashing with hashVideoFile (the CLI's code), a fresh bank
 * filled through POST /v1/cases as the victims' page sends videos, every copy queried through
 * POST /v1/match as a platform would, and the report.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STORED_FRAME_INTERVAL, type VideoItem } from '@disrupt/hash-core';
import { startBank, type BankMatch } from './bank.js';
import { percentile } from './report.js';
import { matchPhotos, photoSources, type PhotosReport } from './video-photos.js';
import { hashVideos } from './video-hashing.js';
import {
  distinctFrames,
  frameDistances,
  videoTransformRows,
  type FoundMatch,
  type VideoEvalReport,
  type VideoVariantResult,
} from './video-report.js';
import {
  collectVideoOriginals,
  listVideoVariants,
  makeOwnVideoVariants,
  makeVideoVariants,
  OWN_VIDEO_TRANSFORMS,
  readEmbeddings,
  TRIMMED_SECONDS,
  VIDEO_TRANSFORMS,
  type Embedding,
} from './video-variants.js';

export interface VideoEvalOptions {
  /** A folder of `*.mp4` clips (make-video-variants.sh reads those). */
  originalsDir: string;
  /** Existing variants (`<id>__<transform>.<ext>` and EMBEDDED.tsv); made in a temporary folder otherwise. */
  variantsDir?: string;
  /** Keep the made variants in this folder instead of a temporary one. */
  keepVariants?: string;
  /** Seconds between the frames of the copies (the platform's `disrupt hash --interval`; default 1). */
  queryInterval?: number;
  /** Seconds between the frames of the originals (default STORED_FRAME_INTERVAL, as the victims' page stores videos). */
  storedInterval?: number;
  /** Worker threads hashing videos (default: 2, or fewer cores). */
  workers?: number;
  log?: (line: string) => void;
}

/** Slack (seconds) when checking that an embedded copy's match lies inside the insert. */
const PLACEMENT_SLACK = 1.5;

function found(match: BankMatch): FoundMatch {
  if (!match.video) return { rule: 'digest', signal: match.signal, distance: match.distance };
  const { rule, matchedSeconds, queryRange, storedRange } = match.video;
  return { rule, signal: match.signal, distance: match.distance, matchedSeconds, queryRange, storedRange };
}

/** Seconds of `original` a copy holds: its sampled frames in the copied part × the interval. */
function secondsHeld(original: VideoItem, from = 0): number {
  return original.frames.filter((f) => f.t >= from - 1e-6).length * original.frameInterval;
}

/** The longest stretch of the host in an embedded copy, in the host's sampled frames × interval. */
function hostSecondsHeld(host: VideoItem, embedding: Embedding): number {
  const after = embedding.total - embedding.end;
  return Math.min(Math.ceil(Math.max(embedding.start, after) / host.frameInterval) * host.frameInterval, secondsHeld(host));
}

export async function runVideoEval(options: VideoEvalOptions): Promise<VideoEvalReport> {
  const log = options.log ?? (() => {});
  const seconds: Record<string, number> = {};
  const started = performance.now();
  let phase = started;
  const lap = (name: string) => {
    const now = performance.now();
    seconds[name] = (now - phase) / 1000;
    phase = now;
  };

  const originals = collectVideoOriginals(options.originalsDir);
  if (originals.length < 2) throw new Error(`eval:video needs at least 2 *.mp4 clips in ${options.originalsDir} (embedded copies go into another clip)`);
  log(`${originals.length} originals in ${options.originalsDir}`);

  let variantsDir = options.variantsDir;
  let temporary: string | undefined;
  if (!variantsDir) {
    variantsDir = options.keepVariants ?? (temporary = mkdtempSync(join(tmpdir(), 'disrupt-eval-video-')));
    log(`making variants in ${variantsDir} (make-video-variants.sh)…`);
    await makeVideoVariants(options.originalsDir, variantsDir, log);
    await makeOwnVideoVariants(originals, variantsDir);
    lap('variants');
  }
  try {
    const variants = listVideoVariants(variantsDir, originals);
    const embeddings = readEmbeddings(variantsDir);
    log(`${variants.length} variants; hashing ${originals.length + variants.length} videos…`);
    const total = originals.length + variants.length;
    const every = Math.max(1, Math.round(total / 10));
    let hashed = 0;
    const onDone = () => ++hashed % every === 0 && log(`  hashed ${hashed}/${total}`);
    // Originals as the victims' page hashes them (a frame every 0.5 s); copies at the platform's interval.
    const storedInterval = options.storedInterval ?? STORED_FRAME_INTERVAL;
    const outcomes = [
      ...(await hashVideos(originals.map((o) => o.file), { workers: options.workers, interval: storedInterval, onDone })),
      ...(await hashVideos(variants.map((v) => v.file), { workers: options.workers, interval: options.queryInterval, onDone })),
    ];
    lap('hashing');

    const stored: { id: string; item: VideoItem }[] = [];
    const originalErrors: VideoEvalReport['originalErrors'] = [];
    originals.forEach((original, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) stored.push({ id: original.id, item: outcome.item });
      else originalErrors.push({ file: original.file, error: outcome.error });
    });
    const itemOf = new Map(stored.map((s) => [s.id, s.item]));

    log(`bank: ${stored.length} originals through POST /v1/cases, ${variants.length} copies through POST /v1/match…`);
    const bank = await startBank();
    const results: VideoVariantResult[] = [];
    let photos: PhotosReport | undefined;
    try {
      const itemIds = await bank.submit(stored.map((s) => s.item));
      // Identical files in one case share an item: an item can stand for several originals.
      const originalsOfItem = new Map<number, string[]>();
      itemIds.forEach((itemId, i) => originalsOfItem.set(itemId, [...(originalsOfItem.get(itemId) ?? []), stored[i]!.id]));
      const queried = variants.map((variant, i) => ({ variant, outcome: outcomes[originals.length + i]! })).filter(({ variant }) => itemOf.has(variant.id));
      const answers = await bank.match(queried.flatMap(({ outcome }) => (outcome.ok ? [outcome.item] : [])));
      let next = 0;
      for (const { variant, outcome } of queried) {
        const original = itemOf.get(variant.id)!;
        const result: VideoVariantResult = { id: variant.id, transform: variant.transform, file: variant.file, others: [] };
        results.push(result);
        const embedding = variant.transform === 'embedded' ? embeddings.get(variant.id) : undefined;
        if (embedding) result.host = embedding.host;
        if (!outcome.ok) {
          result.error = outcome.error;
          continue;
        }
        const copy = outcome.item;
        result.frames = copy.frames.length;
        result.usableFrames = copy.frames.filter((f) => f.quality >= 50).length;
        result.expectedSeconds = secondsHeld(original, TRIMMED_SECONDS[variant.transform] ?? 0);
        result.frameDistances = frameDistances(copy.frames, original.frames, embedding ? [embedding.start, embedding.end] : undefined);
        const host = embedding ? itemOf.get(embedding.host) : undefined;
        if (embedding && host) result.hostExpectedSeconds = hostSecondsHeld(host, embedding);
        for (const match of answers[next++]!) {
          const owners = originalsOfItem.get(match.itemId) ?? [`item ${match.itemId}`];
          if (owners.includes(variant.id)) result.own = found(match);
          else if (embedding && owners.includes(embedding.host)) result.hostMatch = found(match);
          else result.others.push({ id: owners.join('+'), ...found(match) });
        }
        if (embedding && result.own?.queryRange) {
          const [t0, t1] = result.own.queryRange;
          result.placed = t0 >= embedding.start - PLACEMENT_SLACK && t1 <= embedding.end + PLACEMENT_SLACK;
        }
      }
      const sources = photoSources(options.originalsDir, new Set(itemOf.keys()));
      if (sources.length > 0) {
        log(`${sources.length} source photos (SOURCES.tsv) through POST /v1/match…`);
        photos = await matchPhotos(sources, bank, originalsOfItem, new Map(stored.map((s) => [s.id, s.item.frames])));
      }
    } finally {
      await bank.close();
    }
    lap('bank');

    const rows = videoTransformRows(results, [...VIDEO_TRANSFORMS, ...OWN_VIDEO_TRANSFORMS]);
    const frameCounts = Float64Array.from(stored.map((s) => s.item.frames.length)).sort();
    const distinct = distinctFrames(stored.map((s) => ({ id: s.id, frames: s.item.frames })));
    seconds.total = (performance.now() - started) / 1000;
    return {
      originalsDir: options.originalsDir,
      queryInterval: options.queryInterval ?? 1,
      storedInterval,
      originals: stored.length,
      originalErrors,
      framesPerOriginal: frameCounts.length === 0 ? 0 : percentile(frameCounts, 50),
      rows,
      totalFalseMatches: rows.reduce((sum, r) => sum + r.falseMatches, 0),
      distinct,
      ...(photos ? { photos } : {}),
      seconds,
      variants: results,
    };
  } finally {
    if (temporary) rmSync(temporary, { recursive: true, force: true });
  }
}
