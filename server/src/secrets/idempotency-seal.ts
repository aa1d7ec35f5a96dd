/**
 * Sealing of idempotency records. The stored 201 answer of POST /v1/cases holds the case secret,
 * so it is encrypted (AES-256-GCM) with a key derived by HKDF from the client's Idempotency-Key,
 * which is never stored: a copy of the database, even with the server keys, cannot open it. The
 * request body is kept only as an HMAC keyed the same way, to tell a retry (same body) from a
 * reused key (different body) without keeping the fingerprints it holds.
 *
 * Layout of a sealed answer: version (1 byte) | HKDF salt (16) | GCM nonce (12) | GCM tag (16) | ciphertext.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

const VERSION = 1;
const SALT_BYTES = 16;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + SALT_BYTES + NONCE_BYTES + TAG_BYTES;

export interface SealedAnswer {
  requestDigest: Buffer;
  sealedResponse: Buffer;
}

/** One key per purpose, so the request digest and the cipher never share a key. */
function derive(idempotencyKey: string, salt: Buffer, purpose: 'request' | 'response'): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(idempotencyKey, 'utf8'), salt, `disrupt-hash idempotency v${VERSION} ${purpose}`, 32));
}

const requestDigestOf = (idempotencyKey: string, salt: Buffer, request: string) =>
  createHmac('sha256', derive(idempotencyKey, salt, 'request')).update(request, 'utf8').digest();

export function sealAnswer(idempotencyKey: string, request: string, answer: unknown): SealedAnswer {
  const salt = randomBytes(SALT_BYTES);
  const nonce = randomBytes(NONCE_BYTES);
  const requestDigest = requestDigestOf(idempotencyKey, salt, request);
  const cipher = createCipheriv('aes-256-gcm', derive(idempotencyKey, salt, 'response'), nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(requestDigest); // bound to its request: a blob moved to another record does not open
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(answer), 'utf8'), cipher.final()]);
  return { requestDigest, sealedResponse: Buffer.concat([Buffer.of(VERSION), salt, nonce, cipher.getAuthTag(), ciphertext]) };
}

/** The answer sealed for this key when `request` is the request that made it; `same: false` otherwise. */
export function openAnswer<T>(idempotencyKey: string, request: string, stored: SealedAnswer): { same: true; answer: T } | { same: false } {
  const blob = stored.sealedResponse;
  if (blob.length < HEADER_BYTES || blob[0] !== VERSION) throw new Error('idempotency record: unknown sealing format');
  const salt = blob.subarray(1, 1 + SALT_BYTES);
  const nonce = blob.subarray(1 + SALT_BYTES, 1 + SALT_BYTES + NONCE_BYTES);
  const tag = blob.subarray(1 + SALT_BYTES + NONCE_BYTES, HEADER_BYTES);
  const digest = requestDigestOf(idempotencyKey, salt, request);
  if (digest.length !== stored.requestDigest.length || !timingSafeEqual(digest, stored.requestDigest)) return { same: false };
  const decipher = createDecipheriv('aes-256-gcm', derive(idempotencyKey, salt, 'response'), nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(stored.requestDigest);
  decipher.setAuthTag(tag);
  const text = Buffer.concat([decipher.update(blob.subarray(HEADER_BYTES)), decipher.final()]).toString('utf8');
  return { same: true, answer: JSON.parse(text) as T };
}
