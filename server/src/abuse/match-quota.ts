/**
 * Per-platform quotas on matching, against membership probing (a key used to test, hash after
 * hash, what the bank holds) and runaway clients: requests and items per minute and per UTC day.
 * The server's defaults (MATCH_ITEMS_PER_MINUTE…) apply unless the platform has its own settings,
 * which live beside its thresholds (`--threshold matchItemsPerDay=100000` on the CLI, the same
 * admin API). Counted in memory (fixed windows, reset by a restart); over a quota, a 429
 * problem+json with Retry-After until the window ends.
 */
import type { MatchQuotaSettings } from '../config.js';
import { problems } from '../errors.js';
import type { SignalThresholds } from '../store/platforms-repository.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export interface MatchQuotas extends MatchQuotaSettings {
  /** Match requests per minute (default: the platform API's requests per minute). */
  matchRequestsPerMinute: number;
}

export const DEFAULT_MATCH_QUOTAS: MatchQuotaSettings = {
  // A platform checking 2,000 uploads a second, all day, stays under these.
  matchItemsPerMinute: 120_000,
  matchRequestsPerDay: 5_000_000,
  matchItemsPerDay: 20_000_000,
};

const QUOTAS: Record<keyof MatchQuotas, { what: 'requests' | 'items'; windowMs: number; per: string }> = {
  matchRequestsPerMinute: { what: 'requests', windowMs: MINUTE_MS, per: 'minute' },
  matchItemsPerMinute: { what: 'items', windowMs: MINUTE_MS, per: 'minute' },
  matchRequestsPerDay: { what: 'requests', windowMs: DAY_MS, per: 'day (UTC)' },
  matchItemsPerDay: { what: 'items', windowMs: DAY_MS, per: 'day (UTC)' },
};
export const QUOTA_NAMES = Object.keys(QUOTAS) as (keyof MatchQuotas)[];
const MAX_QUOTA = 1_000_000_000;

/** Why `value` is not acceptable for the quota `name`, null when it is; undefined when `name` is not a quota. */
export function quotaSettingProblem(name: string, value: unknown): string | null | undefined {
  if (!(name in QUOTAS)) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_QUOTA) {
    const { what, per } = QUOTAS[name as keyof MatchQuotas];
    return `${name}: expected a whole number of ${what} per ${per} from 1 to ${MAX_QUOTA}, got ${JSON.stringify(value)}`;
  }
  return null;
}

interface Window {
  start: number;
  used: number;
}

export class MatchQuota {
  /** Per platform, per quota name: the current window. */
  private readonly windows = new Map<number, Map<keyof MatchQuotas, Window>>();

  constructor(
    private readonly defaults: MatchQuotas,
    private readonly now: () => number = Date.now,
  ) {}

  /** The platform's quotas: its own settings over the server's. */
  quotasOf(settings: SignalThresholds): MatchQuotas {
    const quotas = { ...this.defaults };
    for (const name of QUOTA_NAMES) if (settings[name] !== undefined) quotas[name] = settings[name];
    return quotas;
  }

  /** Counts one request of `items` items, or throws a 429 (counting nothing) when a quota would be passed. */
  take(platform: { id: number; thresholds: SignalThresholds }, items: number): void {
    const at = this.now();
    const quotas = this.quotasOf(platform.thresholds);
    let windows = this.windows.get(platform.id);
    if (!windows) this.windows.set(platform.id, (windows = new Map()));
    const current = QUOTA_NAMES.map((name) => {
      const { windowMs } = QUOTAS[name];
      const start = Math.floor(at / windowMs) * windowMs;
      let window = windows.get(name);
      if (!window || window.start !== start) windows.set(name, (window = { start, used: 0 }));
      return { name, window, cost: QUOTAS[name].what === 'items' ? items : 1 };
    });
    for (const { name, window, cost } of current) {
      const limit = quotas[name];
      if (window.used + cost <= limit) continue;
      const { what, windowMs, per } = QUOTAS[name];
      const retry = Math.max(1, Math.ceil((window.start + windowMs - at) / 1000));
      const detail =
        cost > limit
          ? `this request has ${cost} ${what}, over this key's quota of ${limit} ${what} per ${per} (${name}): send smaller batches`
          : `this key used its quota of ${limit} ${what} per ${per} (${name})`;
      throw problems.tooMany(retry, detail);
    }
    for (const { window, cost } of current) window.used += cost;
  }
}
