/**
 * MatchEventRepository: every match the bank reported to a platform, with the platform's feedback
 * and the operator's review. What a platform sent is never kept: only its opaque `ref`, the
 * signal, the distance and the matched item (a match is a signal for review, not a verdict).
 */
import type { VideoEvidence } from '@disrupt/hash-core';

export const FEEDBACK_DECISIONS = ['blocked', 'not_ncii', 'pending'] as const;
export type FeedbackDecision = (typeof FEEDBACK_DECISIONS)[number];

export const REVIEW_DECISIONS = ['confirmed', 'false_positive', 'needs_review'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** What a video match adds (timestamps and shares, never a hash); defined once in hash-core. */
export type { VideoEvidence };

export interface NewMatchEvent {
  platformId: number;
  itemId: number;
  signal: string;
  distance: number;
  /** Index of the query's dihedral variant that matched (PDQ_DIHEDRAL_NAMES), when one was searched. */
  variant: number | null;
  /** The platform's own reference for the content; never a hash. */
  ref: string | null;
  video?: VideoEvidence;
  /** The PDQ quality of the picture sent, when under the floor (the closer rule matched it). */
  queryQuality?: number | null;
}

export interface MatchEvent {
  id: number;
  platformId: number;
  platformName: string;
  /** Null once the item's case was deleted (the event stays, for the counts). */
  itemId: number | null;
  caseId: string | null;
  createdAt: number;
  signal: string;
  distance: number;
  variant: number | null;
  ref: string | null;
  /** Video matches only. */
  video: VideoEvidence | null;
  /** The picture sent was under PDQ's quality floor, of this quality: matched by the closer rule. */
  queryQuality: number | null;
  feedback: FeedbackDecision | null;
  feedbackNote: string | null;
  feedbackAt: number | null;
  review: ReviewDecision | null;
  reviewNote: string | null;
  reviewedBy: number | null;
  reviewedAt: number | null;
}

/** Filters combine with AND; `'none'` selects events without feedback / without review. */
export interface MatchEventFilter {
  /** Inclusive lower bound of `createdAt` (ms since epoch). */
  from?: number;
  /** Exclusive upper bound of `createdAt`. */
  to?: number;
  platformId?: number;
  signal?: string;
  minDistance?: number;
  maxDistance?: number;
  feedback?: FeedbackDecision | 'none';
  review?: ReviewDecision | 'none';
  caseId?: string;
  itemId?: number;
}

/**
 * `newest`: newest first; `oldest`: oldest first. `closest` / `farthest`: by distance (ascending /
 * descending), newest first among equal distances. `disputes-first`: the review queue — matches a
 * platform disputed (feedback `not_ncii`) first, then the rest, newest first within each group.
 * `open-first`: the matches no operator settled yet (no review, or `needs_review`) first, then the rest.
 */
export const MATCH_EVENT_ORDERS = ['newest', 'oldest', 'closest', 'farthest', 'disputes-first', 'open-first'] as const;
export type MatchEventOrder = (typeof MATCH_EVENT_ORDERS)[number];

export interface MatchEventPage {
  /** Opaque cursor from a previous page's `next`. */
  cursor?: string;
  /** 1 to 500; default 50. */
  limit?: number;
  order?: MatchEventOrder;
}

export interface MatchEventList {
  events: MatchEvent[];
  /** Cursor of the next page, or null when this was the last one. */
  next: string | null;
}

export interface MatchEventRepository {
  /**
   * Records the matches of one request in one transaction; returns their ids in the same order.
   * The case id is taken from the matched item at the time of the match. An item that is no
   * longer active (withdrawn or disabled) is not recorded and gets null: the store has the last
   * word, whatever an in-memory index still holds.
   */
  record(events: readonly NewMatchEvent[]): (number | null)[];
  get(id: number): MatchEvent | undefined;
  /**
   * Sets (or replaces: the latest wins) the feedback of a match, only for the platform that
   * received it. Returns the updated event, or undefined when there is no such match for that
   * platform (the caller answers 404 either way: another platform's matches are not disclosed).
   */
  setFeedback(matchId: number, platformId: number, decision: FeedbackDecision, note: string | null): MatchEvent | undefined;
  /** An operator's review (latest wins). Returns the updated event, or undefined if unknown. */
  review(matchId: number, operatorId: number, review: ReviewDecision, note: string | null): MatchEvent | undefined;
  /** Filtered, cursor-paginated list. Throws InvalidCursorError on a cursor it did not make. */
  list(filter?: MatchEventFilter, page?: MatchEventPage): MatchEventList;
  /** Matching events in total (for the filter's stats line). */
  count(filter?: MatchEventFilter): number;
  /** The platforms that have at least one match event, by name (for the review filters). */
  platforms(): { id: number; name: string }[];
}

export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor() {
    super('the cursor is not one this list returned');
  }
}

export const MATCH_EVENT_PAGE_DEFAULT = 50;
export const MATCH_EVENT_PAGE_MAX = 500;
