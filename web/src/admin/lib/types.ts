/** The shapes the admin API answers (server/src/routes/admin/schemas.ts), as the console uses them. */
export type Role = 'admin' | 'reviewer' | 'ngo';

export interface OperatorView {
  id: number;
  username: string;
  role: Role;
  ngo: { id: number; name: string; code: string } | null;
  active: boolean;
  totpEnabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface SignedIn {
  operator: OperatorView;
  csrfToken: string;
  expiresAt: string;
}
