/**
 * What operators see of the bank and the one thing they change in it: an item's fingerprints and
 * history (never an image: there is none), and disabling an item so it stops matching. Disabling
 * is reversible and keeps the hashes (unlike a victim's withdrawal, which deletes them).
 */
import type { CaseStatus, ItemStatus, ItemType, SignalValue, VideoFrame } from './cases-repository.js';

export interface NgoRef {
  id: number;
  code: string;
  name: string;
}

export interface ItemDetail {
  itemId: number;
  caseId: string;
  type: ItemType;
  createdAt: number;
  quality: number | null;
  reliable: boolean;
  durationMs: number | null;
  /** Seconds between a video's sampled frames; null for photos. */
  frameInterval: number | null;
  status: ItemStatus;
  withdrawnAt: number | null;
  disabledAt: number | null;
  disabledReason: string | null;
  disabledBy: number | null;
  /** Empty once withdrawn: the values are deleted. */
  signals: SignalValue[];
  frames: VideoFrame[];
  /** The NGO whose referral code the case was created with. */
  ngo: NgoRef | null;
}

export interface CaseDetail {
  caseId: string;
  status: CaseStatus;
  createdAt: number;
  updatedAt: number;
  withdrawnAt: number | null;
  ngo: NgoRef | null;
  items: ItemDetail[];
}

export interface ModerationRepository {
  item(itemId: number): ItemDetail | undefined;
  caseDetail(caseId: string): CaseDetail | undefined;
  /** Marks an active item disabled; false when it is not active (already disabled, or withdrawn). */
  disable(itemId: number, operatorId: number | null, reason: string): boolean;
  /** Clears the mark of a disabled item; returns the item as it now is, or null when it was not disabled. */
  enable(itemId: number): ItemDetail | null;
}
