import { HASH256_WORDS, MihIndex, parseHash } from '@disrupt/hash-core';

/**
 * Ids and hashes gathered for one bulk index build (start-up): growable typed arrays, so 10M
 * hashes cost 36 bytes each while they are collected, not an object per hash.
 */
export class BulkCollector {
  private ids = new Uint32Array(1024);
  private words = new Uint32Array(1024 * HASH256_WORDS);
  private n = 0;

  push(id: number, hash: string, field: string): void {
    if (this.n === this.ids.length) {
      const ids = new Uint32Array(this.ids.length * 2);
      ids.set(this.ids);
      const words = new Uint32Array(this.words.length * 2);
      words.set(this.words);
      this.ids = ids;
      this.words = words;
    }
    this.ids[this.n] = id;
    parseHash(hash, field, this.words, this.n * HASH256_WORDS);
    this.n++;
  }

  build(): MihIndex {
    return MihIndex.build(this.ids.subarray(0, this.n), this.words.subarray(0, this.n * HASH256_WORDS));
  }
}
