/**
 * PrivacyRepository: what data protection needs from the store beyond each area's own work —
 * deleting match events past their retention, a case owner's match counts for the export, and
 * making sure deleted rows leave no copy in the write-ahead log.
 */

/** Matches of one item on one platform (for the owner's export): counts and dates, never a ref. */
export interface PlatformMatchSummary {
  /** Null when the item's row is gone (its case was deleted). */
  itemId: number | null;
  platform: string;
  matches: number;
  firstAt: number;
  lastAt: number;
  /** Matches the platform reported it blocked. */
  blocked: number;
  /** Matches the platform said were not this kind of content. */
  disputed: number;
}

export interface PrivacyRepository {
  /** Deletes match events created before `cutoff` (ms); returns how many. */
  purgeMatchEventsBefore(cutoff: number): number;
  /** Per item and platform, the matches of a case. */
  caseMatchSummary(caseId: string): PlatformMatchSummary[];
  /**
   * Copies the write-ahead log into the database and truncates it: with secure_delete, a deleted
   * row then exists in no file. Returns false when a reader kept it from completing.
   */
  checkpoint(): boolean;
}
