/**
 * PlatformRepository: partner platforms and their API keys. A key is shown once, when it is
 * created or rotated; only its HMAC digest (and a short hint to recognise it) is stored.
 */
import { signalType } from '@disrupt/hash-core';
import { quotaSettingProblem } from '../abuse/match-quota.js';
import { frameSignalType } from '../match/frame-signals.js';
import { VIDEO_SETTINGS, videoSettingProblem } from '../match/video-options.js';

export const PLATFORM_SCOPES = ['match', 'feed', 'feedback'] as const;
export type PlatformScope = (typeof PLATFORM_SCOPES)[number];

/** Per-signal match thresholds (distance in bits); a missing signal uses the registry default. */
export type SignalThresholds = Readonly<Record<string, number>>;

export interface Platform {
  id: number;
  name: string;
  scopes: PlatformScope[];
  thresholds: SignalThresholds;
  /** Shown on the victims' page as a participating platform. */
  listed: boolean;
  /** The first characters of the current key (e.g. `dh_x7Q`), never enough to use it. */
  keyHint: string | null;
  createdAt: number;
  revokedAt: number | null;
  lastSeenAt: number | null;
}

export interface NewPlatform {
  name: string;
  scopes: readonly PlatformScope[];
  thresholds?: SignalThresholds;
  listed?: boolean;
}

export interface PlatformChanges {
  scopes?: readonly PlatformScope[];
  thresholds?: SignalThresholds;
  listed?: boolean;
}

/** A platform with its freshly made API key: the only moment the key exists in clear. */
export interface PlatformWithKey {
  platform: Platform;
  apiKey: string;
}

/** Thrown by `create` when the name is already used (platform names are unique). */
export class PlatformNameTakenError extends Error {
  override readonly name = 'PlatformNameTakenError';
  constructor(readonly platformName: string) {
    super(`a platform named "${platformName}" already exists`);
  }
}

export interface PlatformRepository {
  create(input: NewPlatform): PlatformWithKey;
  get(id: number): Platform | undefined;
  getByName(name: string): Platform | undefined;
  /** The active (not revoked) platform this key belongs to, if any. */
  findByKey(apiKey: string): Platform | undefined;
  /** Every platform, revoked ones included, by name. */
  list(): Platform[];
  /** Names of the active platforms marked as listed, for the public page. */
  listListed(): string[];
  /**
   * Replaces the key: the new one is returned (show it once), the old one stops working at once.
   * Rotating a revoked platform's key re-admits it: a new key is the only way back in.
   */
  rotateKey(id: number): PlatformWithKey | undefined;
  /** The key stops working; the platform and its match history stay. Returns false if unknown. */
  revoke(id: number): boolean;
  update(id: number, changes: PlatformChanges): Platform | undefined;
  /** Records that the platform was seen; writes at most once a minute per platform. */
  touch(id: number): void;
}

export function isPlatformScope(value: string): value is PlatformScope {
  return (PLATFORM_SCOPES as readonly string[]).includes(value);
}

/**
 * Why `thresholds` is not acceptable, or null: only perceptual signals of the registry (and the
 * video frame signals) have a threshold, as a whole number of bits from 0 to the signal's largest
 * distance; the video settings (match/video-options.ts) have their own ranges.
 */
export function thresholdsProblem(thresholds: Record<string, unknown>): string | null {
  for (const [name, value] of Object.entries(thresholds)) {
    const quota = quotaSettingProblem(name, value);
    if (quota !== undefined) {
      if (quota !== null) return quota;
      continue;
    }
    const video = videoSettingProblem(name, value);
    if (video !== undefined) {
      if (video !== null) return video;
      continue;
    }
    const signal = signalType(name) ?? frameSignalType(name);
    if (!signal || signal.kind !== 'perceptual') return `${name}: not a perceptual signal (thresholds apply to pdq, blockhash, their variants, vpdq; or a video setting: ${Object.keys(VIDEO_SETTINGS).join(', ')})`;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > signal.maxDistance) {
      return `${name}: expected a whole number of bits from 0 to ${signal.maxDistance}, got ${JSON.stringify(value)}`;
    }
  }
  return null;
}
