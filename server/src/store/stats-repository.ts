/** Counts for the operators' dashboard over a time range [from, to) in ms; days are UTC. */
export interface DayCount {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  key: string;
  count: number;
}

export interface BankStats {
  /** Matches per day and platform name. */
  matchesByPlatform: DayCount[];
  /** Matches per day and platform feedback (`blocked`, `not_ncii`, `pending`, or `none`). */
  matchesByFeedback: DayCount[];
  submissions: { cases: number; items: number };
  withdrawals: { cases: number; items: number };
  /** Matches a platform disputed (`not_ncii`) in the range, and those of them no operator settled yet. */
  disputes: { total: number; open: number };
  /** Items disabled by an operator now (re-enabled and withdrawn ones not counted). */
  disabledItems: number;
  /** Distinct items an operator disabled during the range (from the audit log), re-enabled since or not. */
  disabledInRange: number;
}

export interface StatsRepository {
  bank(from: number, to: number): BankStats;
}
