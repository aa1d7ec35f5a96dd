import { checkRadius, queryCount, readHashInput, readQuery } from './inputs.js';
import { MAX_VARIANTS, VariantFolder } from './match-collector.js';
import type { HashIndex, HashInput, Match, SearchResult, VariantMatch } from './types.js';

/** The query front end both indexes share: input checks, batches and variant folding. */
export abstract class BaseHashIndex implements HashIndex {
  protected readonly query = new Int32Array(8);
  private readonly folder = new VariantFolder();

  abstract readonly size: number;
  abstract readonly byteLength: number;
  abstract add(id: number, hash: HashInput): void;
  abstract remove(id: number): boolean;
  abstract has(id: number): boolean;
  /** Searches for the 8 words in `q` (radius already checked). */
  protected abstract searchWords(q: Int32Array, radius: number): SearchResult;

  search(hash: HashInput, radius: number): Match[] {
    return this.searchWithInfo(hash, radius).matches;
  }

  searchWithInfo(hash: HashInput, radius: number): SearchResult {
    const r = checkRadius(radius);
    return this.searchWords(readHashInput(hash, this.query), r);
  }

  searchMany(hashes: readonly HashInput[] | Uint32Array, radius: number): Match[][] {
    const r = checkRadius(radius);
    const count = queryCount(hashes);
    const out: Match[][] = new Array(count);
    for (let i = 0; i < count; i++) out[i] = this.searchWords(readQuery(hashes, i, this.query), r).matches;
    return out;
  }

  searchVariants(hashes: readonly HashInput[], radius: number): VariantMatch[] {
    const r = checkRadius(radius);
    if (hashes.length > MAX_VARIANTS) throw new RangeError(`hashes: at most ${MAX_VARIANTS} variants per query`);
    this.folder.reset();
    for (let v = 0; v < hashes.length; v++) {
      this.folder.addAll(this.searchWords(readQuery(hashes, v, this.query), r).matches, v);
    }
    return this.folder.toMatches();
  }
}
