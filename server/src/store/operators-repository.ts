/**
 * Operators of the service: admins, reviewers, and NGO accounts (role `ngo`, tied to one NGO).
 * Passwords are stored as scrypt hashes (secrets/passwords.ts); a TOTP secret is kept only once
 * its owner confirmed it with a code.
 */
export const OPERATOR_ROLES = ['admin', 'reviewer', 'ngo'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

/** What may be shown about an operator (no password hash, no TOTP secret). */
export interface Operator {
  id: number;
  username: string;
  role: OperatorRole;
  ngoId: number | null;
  active: boolean;
  totpEnabled: boolean;
  createdAt: number;
  lastLoginAt: number | null;
}

/** For checking a login, never for answering a request. */
export interface OperatorCredentials extends Operator {
  passwordHash: string;
  totpSecret: string | null;
}

export interface NewOperator {
  username: string;
  passwordHash: string;
  role: OperatorRole;
  ngoId: number | null;
}

export interface OperatorRepository {
  /** A new operator, or null when the username is taken. */
  create(input: NewOperator): Operator | null;
  get(id: number): Operator | undefined;
  byUsername(username: string): Operator | undefined;
  credentials(id: number): OperatorCredentials | undefined;
  credentialsByUsername(username: string): OperatorCredentials | undefined;
  list(): Operator[];
  setPassword(id: number, passwordHash: string): boolean;
  setRole(id: number, role: OperatorRole, ngoId: number | null): boolean;
  setActive(id: number, active: boolean): boolean;
  setTotpSecret(id: number, secret: string | null): boolean;
  recordLogin(id: number): void;
  /** Active admins: the last one may not be deactivated or demoted. */
  countActiveAdmins(): number;
}

/** Usernames are compared in lower case; letters, digits and . _ @ - only. */
export const USERNAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._@-]{1,62}[A-Za-z0-9]$';

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}
