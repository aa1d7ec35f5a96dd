/**
 * MD5 and SHA-256 of a file's bytes, identical in browsers, workers and Node. SHA-256 uses Web
 * Crypto where it exists (fast, native) and a pure implementation where it does not (pages served
 * over plain http have no crypto.subtle). MD5 is not in Web Crypto: js-md5 is a small, fast
 * pure implementation (~600 MB/s here), still needed because platforms and hash exchanges use it.
 */
import { md5 as md5Impl } from 'js-md5';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

interface SubtleDigest {
  digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>;
}

function subtle(): SubtleDigest | undefined {
  return (globalThis as { crypto?: { subtle?: SubtleDigest } }).crypto?.subtle;
}

export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += bytes[i]!.toString(16).padStart(2, '0');
  return hex;
}

export function md5(bytes: Uint8Array): string {
  return md5Impl(bytes);
}

export async function sha256(bytes: Uint8Array): Promise<string> {
  const webCrypto = subtle();
  if (webCrypto) return toHex(new Uint8Array(await webCrypto.digest('SHA-256', bytes)));
  return toHex(nobleSha256(bytes));
}

/** Streaming MD5 + SHA-256 for inputs read in chunks (large videos are never held whole). */
export function createDigestStream(): { update(chunk: Uint8Array): void; digest(): { md5: string; sha256: string } } {
  const m = md5Impl.create();
  const s = nobleSha256.create();
  return {
    update(chunk) {
      m.update(chunk);
      s.update(chunk);
    },
    digest: () => ({ md5: m.hex(), sha256: toHex(s.digest()) }),
  };
}
