/**
 * Partner NGOs: a name and the referral code they hand to the people they help. A case created
 * with that code counts as one of their referrals; nothing else about the case is theirs to see.
 */
export interface Ngo {
  id: number;
  name: string;
  /** Upper case, as stored; lookups are case-insensitive. */
  code: string;
  active: boolean;
  createdAt: number;
}

/** Referrals of one NGO in one ISO week (`2025-W07`), exact: the route decides what to show. */
export interface WeeklyReferrals {
  week: string;
  count: number;
}

export interface NgoRepository {
  /** A new partner, or null when the code is already taken. */
  create(input: { name: string; code: string }): Ngo | null;
  get(id: number): Ngo | undefined;
  byCode(code: string): Ngo | undefined;
  /** The NGO an (unchecked, user-typed) referral code designates, if it exists and is active. */
  referralNgoId(code: string): number | undefined;
  list(): Ngo[];
  setActive(id: number, active: boolean): boolean;
  /** Cases referred by the NGO, per ISO week (UTC), from `since` (ms) to now; weeks without any are left out. */
  referralsByWeek(ngoId: number, since: number): WeeklyReferrals[];
  /** Cases referred per NGO created in [from, to), for the operators' stats. */
  referralCounts(from: number, to: number): { ngoId: number; code: string; name: string; count: number }[];
}

/** Referral codes as people type them: letters, digits and dashes, compared in upper case. */
export const NGO_CODE_PATTERN = '^[A-Za-z0-9][A-Za-z0-9-]{1,30}[A-Za-z0-9]$';

export function normalizeNgoCode(code: string): string {
  return code.trim().toUpperCase();
}
