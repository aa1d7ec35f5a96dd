/** Settings from the environment, read once and validated, so a typo fails at start, not later. */
import { resolve } from 'node:path';

export interface Config {
  /** Folder for the SQLite database and the server keys (default ./data). */
  dataDir: string;
  port: number;
  host: string;
  /** Behind a reverse proxy: trust X-Forwarded-For for per-client rate limits (addresses stay in memory). */
  trustProxy: boolean | string;
  /** Days a case is kept after its last change; 0 keeps cases until they are withdrawn. */
  retentionDays: number;
  logLevel: string;
  /** Marks session cookies Secure (off only for plain-http local development and tests). */
  secureCookies: boolean;
  /** Operator sign-in timings; unset fields take the defaults of plugins/operator-auth.ts (tests shorten them). */
  operatorAuth?: Partial<OperatorAuthSettings>;
  /** Abuse protection of the victim endpoints; unset fields take the defaults of routes/cases/victim-limits.ts (tests shorten them). */
  victimLimits?: Partial<VictimLimits>;
  /** Rate limits of the platform API; unset fields take the defaults of routes/platform-api/index.ts (tests and benchmarks change them). */
  platformLimits?: Partial<PlatformLimits>;
  /** Days a match event is kept (default 365); 0 keeps them. Enforced at start and hourly (privacy/match-retention.ts). */
  matchRetentionDays: number;
  /** When an item is quarantined automatically (abuse/quarantine-rules.ts); unset fields take its defaults. */
  quarantine?: Partial<QuarantineSettings>;
}

export interface QuarantineSettings {
  /** K: distinct platforms answering `not_ncii` that quarantine an item; also the platforms an abnormal rate must span (default 2). */
  platforms: number;
  /** N: matches within `hours` that count as an abnormal rate, with at least one `not_ncii` (default 50). */
  matches: number;
  /** T: the window of the rate rule, in hours (default 24). */
  hours: number;
}

/** Server-wide defaults of the match quotas; a platform's own settings (beside its thresholds) override them. */
export interface MatchQuotaSettings {
  /** Items (fingerprints or files) matched per minute per platform (default 120,000). */
  matchItemsPerMinute: number;
  /** Match requests per day per platform (default 5,000,000). */
  matchRequestsPerDay: number;
  /** Items matched per day per platform (default 20,000,000). */
  matchItemsPerDay: number;
}

export interface PlatformLimits extends MatchQuotaSettings {
  /** Requests per minute per API key (default 6000). */
  requestsPerMinute: number;
  /** Requests per minute per client address without a valid key (default 120). */
  anonymousRequestsPerMinute: number;
}

export interface VictimLimits {
  /** Requests per minute per client address on the victim endpoints (default 60). */
  requestsPerMinute: number;
  /** Wrong case secrets allowed per client address before the back-off starts (default 5). */
  backoffFreeAttempts: number;
  /** First wait after those, doubled at each further failure (default 1 s)… */
  backoffBaseMs: number;
  /** …up to this (default 15 min): a wait for that client, never a lock on the case. */
  backoffMaxMs: number;
  /** Failures are forgotten after this long without another one (default 1 h). */
  backoffForgetMs: number;
  /** Case creations and additions per client address per hour (default 20; SUBMISSIONS_PER_HOUR). */
  submissionsPerHour: number;
  /** Items submitted per client address per day (default 2,000; SUBMITTED_ITEMS_PER_DAY). */
  submittedItemsPerDay: number;
}

export interface OperatorAuthSettings {
  /** A session ends after this long without a request (default 30 min)… */
  sessionIdleMs: number;
  /** …and after this long in any case (default 8 h). */
  sessionAbsoluteMs: number;
  /** Time to type the TOTP code after the password (default 5 min). */
  totpPendingMs: number;
  /** Failed sign-ins allowed per username and per client address before the back-off starts (default 5). */
  backoffFreeAttempts: number;
  /** First wait after those, doubled at each further failure (default 1 s)… */
  backoffBaseMs: number;
  /** …up to this (default 15 min): a wait, never a lock. */
  backoffMaxMs: number;
  /** Failures are forgotten after this long without another one (default 1 h). */
  backoffForgetMs: number;
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/** Only the variables that are set, so unset ones fall back to each area's defaults. */
function someFrom<T extends object>(env: NodeJS.ProcessEnv, fields: Partial<Record<keyof T & string, [string, number, number]>>): Partial<T> | undefined {
  const found: Record<string, number> = {};
  for (const [field, [name, min, max]] of Object.entries(fields) as [string, [string, number, number]][]) {
    if (env[name] !== undefined && env[name] !== '') found[field] = intFrom(env, name, 0, min, max);
  }
  return Object.keys(found).length > 0 ? (found as Partial<T>) : undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const trust = env.TRUST_PROXY;
  const quarantine = someFrom<QuarantineSettings>(env, {
    platforms: ['QUARANTINE_PLATFORMS', 1, 1000],
    matches: ['QUARANTINE_MATCHES', 1, 10_000_000],
    hours: ['QUARANTINE_HOURS', 1, 24 * 366],
  });
  const victimLimits = someFrom<VictimLimits>(env, {
    submissionsPerHour: ['SUBMISSIONS_PER_HOUR', 1, 1_000_000],
    submittedItemsPerDay: ['SUBMITTED_ITEMS_PER_DAY', 1, 100_000_000],
  });
  const platformLimits = someFrom<PlatformLimits>(env, {
    matchItemsPerMinute: ['MATCH_ITEMS_PER_MINUTE', 1, 1_000_000_000],
    matchRequestsPerDay: ['MATCH_REQUESTS_PER_DAY', 1, 1_000_000_000],
    matchItemsPerDay: ['MATCH_ITEMS_PER_DAY', 1, 1_000_000_000],
  });
  return {
    dataDir: resolve(env.DATA_DIR ?? './data'),
    port: intFrom(env, 'PORT', 8080, 0, 65535),
    host: env.HOST ?? '127.0.0.1',
    trustProxy: trust === undefined || trust === '' || trust === 'false' ? false : trust === 'true' ? true : trust,
    retentionDays: intFrom(env, 'RETENTION_DAYS', 0, 0, 36500),
    matchRetentionDays: intFrom(env, 'MATCH_RETENTION_DAYS', 365, 0, 36500),
    ...(quarantine ? { quarantine } : {}),
    ...(victimLimits ? { victimLimits } : {}),
    ...(platformLimits ? { platformLimits } : {}),
    logLevel: env.LOG_LEVEL ?? 'info',
    secureCookies: env.INSECURE_COOKIES !== '1',
    ...overrides,
  };
}
