import { CHUNKS, slotBits, type PairScheme } from './pair-scheme.js';
import { HEAD_WORDS, TAIL_WORDS } from './verify-block.js';

/**
 * The immutable bulk of an index: one ArrayBuffer (as flatbush/kdbush keep theirs) holding every
 * hash, id and chunk table, so it can be written to disk and mapped back without parsing.
 *
 *   header   u32 magic, version, n, keyBits, filterBits, padded to 64 bytes
 *   head     i32 × 3n   words 0–2 of each hash, by slot
 *   tail     i32 × 5n   words 3–7
 *   idStart  u32 × 65537  first slot whose id has each high 16 bits (slots are in id order)
 *   offsets  i32 × 16 × (2^keyBits + 1)  per chunk table, CSR bucket starts (absolute, into entries)
 *   entries  i32 × 16n  per chunk table, slot << filterBits | filter (see pair-scheme.ts)
 *   idLow    u16 × n     low 16 bits of each slot's id
 *
 * Slots are sorted by id, so id → slot is a binary search within one idStart bucket and the ids
 * cost 2 bytes per hash. At 10M hashes the whole segment is ~98 bytes per hash. Typed arrays use
 * the platform's byte order (little-endian everywhere Node and browsers run), like flatbush.
 */
export const SEGMENT_MAGIC = 0x3148_494d; // "MIH1" read as little-endian bytes
export const SEGMENT_VERSION = 1;
const ID_BUCKETS = 65536;
const HEADER_WORDS = 5;
const ALIGN = 64;

function align(bytes: number): number {
  return Math.ceil(bytes / ALIGN) * ALIGN;
}

interface Sections {
  head: number;
  tail: number;
  idStart: number;
  offsets: number;
  entries: number;
  idLow: number;
  end: number;
}

function offsetsLength(scheme: PairScheme): number {
  return CHUNKS * (2 ** scheme.keyBits + 1);
}

function sections(n: number, scheme: PairScheme): Sections {
  const head = align(HEADER_WORDS * 4);
  const tail = align(head + HEAD_WORDS * 4 * n);
  const idStart = align(tail + TAIL_WORDS * 4 * n);
  const offsets = align(idStart + (ID_BUCKETS + 1) * 4);
  const entries = align(offsets + offsetsLength(scheme) * 4);
  const idLow = align(entries + CHUNKS * n * 4);
  return { head, tail, idStart, offsets, entries, idLow, end: align(idLow + 2 * n) };
}

export class SegmentFormatError extends Error {
  override readonly name = 'SegmentFormatError';
}

export class StaticSegment {
  readonly n: number;
  readonly head: Int32Array;
  readonly tail: Int32Array;
  readonly idStart: Uint32Array;
  readonly offsets: Int32Array;
  readonly entries: Int32Array;
  readonly idLow: Uint16Array;
  /** Buckets per chunk table is 2^keyBits; table f's offsets start at f × tableStride. */
  readonly tableStride: number;

  private constructor(
    readonly buffer: ArrayBuffer,
    readonly scheme: PairScheme,
    n: number,
  ) {
    const s = sections(n, scheme);
    this.n = n;
    this.head = new Int32Array(buffer, s.head, HEAD_WORDS * n);
    this.tail = new Int32Array(buffer, s.tail, TAIL_WORDS * n);
    this.idStart = new Uint32Array(buffer, s.idStart, ID_BUCKETS + 1);
    this.offsets = new Int32Array(buffer, s.offsets, offsetsLength(scheme));
    this.entries = new Int32Array(buffer, s.entries, CHUNKS * n);
    this.idLow = new Uint16Array(buffer, s.idLow, n);
    this.tableStride = 2 ** scheme.keyBits + 1;
  }

