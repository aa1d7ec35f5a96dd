/**
 * CaseRepository: a victim's case and its items (the fingerprints of their files). Every write
 * that touches several rows is one transaction, and also writes the matching change-feed records,
 * so a withdrawal can never leave a hash behind in the feed or the exact-hash index.
 */
import { VIDEO_FRAME_VARIANTS, type VideoFrame, type VideoFrameVariant } from '@disrupt/hash-core';
import type { Digest } from '../secrets/server-keys.js';

export type CaseStatus = 'active' | 'withdrawn';
/** `disabled`: an operator stopped it from matching; `withdrawn`: its hashes are deleted. */
export type ItemStatus = 'active' | 'disabled' | 'withdrawn';
export type ItemType = 'image' | 'video';

export interface CaseRecord {
  id: string;
  secret: Digest;
  createdAt: number;
  updatedAt: number;
  status: CaseStatus;
  withdrawnAt: number | null;
}

export interface SignalValue {
  signal: string;
  /** Normalised (lower-case hex). */
  value: string;
}

/** The PDQ variants a video frame may carry. */
export const FRAME_VARIANT_FIELDS = VIDEO_FRAME_VARIANTS;
export type FrameVariantField = VideoFrameVariant;

/** One sampled frame of a video, `t` in seconds from the start; a variant is absent under quality 50. */
export type { VideoFrame };

/** A frame of an active video, with its item and position, for filling the in-memory frame indexes. */
export interface ActiveFrame extends VideoFrame {
  itemId: number;
  seq: number;
}

export interface NewItem {
  type: ItemType;
  /** PDQ quality (0–100), when the item has a PDQ. */
  quality: number | null;
  /** False when the quality is under the PDQ floor: kept, but its PDQ never matches. */
  reliable: boolean;
  signals: SignalValue[];
  frames?: VideoFrame[];
  durationMs?: number;
  /** Seconds between sampled frames. */
  frameInterval?: number;
}

export interface StoredItem {
  itemId: number;
  /** The case already held an item with the same SHA-256: that item is returned, not a copy. */
  duplicate: boolean;
}

export interface CaseItemRecord {
  itemId: number;
  type: ItemType;
  createdAt: number;
  quality: number | null;
  reliable: boolean;
  /** Videos: length in milliseconds; null for photos. */
  durationMs: number | null;
  status: ItemStatus;
  withdrawnAt: number | null;
}

/** An item whose hashes were just deleted; the caller removes it from the in-memory indexes. */
export interface WithdrawnItem {
  itemId: number;
  signals: string[];
}

/** A stored value that may match (same shape as the match bank's entries). */
export interface ActiveSignal {
  itemId: number;
  signal: string;
  value: string;
  quality: number | null;
}

export interface CaseRepository {
  /**
   * Creates a case with its first items (and their feed `add` records) in one transaction. `newId`
   * is called again if an id is already taken. An unknown or inactive referral code is ignored.
   */
  create(input: { secret: Digest; referral?: string; items: NewItem[] }, newId: () => string): { caseId: string; items: StoredItem[] };
  find(caseId: string): CaseRecord | undefined;
  /** The items of a case, oldest first, withdrawn ones included (their hashes are gone). */
  items(caseId: string): CaseItemRecord[];
  /** Adds items to an active case in one transaction; results in the order given. */
  addItems(caseId: string, items: NewItem[]): StoredItem[];
  /**
   * Deletes one item's hashes, redacts its feed records and appends `remove` records, in one
   * transaction. `undefined` when the item is not in this case; an empty `signals` list when it
   * was already withdrawn.
   */
  withdrawItem(caseId: string, itemId: number): WithdrawnItem | undefined;
  /** Withdraws every item of the case and marks the case withdrawn, in one transaction. */
  withdrawCase(caseId: string): WithdrawnItem[];
  /**
   * Retention: withdraws every active case not updated for `retentionDays` days before `now`
   * (one transaction per case). Returns the withdrawn items for the in-memory indexes.
   */
  purgeExpiredCases(now: number, retentionDays: number): WithdrawnItem[];
  /** Ids of active (not withdrawn, not disabled) items holding exactly this normalised value. */
  findExact(signal: string, value: string): number[];
  /** Every value that may match, for filling the in-memory indexes at start. */
  activeBankEntries(signals: readonly string[]): IterableIterator<ActiveSignal>;
  /** Every frame of the active videos, by item then position, for the in-memory frame indexes. */
  activeFrames(): IterableIterator<ActiveFrame>;
  /** The frames of a video, in order (empty when withdrawn); `interval` is its sampling interval in seconds. */
  videoFrames(itemId: number): { frames: VideoFrame[]; interval: number | null };
  /** The timestamp (seconds) of one frame of a video, if it is still stored. */
  frameTime(itemId: number, seq: number): number | undefined;
  /** Matches platforms reported `blocked`, minus those an operator reviewed as false positives. */
  confirmedMatchCount(caseId: string): number;
}
