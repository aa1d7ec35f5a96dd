/**
 * Idempotency records (the `Idempotency-Key` header of victim POSTs): what lets a retried request
 * whose answer was lost get that same answer instead of creating a second case. The store never
 * sees the key itself: it is looked up by HMAC digest (server keys, like sessions), and the answer
 * and request digest arrive already sealed with a key only the client holds.
 */
export interface IdempotencyRecord {
  /** Keyed digest of the request body, to tell a retry from a different request (opaque here). */
  requestDigest: Buffer;
  /** The 201 answer, sealed (opaque here). */
  sealedResponse: Buffer;
  createdAt: number;
  expiresAt: number;
}

export interface IdempotencyRepository {
  /**
   * The live record for `lookup` (the route and the key, never stored), whichever server key made
   * its digest. An expired record is deleted on the way and not returned.
   */
  find(lookup: string): IdempotencyRecord | undefined;
  /**
   * Saves a record kept for `ttlMs`; call inside the transaction that made the answer, so both
   * commit or neither. False when a live record for `lookup` already exists (another process got
   * there first): nothing is written.
   */
  save(lookup: string, record: { requestDigest: Buffer; sealedResponse: Buffer }, ttlMs: number): boolean;
  /** Deletes expired records; returns how many. */
  purgeExpired(): number;
}
