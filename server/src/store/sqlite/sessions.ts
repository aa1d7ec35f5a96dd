import type { Session, SessionRepository } from '../sessions-repository.js';
import type { StoreContext } from './context.js';

interface SessionRow {
  token_digest: Buffer;
  operator_id: number;
  csrf_token: string;
  created_at: number;
  expires_at: number;
  totp_pending: number;
}

const toSession = (row: SessionRow): Session => ({
  digest: row.token_digest,
  operatorId: row.operator_id,
  csrfToken: row.csrf_token,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  totpPending: row.totp_pending === 1,
});

export function createSqliteSessions({ db, keys, now }: StoreContext): SessionRepository {
  const insert = db.prepare<[Buffer, string, number, string, number, number, number]>(
    'INSERT INTO sessions (token_digest, key_id, operator_id, csrf_token, created_at, expires_at, totp_pending) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const byDigest = db.prepare<[Buffer, string, number], SessionRow>('SELECT * FROM sessions WHERE token_digest = ? AND key_id = ? AND expires_at > ?');
  const touch = db.prepare<[number, Buffer]>('UPDATE sessions SET expires_at = ? WHERE token_digest = ?');
  const remove = db.prepare<[Buffer]>('DELETE FROM sessions WHERE token_digest = ?');
  const removeFor = db.prepare<[number]>('DELETE FROM sessions WHERE operator_id = ?');
  const purge = db.prepare<[number]>('DELETE FROM sessions WHERE expires_at <= ?');

  return {
    create({ token, operatorId, csrfToken, expiresAt, totpPending }) {
      const { keyId, digest } = keys.digest(token);
      insert.run(digest, keyId, operatorId, csrfToken, now(), expiresAt, totpPending ? 1 : 0);
    },
    find(token) {
      const at = now();
      for (const { keyId, digest } of keys.allDigests(token)) {
        const row = byDigest.get(digest, keyId, at);
        if (row) return toSession(row);
      }
      return undefined;
    },
    touch: (digest, expiresAt) => void touch.run(expiresAt, digest),
    delete: (digest) => void remove.run(digest),
    deleteForOperator: (operatorId) => removeFor.run(operatorId).changes,
    purgeExpired: () => purge.run(now()).changes,
  };
}
