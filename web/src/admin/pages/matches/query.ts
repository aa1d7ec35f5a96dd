/**
 * The log's filters live in the page's address (`#/matches?platform=3&feedback=not_ncii`), so a
 * filtered view can be bookmarked and shared. This turns the address into the API's query.
 */
import type { ListQuery } from './api.js';

/** The address's keys, in the order the form shows them. */
export const FILTER_KEYS = ['from', 'to', 'platform', 'signal', 'minDistance', 'maxDistance', 'feedback', 'review', 'order'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

export function filtersOf(query: URLSearchParams): Filters {
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = query.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return filters;
}

/** The API's query for these filters (the address says `platform`, the API `platformId`). */
export function apiQuery(filters: Filters): ListQuery {
  const { platform, ...rest } = filters;
  return { ...rest, platformId: platform };
}
