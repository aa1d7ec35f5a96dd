/**
 * Operator sessions. The browser holds a random token in a cookie; the store holds only its
 * HMAC digest (server keys), so a copy of the database cannot be used to sign in.
 */
export interface Session {
  /** The stored digest: identifies the row for touch and delete without the token. */
  digest: Buffer;
  operatorId: number;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
  /** Password checked, TOTP code still due: only the TOTP step accepts such a session. */
  totpPending: boolean;
}

export interface NewSession {
  token: string;
  operatorId: number;
  csrfToken: string;
  expiresAt: number;
  totpPending: boolean;
}

export interface SessionRepository {
  create(session: NewSession): void;
  /** The live (unexpired) session for a token, whichever server key made its digest. */
  find(token: string): Session | undefined;
  /** Moves the expiry (idle timeout); never past what the caller computed as the absolute limit. */
  touch(digest: Buffer, expiresAt: number): void;
  delete(digest: Buffer): void;
  /** Signs an operator out everywhere (deactivation, password reset). */
  deleteForOperator(operatorId: number): number;
  purgeExpired(): number;
}
