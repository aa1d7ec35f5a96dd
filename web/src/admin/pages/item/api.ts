/** An item as operators see it (server/src/routes/admin/item-view.ts): fingerprints, never an image. */
import type { VideoFrame } from '@disrupt/hash-core';
import { http } from '../../lib/admin-api.js';
import type { Match } from '../matches/api.js';

export type ItemStatus = 'active' | 'disabled' | 'withdrawn';
export interface NgoRef {
  id: number;
  code: string;
  name: string;
}

export interface ItemSummary {
  itemId: number;
  type: 'image' | 'video';
  createdAt: string;
  quality: number | null;
  reliable: boolean;
  durationMs: number | null;
  status: ItemStatus;
  withdrawnAt: string | null;
  disabledAt: string | null;
  disabledReason: string | null;
  disabledBy: number | null;
}

export interface Item extends ItemSummary {
  caseId: string;
  ngo: NgoRef | null;
  signals: { signal: string; value: string }[];
  /** Videos: seconds between sampled frames. */
  frameInterval: number | null;
  /** Videos: the sampled frames with the PDQ variants they carry (under quality 50, only the mirror); empty once withdrawn. */
  frames: ItemFrame[];
}

/** A sampled frame as the server shows it: hash-core's VideoFrame. */
export type ItemFrame = VideoFrame;

export const getItem = (id: string) => http.get<{ item: Item; matches: Match[]; matchCount: number }>(`/v1/admin/items/${encodeURIComponent(id)}`);
export const disableItem = (id: number, reason: string) => http.post<Item>(`/v1/admin/items/${id}/disable`, { reason });
export const enableItem = (id: number, reason: string) => http.post<Item>(`/v1/admin/items/${id}/enable`, reason.trim() ? { reason: reason.trim() } : {});
