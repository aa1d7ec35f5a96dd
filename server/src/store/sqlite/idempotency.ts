import type { IdempotencyRecord, IdempotencyRepository } from '../idempotency-repository.js';
import type { StoreContext } from './context.js';

interface IdempotencyRow {
  keyDigest: Buffer;
  requestDigest: Buffer;
  sealedResponse: Buffer;
  createdAt: number;
  expiresAt: number;
}

export function createSqliteIdempotency({ db, keys, now }: StoreContext): IdempotencyRepository {
  const byDigest = db.prepare<[Buffer, string], IdempotencyRow>(
    `SELECT key_digest AS keyDigest, request_digest AS requestDigest, sealed_response AS sealedResponse, created_at AS createdAt, expires_at AS expiresAt
       FROM idempotency_keys WHERE key_digest = ? AND key_id = ?`,
  );
  const insert = db.prepare<[Buffer, string, Buffer, Buffer, number, number]>(
    'INSERT OR IGNORE INTO idempotency_keys (key_digest, key_id, request_digest, sealed_response, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const remove = db.prepare<[Buffer]>('DELETE FROM idempotency_keys WHERE key_digest = ?');
  const purge = db.prepare<[number]>('DELETE FROM idempotency_keys WHERE expires_at <= ?');

  return {
    find(lookup) {
      const at = now();
      for (const { keyId, digest } of keys.allDigests(lookup)) {
        const row = byDigest.get(digest, keyId);
        if (!row) continue;
        if (row.expiresAt <= at) {
          remove.run(row.keyDigest);
          return undefined;
        }
        const record: IdempotencyRecord = { requestDigest: row.requestDigest, sealedResponse: row.sealedResponse, createdAt: row.createdAt, expiresAt: row.expiresAt };
        return record;
      }
      return undefined;
    },
    save(lookup, { requestDigest, sealedResponse }, ttlMs) {
      const { keyId, digest } = keys.digest(lookup);
      const at = now();
      return insert.run(digest, keyId, requestDigest, sealedResponse, at, at + ttlMs).changes === 1;
    },
    purgeExpired: () => purge.run(now()).changes,
  };
}
