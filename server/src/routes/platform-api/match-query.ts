/**
 * Matching a batch of query items, shared by /v1/match and /v1/match/file. Per item: exact
 * signals first (the store's value index), then the perceptual ones in registry order (PDQ, its
 * variants, blockhash) from the in-memory bank, each in the stored signals it names (`searchIn`:
 * PDQ also among the stored crops and tilts), with the platform's thresholds; videos through
 * match-video.ts. One match per stored item: the first, strongest evidence wins. Every match is
 * recorded as a match event, in one transaction, before the answer is sent.
 */
import { IMAGE_SIGNALS, ItemValidationError, itemSignals, parseImageItemInput, PDQ_DIHEDRAL_NAMES, pdqSignal, queryReach, searchedIn, searchedInMirrored, searchedUnderFloor, signalType, type ImageItemInput, type SignalType, type VideoItemInput } from '@disrupt/hash-core';
import type { FastifyInstance } from 'fastify';
import { considerQuarantine } from '../../abuse/quarantine.js';
import { problems } from '../../errors.js';
import { platformRadius, type AuthenticatedPlatform } from '../../plugins/platform-auth.js';
import type { NewMatchEvent } from '../../store/match-events-repository.js';
import { parseVideoQuery, photoInVideos, videoCandidates, type EvidencedCandidate } from './match-video.js';
import type { MatchBody, MatchResponse, MatchResultMatch } from './schemas.js';

export interface QueryItem {
  ref: string | null;
  item: ImageItemInput | VideoItemInput;
}

/** One stored item a query found: the stored signal, the query's when another, the distance, the video evidence. */
type Candidate = EvidencedCandidate;

/** Radius for the 7 rotated and flipped PDQ hashes of a query (measured by `pnpm eval:images`). */
export const DIHEDRAL_THRESHOLD = 24;

const EXACT_SIGNALS = IMAGE_SIGNALS.filter((s) => s.kind === 'exact');
const PERCEPTUAL_SIGNALS = IMAGE_SIGNALS.filter((s) => s.kind === 'perceptual');

/** Validates and normalises the items of a request body, naming the field at fault. */
export function parseQueryItems(items: MatchBody['items']): QueryItem[] {
  return items.map((raw, index) => {
    const path = `items[${index}]`;
    const { ref, ...fields } = raw;
    if (fields.type === 'video') return parseVideoQuery(fields, ref, path);
    let item: ImageItemInput;
    try {
      item = parseImageItemInput(fields, path);
    } catch (error) {
      if (error instanceof ItemValidationError) throw problems.invalid(error.field, error.reason);
      throw error;
    }
    if (item.dihedral && item.pdq !== undefined && item.dihedral[0] !== item.pdq) {
      throw problems.invalid(`${path}.dihedral`, 'the first dihedral hash must be the pdq hash itself (the original orientation)');
    }
    if (ref !== undefined && isFingerprintOf(item, ref)) {
      throw problems.invalid(`${path}.ref`, 'must be your own reference for the content, not one of its fingerprints');
    }
    return { ref: ref ?? null, item };
  });
}

/** Whether `ref` is one of the item's own hashes (a ref is kept with the match; a hash must not be). */
function isFingerprintOf(item: ImageItemInput, ref: string): boolean {
  const lower = ref.toLowerCase();
  return itemSignals(item).some(({ value }) => value === lower) || (item.dihedral?.includes(lower) ?? false);
}

/** The hashes to search for one perceptual signal (the dihedral ones with PDQ; normalised by parseImageItemInput), or null when the item has none. */
function queryHashes(item: ImageItemInput, signal: SignalType): readonly string[] | null {
  const dihedral = signal.name === pdqSignal.name ? item.dihedral : undefined;
  const value = dihedral ? dihedral[0] : (item as Record<string, unknown>)[signal.name];
  return typeof value === 'string' ? (dihedral ?? [value]) : null;
}

