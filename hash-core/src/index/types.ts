/**
 * The contract every 256-bit hash index here honours (the multi-index one and the brute-force
 * oracle), so tests and callers can swap one for the other.
 */

/** A hash as 64 hex characters or as 8 unsigned 32-bit words (word 0 = hex characters 0–7). */
export type HashInput = string | Uint32Array;

/** One stored item within the search radius. */
export interface Match {
  readonly id: number;
  readonly distance: number;
}

/** A match of a multi-hash query: the best distance over the query hashes and which one gave it. */
export interface VariantMatch extends Match {
  /** Index into the query hashes of the (first) hash that reached `distance`. */
  readonly variant: number;
}

/**
 * `mih`: multi-index probes of the chunk tables, exact for the radius. `linear`: every stored hash
 * was compared, because the radius is beyond what the multi-index scheme covers (MIH_MAX_RADIUS).
 */
export type SearchStrategy = 'mih' | 'linear';

export interface SearchResult {
  /** Sorted by distance, then id. */
  readonly matches: Match[];
  readonly strategy: SearchStrategy;
  /**
   * Work done: table entries examined (each a filter test; few reach a distance computation),
   * or stored hashes compared by a linear scan.
   */
  readonly candidates: number;
}

export interface HashIndex {
  /** Live (added and not removed) ids. */
  readonly size: number;
  /** Bytes held by the index's own typed arrays (inputs are copied, never borrowed). */
  readonly byteLength: number;
  /** Adds `id` (a uint32), replacing its hash when it is already present. */
  add(id: number, hash: HashInput): void;
  /** Returns whether `id` was present. */
  remove(id: number): boolean;
  has(id: number): boolean;
  /** Every stored hash within `radius` bits of `hash`, sorted by distance then id. */
  search(hash: HashInput, radius: number): Match[];
  searchWithInfo(hash: HashInput, radius: number): SearchResult;
  /** One result list per query; `hashes` may also be packed words, 8 per hash. */
  searchMany(hashes: readonly HashInput[] | Uint32Array, radius: number): Match[][];
  /** Per id, the best distance over all `hashes` (e.g. a photo's 8 dihedral PDQ hashes). */
  searchVariants(hashes: readonly HashInput[], radius: number): VariantMatch[];
}
