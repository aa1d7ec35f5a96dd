/**
 * QuarantineRepository: items quarantined automatically because platforms disputed them (bank
 * poisoning: hashes of widely shared, non-intimate pictures submitted to get them blocked), and
 * the operators' decisions on them. Counts and dates only, never a hash.
 */
import type { ItemStatus, ItemType } from './cases-repository.js';

export const QUARANTINE_REASONS = ['disputed', 'abnormal_rate'] as const;
export type QuarantineReason = (typeof QUARANTINE_REASONS)[number];

export const QUARANTINE_DECISIONS = ['restore', 'disable'] as const;
export type QuarantineDecision = (typeof QUARANTINE_DECISIONS)[number];

/** What the rules look at for one item. */
export interface QuarantineEvidence {
  /** The item can still match (neither withdrawn nor disabled). */
  active: boolean;
  /** Distinct platforms whose current feedback on a match of the item is `not_ncii`. */
  disputingPlatforms: number;
  /** Matches of the item in the rate rule's window. */
  windowMatches: number;
  /** Distinct platforms among those matches. */
  matchingPlatforms: number;
}

export interface Quarantine {
  id: number;
  itemId: number;
  caseId: string;
  itemType: ItemType;
  /** The item as it is now (`disabled` while the quarantine holds). */
  itemStatus: ItemStatus;
  createdAt: number;
  reason: QuarantineReason;
  disputingPlatforms: number;
  windowMatches: number;
  matchingPlatforms: number;
  decision: QuarantineDecision | null;
  decidedBy: number | null;
  decidedByName: string | null;
  decidedAt: number | null;
  note: string | null;
}

export type QuarantineStatus = 'open' | 'decided' | 'all';

export interface QuarantineRepository {
  /**
   * Evidence about an item: feedback given after `since` (ms; the last restore, or 0), matches
   * recorded at or after `windowStart`.
   */
  evidence(itemId: number, since: number, windowStart: number): QuarantineEvidence;
  /** When an operator last restored this item from quarantine, if ever. */
  restoredAt(itemId: number): number | null;
  /** The undecided quarantine of an item, if any. */
  openFor(itemId: number): Quarantine | undefined;
  create(itemId: number, reason: QuarantineReason, evidence: QuarantineEvidence): Quarantine;
  get(id: number): Quarantine | undefined;
  /** Newest first. */
  list(status: QuarantineStatus, limit: number, offset: number): { alerts: Quarantine[]; total: number };
  /** Undecided quarantines (the console's badge). */
  openCount(): number;
  /** Records an operator's decision; false when it was already decided. */
  decide(id: number, decision: QuarantineDecision, operatorId: number, note: string | null): boolean;
  /** A disabled item's disable becomes the operator's own (who, why), as if they had disabled it. */
  adoptDisable(itemId: number, operatorId: number, reason: string): void;
}
