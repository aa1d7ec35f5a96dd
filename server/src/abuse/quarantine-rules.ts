/**
 * When an item is quarantined (bank poisoning: someone submits the hashes of a meme or a news
 * photo to get it blocked; platforms then see it match and answer `not_ncii`):
 *
 * - `disputed`: at least K distinct platforms answered `not_ncii` on its matches;
 * - `abnormal_rate`: at least N matches within T hours across at least K platforms, and at least
 *   one `not_ncii` (a genuine victim's picture spreading fast is not quarantined on rate alone).
 *
 * Defaults K=2, N=50, T=24 (QUARANTINE_PLATFORMS, QUARANTINE_MATCHES, QUARANTINE_HOURS). After
 * an operator restores an item, only feedback and matches after that decision count.
 */
import type { QuarantineSettings } from '../config.js';
import type { QuarantineEvidence, QuarantineReason } from '../store/quarantine-repository.js';

export const DEFAULT_QUARANTINE: QuarantineSettings = { platforms: 2, matches: 50, hours: 24 };

export function quarantineSettings(overrides: Partial<QuarantineSettings> = {}): QuarantineSettings {
  return { ...DEFAULT_QUARANTINE, ...overrides };
}

/** The reason to quarantine an item on this evidence, or null. */
export function quarantineReason(evidence: QuarantineEvidence, settings: QuarantineSettings): QuarantineReason | null {
  if (!evidence.active || evidence.disputingPlatforms === 0) return null;
  if (evidence.disputingPlatforms >= settings.platforms) return 'disputed';
  if (evidence.windowMatches >= settings.matches && evidence.matchingPlatforms >= settings.platforms) return 'abnormal_rate';
  return null;
}
