/**
 * The audit log: who did what, when, to what. `actor` is `operator:<id>`, `cli`, `platform:<id>`
 * or `system`; `target` names the object (`item:12`, `operator:3`…). `detail` is a small JSON
 * object and must never carry a hash value, a secret or a password: the repository drops such
 * fields rather than trusting every caller to remember.
 */
export interface AuditEntry {
  id: number;
  at: number;
  actor: string;
  /** The operator's username when the actor is an operator that still exists. */
  actorName: string | null;
  action: string;
  target: string | null;
  detail: Record<string, unknown> | null;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  /** Inclusive lower bound, ms. */
  from?: number;
  /** Exclusive upper bound, ms. */
  to?: number;
  limit: number;
  offset: number;
}

export interface AuditRepository {
  record(actor: string, action: string, target: string | null, detail?: Record<string, unknown> | null): void;
  /** Newest first. */
  list(filter: AuditFilter): { entries: AuditEntry[]; total: number };
}

const SECRET_KEY = /pass|secret|token|key|hash|totp|^(pdq|md5|sha1|sha256|blockhash|dihedral|frames|value)$/i;
// A run of 32+ hex digits is a fingerprint (MD5 and up) or a digest: never worth keeping here.
const HEX_RUN = /[0-9a-f]{32,}/i;

/** `detail` without anything that looks like a secret or a hash (keys by name, values by shape). */
export function sanitizeAuditDetail(detail: Record<string, unknown>): Record<string, unknown> {
  const clean: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(detail)) {
    if (SECRET_KEY.test(key) || value === undefined) continue;
    clean[key] = sanitizeValue(value);
  }
  return clean;
}

function sanitizeValue(value: unknown): unknown {
  if (typeof value === 'string') return HEX_RUN.test(value) ? value.replace(new RegExp(HEX_RUN.source, 'gi'), '[redacted]') : value;
  if (Array.isArray(value)) return value.map(sanitizeValue);
  if (value !== null && typeof value === 'object') return sanitizeAuditDetail(value as Record<string, unknown>);
  return value;
}