function candidatesFor(app: FastifyInstance, item: ImageItemInput, platform: AuthenticatedPlatform): Candidate[] {
  const found = new Map<number, Candidate>();
  const keep = (candidate: Candidate) => {
    if (!found.has(candidate.itemId)) found.set(candidate.itemId, candidate);
  };
  const record = item as Record<string, unknown>;
  for (const signal of EXACT_SIGNALS) {
    const value = record[signal.name];
    if (typeof value !== 'string') continue;
    for (const itemId of app.store.cases.findExact(signal.name, value)) keep({ itemId, signal: signal.name, query: null, distance: 0, variant: null });
  }
  for (const signal of PERCEPTUAL_SIGNALS) {
    const hashes = queryHashes(item, signal);
    if (!hashes) continue;
    // A hash the algorithm itself marks unreliable (a flat or tiny image) would match noise, and a
    // uniform picture's (blockhash's all zeros or ones) every other uniform picture. One under PDQ's
    // quality floor that still holds a layout (a darkened or faded copy) meets the stored PDQ and
    // its mirror alone, closer.
    const ownRadius = platformRadius(platform, signal);
    const reach = queryReach(signal, hashes[0]!, item.quality, ownRadius);
    if (!reach) continue;
    if (reach.underFloor) {
      for (const storedName of searchedUnderFloor(signal)) {
        const radius = Math.min(reach.radius, platformRadius(platform, signalType(storedName)!));
        const query = storedName === signal.name ? null : signal.name;
        for (const match of app.bank.search(storedName, hashes.slice(0, 1), radius)) {
          keep({ itemId: match.id, signal: storedName, query, distance: match.distance, variant: null, queryQuality: item.quality });
        }
      }
      continue;
    }
    for (const storedName of searchedIn(signal)) {
      const stored = signalType(storedName)!;
      const radius = platformRadius(platform, stored);
      const query = stored.name === signal.name ? null : signal.name;
      for (const match of app.bank.search(stored.name, hashes.slice(0, 1), radius)) {
        keep({ itemId: match.id, signal: stored.name, query, distance: match.distance, variant: null });
      }
      // The 7 rotations and flips only against the same stored signal (against every crop they would
      // multiply the chances of a coincidence), and at a stricter radius: distinct photos of a
      // symmetric subject (two planets on black) come within 31 bits once turned, and the stored
      // mirror covers flips.
      if (query !== null || hashes.length === 1) continue;
      for (const match of app.bank.search(stored.name, hashes.slice(1), Math.min(radius, DIHEDRAL_THRESHOLD))) {
        keep({ itemId: match.id, signal: stored.name, query, distance: match.distance, variant: match.variant + 1 });
      }
    }
    // A mirrored copy, where the mirror follows from the value (blockhash): after the value as
    // sent, so a copy that is not mirrored keeps its own evidence.
    if (signal.mirrored) {
      const stored = signalType(signal.mirrored.signal)!;
      const radius = platformRadius(platform, stored);
      const query = stored.name === signal.name ? null : signal.name;
      for (const match of app.bank.search(stored.name, [signal.mirrored.mirror(hashes[0]!)], radius)) {
        keep({ itemId: match.id, signal: stored.name, query, distance: match.distance, variant: MIRRORED_VARIANT });
      }
    }
  }
  // A flipped copy that is also cut or framed: the hashes of its mirror, sent apart, meet the
  // stored crops and trimmed pictures as a copy that is not flipped would. Last, the weakest evidence.
  for (const [name, hash] of Object.entries(item.mirrored ?? {})) {
    if (hash === undefined) continue;
    const signal = signalType(name)!;
    const reach = queryReach(signal, hash, item.quality, platformRadius(platform, signal));
    if (!reach || reach.underFloor) continue;
    for (const storedName of searchedInMirrored(name)) {
      const stored = signalType(storedName)!;
      const radius = platformRadius(platform, stored);
      const query = stored.name === name ? null : name;
      for (const match of app.bank.search(stored.name, [hash], radius)) {
        keep({ itemId: match.id, signal: stored.name, query, distance: match.distance, variant: MIRRORED_VARIANT });
      }
    }
  }
  return [...found.values()];
}

/** How a match found through a query's mirror is reported: left ↔ right, among the dihedral names. */
const MIRRORED_VARIANT = PDQ_DIHEDRAL_NAMES.indexOf('flipY');

/** Searches every query item, records the matches, and builds the response (in query order). */
export function matchQueries(app: FastifyInstance, platform: AuthenticatedPlatform, queries: readonly QueryItem[]): MatchResponse {
  const perQuery = queries.map(({ item }) =>
    item.type === 'video' ? videoCandidates(app, item, platform) : [...candidatesFor(app, item, platform), ...photoInVideos(app, item, platform)],
  );
  const events: NewMatchEvent[] = [];
  queries.forEach((query, q) => {
    for (const c of perQuery[q]!) {
      events.push({ platformId: platform.id, itemId: c.itemId, signal: c.signal, distance: c.distance, variant: c.variant, ref: query.ref, video: c.evidence, queryQuality: c.queryQuality ?? null });
    }
  });
  const ids = app.store.matchEvents.record(events);
  // A disputed item matching at an abnormal rate is quarantined (this answer still reports the match).
  considerQuarantine(app, events.filter((_, i) => ids[i] != null).map((e) => e.itemId));
  let next = 0;
  return {
    results: queries.map((query, q) => {
      const matches: MatchResultMatch[] = [];
      for (const c of perQuery[q]!) {
        const matchId = ids[next++];
        if (matchId == null) continue; // the store says the item is no longer active
        const match: MatchResultMatch = { matchId, itemId: c.itemId, signal: c.signal, distance: c.distance };
        if (c.query !== null) match.query = c.query;
        if (c.variant !== null && c.variant > 0) match.variant = PDQ_DIHEDRAL_NAMES[c.variant];
        if (c.evidence) Object.assign(match, c.evidence);
        matches.push(match);
      }
      return { ref: query.ref, matches };
    }),
  };
}
