/** The match log's calls and shapes (server/src/routes/admin/match-view.ts, matches.ts). */
import type { VideoEvidence } from '@disrupt/hash-core';
import { http } from '../../lib/admin-api.js';

export type Feedback = 'blocked' | 'not_ncii' | 'pending';
export type Review = 'confirmed' | 'false_positive' | 'needs_review';
export const FEEDBACKS: readonly Feedback[] = ['blocked', 'not_ncii', 'pending'];
export const REVIEWS: readonly Review[] = ['confirmed', 'false_positive', 'needs_review'];
export const ORDERS = ['newest', 'oldest', 'closest', 'farthest'] as const;
export type Order = (typeof ORDERS)[number];

export interface Match {
  id: number;
  platform: { id: number; name: string };
  itemId: number | null;
  /** The case id shortened (`DSR-7K4M-…`): the full id is on the item. */
  caseRef: string | null;
  createdAt: string;
  signal: string;
  distance: number;
  variant: number | null;
  ref: string | null;
  /** Video matches: how the videos matched, or where in a video the matching frame is. */
  video: VideoEvidence | null;
  /** The platform's picture was under PDQ's quality floor, of this quality: matched by the closer rule. */
  queryQuality: number | null;
  feedback: Feedback | null;
  feedbackNote: string | null;
  feedbackAt: string | null;
  review: Review | null;
  reviewNote: string | null;
  reviewedBy: { id: number; username: string | null } | null;
  reviewedAt: string | null;
}

/** What the server keeps of a video match: times and shares, never a hash (defined once in hash-core). */
export type { VideoEvidence };

export interface MatchList {
  matches: Match[];
  next: string | null;
  total: number;
}

/** The server's query for the log: what the page's address holds, by the API's names. */
export type ListQuery = Record<string, string | number | undefined>;

export const PAGE_MAX = 500;

export const listMatches = (query: ListQuery) => http.get<MatchList>('/v1/admin/matches', query);
export const listDisputes = (limit = 50) => http.get<MatchList>('/v1/admin/matches/disputes', { limit });
export const matchPlatforms = () => http.get<{ platforms: { id: number; name: string }[] }>('/v1/admin/matches/platforms');
export const reviewMatch = (id: number, review: Review, note: string) =>
  http.post<Match>(`/v1/admin/matches/${id}/review`, note.trim() ? { review, note: note.trim() } : { review });

/** Every page of the filtered log (for the export), following `next` until the end. */
export async function allMatches(query: ListQuery): Promise<Match[]> {
  const all: Match[] = [];
  let cursor: string | undefined;
  do {
    const page = await listMatches({ ...query, cursor, limit: PAGE_MAX });
    all.push(...page.matches);
    cursor = page.next ?? undefined;
  } while (cursor);
  return all;
}
