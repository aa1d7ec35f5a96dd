import type { VictimLimits } from '../../config.js';

/**
 * Abuse protection of the victim endpoints. A person creating a case sends a request or two; 60 a
 * minute leaves room for retries while slowing scripted abuse. Wrong case secrets back off per
 * client address (5 free, then 1 s doubling up to 15 min), forgotten after an hour of quiet.
 */
export const DEFAULT_VICTIM_LIMITS: VictimLimits = {
  requestsPerMinute: 60,
  backoffFreeAttempts: 5,
  backoffBaseMs: 1000,
  backoffMaxMs: 15 * 60 * 1000,
  backoffForgetMs: 60 * 60 * 1000,
  // Bank poisoning (hashes of widely shared pictures sent to get them blocked) goes through
  // submissions: a person, or an NGO helping several from one office, stays far below these.
  submissionsPerHour: 20,
  submittedItemsPerDay: 2000,
};

export function victimLimits(overrides: Partial<VictimLimits> = {}): VictimLimits {
  return { ...DEFAULT_VICTIM_LIMITS, ...overrides };
}