  /** A zeroed segment for `n` hashes, to be filled by the builder. */
  static allocate(n: number, scheme: PairScheme): StaticSegment {
    const bytes = sections(n, scheme).end;
    if (bytes > 2 ** 32) throw new RangeError(`index: ${n} hashes exceed one segment's limit (4 GiB buffer)`);
    const buffer = new ArrayBuffer(bytes);
    const header = new Uint32Array(buffer, 0, HEADER_WORDS);
    header[0] = SEGMENT_MAGIC;
    header[1] = SEGMENT_VERSION;
    header[2] = n;
    header[3] = scheme.keyBits;
    header[4] = scheme.filterBits;
    return new StaticSegment(buffer, scheme, n);
  }

  /**
   * Wraps the bytes of a segment's `buffer` (as MihIndex.toBuffer returns it) without copying,
   * flatbush-style: the segment never writes to it. Checks the header, size and table bounds;
   * contents are trusted beyond that (a corrupt buffer gives wrong answers, not memory errors).
   */
  static fromBuffer(data: ArrayBuffer | Uint8Array): StaticSegment {
    let buffer: ArrayBuffer;
    if (data instanceof Uint8Array) {
      // A Node Buffer may start at any byte; typed views need 4-byte alignment.
      const aligned = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
      buffer = aligned && data.buffer instanceof ArrayBuffer ? data.buffer : data.slice().buffer;
    } else {
      buffer = data;
    }
    if (buffer.byteLength < HEADER_WORDS * 4) throw new SegmentFormatError('index buffer: too short for a header');
    const header = new Uint32Array(buffer, 0, HEADER_WORDS);
    if (header[0] !== SEGMENT_MAGIC) throw new SegmentFormatError('index buffer: bad magic (not an MIH index)');
    if (header[1] !== SEGMENT_VERSION) {
      throw new SegmentFormatError(`index buffer: version ${header[1]}, this build reads version ${SEGMENT_VERSION}`);
    }
    const n = header[2]!;
    const scheme = { keyBits: header[3]!, filterBits: header[4]! };
    // Entries pack slot and filter into 32 bits; keys and filters come from 16-bit chunk pairs.
    const { keyBits, filterBits } = scheme;
    if (keyBits < 1 || keyBits > 16 || filterBits < 1 || filterBits > 32 - keyBits || slotBits(n) + filterBits > 32) {
      throw new SegmentFormatError(`index buffer: bad scheme (keyBits ${scheme.keyBits}, filterBits ${scheme.filterBits})`);
    }
    const expected = sections(n, scheme).end;
    if (buffer.byteLength !== expected) {
      throw new SegmentFormatError(`index buffer: ${buffer.byteLength} bytes, expected ${expected} for ${n} hashes`);
    }
    const segment = new StaticSegment(buffer, scheme, n);
    segment.checkBounds();
    return segment;
  }

  private checkBounds(): void {
    const { n, offsets, tableStride, idStart } = this;
    if (idStart[0] !== 0 || idStart[ID_BUCKETS] !== n) throw new SegmentFormatError('index buffer: bad id directory');
    for (let f = 0; f < CHUNKS; f++) {
      if (offsets[f * tableStride] !== f * n || offsets[(f + 1) * tableStride - 1] !== (f + 1) * n) {
        throw new SegmentFormatError(`index buffer: table ${f} offsets out of bounds`);
      }
    }
  }

  /** The slot holding `id`, or -1. */
  slotOf(id: number): number {
    const hi = id >>> 16;
    const lo = id & 0xffff;
    let a = this.idStart[hi]!;
    let b = this.idStart[hi + 1]!;
    const idLow = this.idLow;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (idLow[mid]! < lo) a = mid + 1;
      else b = mid;
    }
    return a < this.idStart[hi + 1]! && idLow[a] === lo ? a : -1;
  }

  /** The id stored at `slot` (its high half found by binary search over idStart). */
  idAt(slot: number): number {
    const idStart = this.idStart;
    let a = 0;
    let b = ID_BUCKETS;
    // Largest hi with idStart[hi] ≤ slot: that bucket contains the slot.
    while (a < b) {
      const mid = (a + b + 1) >>> 1;
      if (idStart[mid]! <= slot) a = mid;
      else b = mid - 1;
    }
    return a * 65536 + this.idLow[slot]!;
  }
}
