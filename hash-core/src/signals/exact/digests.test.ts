import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { createDigestStream, md5, sha256 } from './digests.js';

const bytes = Uint8Array.from({ length: 100_003 }, (_, i) => (i * 2654435761) >>> 24);
const nodeDigest = (alg: string, b: Uint8Array) => createHash(alg).update(b).digest('hex');

describe('exact digests', () => {
  it('match the known empty-input vectors', async () => {
    expect(md5(new Uint8Array())).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(await sha256(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
  it('agree with Node crypto on arbitrary bytes', async () => {
    expect(md5(bytes)).toBe(nodeDigest('md5', bytes));
    expect(await sha256(bytes)).toBe(nodeDigest('sha256', bytes));
  });
  it('compute SHA-256 without Web Crypto (pages served over plain http have none)', async () => {
    vi.stubGlobal('crypto', undefined);
    try {
      expect(await sha256(bytes)).toBe(nodeDigest('sha256', bytes));
    } finally {
      vi.unstubAllGlobals();
    }
  });
  it('stream in chunks to the same digests', () => {
    const stream = createDigestStream();
    for (let i = 0; i < bytes.length; i += 4096) stream.update(bytes.subarray(i, i + 4096));
    expect(stream.digest()).toEqual({ md5: nodeDigest('md5', bytes), sha256: nodeDigest('sha256', bytes) });
  });
});
