/**
 * A signal type is everything the rest of the system needs to know about one kind of fingerprint:
 * its name (also the `Item` field that carries it), how to validate it, how far apart two values
 * are, and when that distance counts as a match. Matching, storage and the API iterate the
 * registry instead of naming algorithms, so a new signal plugs in here and nowhere else
 * (after python-threatexchange's SignalType).
 */

export type SignalKind = 'perceptual' | 'exact';

export interface SignalExamples {
  /** Well-formed values (any case); each must normalise to its lower-case form. */
  readonly valid: readonly string[];
  /** Values that must be rejected with a HashFormatError. */
  readonly invalid: readonly unknown[];
  /** Pairs of valid values with their expected distance. */
  readonly distances: readonly (readonly [string, string, number])[];
}

export interface SignalType {
  /** Stable identifier, used as the `Item` field name, in storage and in the API. */
  readonly name: string;
  readonly description: string;
  readonly kind: SignalKind;
  /** Number of hex characters of a value (32 for MD5, 64 for 256-bit hashes). */
  readonly hexLength: number;
  /** Largest possible distance (bits for perceptual hashes; 1 for exact ones). */
  readonly maxDistance: number;
  /** Default: a pair matches when distance <= threshold. */
  readonly threshold: number;
  /** Values whose quality is below this do not match (only for signals that carry a quality). */
  readonly qualityFloor?: number;
  /** With a quality floor: how a query value under it may still be searched (absent: it is not). */
  readonly underFloorQuery?: UnderFloorQuery;
  /**
   * With a quality floor: how a stored value under it may still be met, by any value sent of at
   * least `minQuality`, within `radius` (absent: never). Only where other evidence must agree with
   * it: video frames, whose matches under the floor count towards the segment rule alone.
   */
  readonly underFloorStored?: UnderFloorQuery;
  /**
   * False for values that say nothing of the picture, e.g. the hash every uniform picture gets:
   * they are kept, never matched (stored or queried). Absent: every value may match.
   */
  readonly matchable?: (value: string) => boolean;
  /**
   * For a signal weaker than PDQ: stored items whose PDQ quality is at least `quality` (PDQ can
   * speak for them) match only within `radius`, or not at all without one; the threshold applies
   * to the others, if `detailed` says both the stored value and the query's hold enough of the
   * picture (a coarse layout is every similar picture's); a value that does not is held to
   * `radius` too. Absent: the threshold applies to every item.
   */
  readonly whenPdqReliable?: WhenPdqReliable;
  /** Validates and lower-cases a value; throws HashFormatError naming `field` otherwise. */
  normalize(value: unknown, field?: string): string;
  /** Distance between two normalised values. */
  distance(a: string, b: string): number;
  readonly examples: SignalExamples;
  /**
   * The stored signals a query value of this signal is searched in, in order (default: its own).
   * PDQ is also searched among the stored crops and tilts, so a platform that sends plain PDQ
   * still finds a cropped copy; a crop is searched among the same crops of the stored photos.
   */
  readonly searchIn?: readonly string[];
  /**
   * For a signal whose value of the mirrored picture follows from the value itself (blockhash:
   * its rows reversed): the query's mirror is searched too, in `signal`, so a mirrored copy (a
   * front camera's selfie, a flipped repost) is found with nothing more stored. PDQ's mirror does
   * not follow exactly from its bits: its photos store one (pdqMirrored).
   */
  readonly mirrored?: MirroredQuery;
}

/**
 * A query value under the quality floor, of quality at least `minQuality`, is searched within
 * `radius` among the signal's own stored values alone (all of them at or above the floor). PDQ's
 * quality measures how strong the picture's gradients are, not how much layout it holds: a copy
 * darkened, faded or blurred falls under the floor while its hash stays near the photo's. The
 * floor still keeps stored values out, where flat pictures would meet each other.
 */
export interface UnderFloorQuery {
  readonly minQuality: number;
  readonly radius: number;
  /**
   * The stored signals such a value is searched in (default: the signal's own). PDQ's also its
   * stored mirror: a darkened copy flipped left to right keeps the mirrored photo's layout.
   */
  readonly searchIn?: readonly string[];
}

/** The stored signals a query value under the quality floor is searched in (see UnderFloorQuery). */
export function searchedUnderFloor(signal: SignalType): readonly string[] {
  return signal.underFloorQuery?.searchIn ?? [signal.name];
}

export interface MirroredQuery {
  /** The stored signal the mirrored value is searched in. */
  readonly signal: string;
  /** The value of the picture mirrored left to right. */
  mirror(value: string): string;
}

export interface WhenPdqReliable {
  readonly quality: number;
  readonly radius?: number;
  readonly detailed?: (value: string) => boolean;
  /** A coarse value against a stored item PDQ cannot speak for: within this (default `radius`). */
  readonly coarseRadius?: number;
}

/** The radius of a coarse value against a stored item PDQ cannot speak for (undefined: none). */
export function coarseRadius(reliable: WhenPdqReliable): number | undefined {
  return reliable.coarseRadius ?? reliable.radius;
}

/**
 * Whether a value may match at all, stored or sent: not under the signal's quality floor (given
 * the item's PDQ quality, when known), nor a value the signal marks as saying nothing.
 */
export function mayMatch(signal: SignalType, value: string, quality: number | null | undefined): boolean {
  if (signal.qualityFloor !== undefined && quality != null && quality < signal.qualityFloor) return false;
  return signal.matchable?.(value) ?? true;
}

/**
 * How far a query value is searched: `radius` as asked, in every stored signal it is searched in
 * (`underFloor` false); within the signal's `underFloorQuery` radius in its own stored values
 * alone, for a value under the quality floor (`underFloor` true); or null, not at all.
 */
export function queryReach(
  signal: SignalType,
  value: string,
  quality: number | null | undefined,
  radius: number,
): { radius: number; underFloor: boolean } | null {
  if (mayMatch(signal, value, quality)) return { radius, underFloor: false };
  const under = signal.underFloorQuery;
  if (!under || quality == null || quality < under.minQuality || !(signal.matchable?.(value) ?? true)) return null;
  return { radius: Math.min(radius, under.radius), underFloor: true };
}

/** The stored signals a value of `signal` is searched in (its own, unless it says otherwise). */
export function searchedIn(signal: SignalType): readonly string[] {
  return signal.searchIn ?? [signal.name];
}

/** The JSON-schema pattern for a signal's values (lower or upper case hex of the right length). */
export function hexPattern(signal: Pick<SignalType, 'hexLength'>): string {
  return `^[0-9a-fA-F]{${signal.hexLength}}$`;
}
