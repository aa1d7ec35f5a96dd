/**
 * Whether any `size`-byte window of `needle` occurs in `haystack`: a Rabin–Karp rolling hash over
 * the haystack, looked up in the set of the needle's window hashes, and confirmed byte by byte.
 * Linear in both sizes, so every request body can be checked against megabytes of photos.
 */
const BASE = 257;

function power(size: number): number {
  let result = 1;
  for (let i = 0; i < size - 1; i++) result = Math.imul(result, BASE) >>> 0;
  return result;
}

function windowHashes(bytes: Uint8Array, size: number, visit: (hash: number, start: number) => boolean | void): void {
  if (bytes.length < size) return;
  const top = power(size);
  let hash = 0;
  for (let i = 0; i < size; i++) hash = (Math.imul(hash, BASE) + bytes[i]!) >>> 0;
  if (visit(hash, 0) === true) return;
  for (let start = 1; start + size <= bytes.length; start++) {
    hash = (hash - Math.imul(bytes[start - 1]!, top)) >>> 0;
    hash = (Math.imul(hash, BASE) + bytes[start + size - 1]!) >>> 0;
    if (visit(hash, start) === true) return;
  }
}

/** The offset in `haystack` of a window shared with `needle`, or -1. */
export function sharedWindow(needle: Uint8Array, haystack: Uint8Array, size = 64): number {
  const starts = new Map<number, number[]>();
  windowHashes(needle, size, (hash, start) => {
    const list = starts.get(hash);
    if (list) list.push(start);
    else starts.set(hash, [start]);
  });
  let found = -1;
  windowHashes(haystack, size, (hash, at) => {
    for (const start of starts.get(hash) ?? []) {
      let same = true;
      for (let i = 0; i < size && same; i++) same = needle[start + i] === haystack[at + i];
      if (same) {
        found = at;
        return true;
      }
    }
    return false;
  });
  return found;
}
