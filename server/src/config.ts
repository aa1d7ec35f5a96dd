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
}

export interface PlatformLimits {
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

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const trust = env.TRUST_PROXY;
  return {
    dataDir: resolve(env.DATA_DIR ?? './data'),
    port: intFrom(env, 'PORT', 8080, 0, 65535),
    host: env.HOST ?? '127.0.0.1',
    trustProxy: trust === undefined || trust === '' || trust === 'false' ? false : trust === 'true' ? true : trust,
    retentionDays: intFrom(env, 'RETENTION_DAYS', 0, 0, 36500),
    logLevel: env.LOG_LEVEL ?? 'info',
    secureCookies: env.INSECURE_COOKIES !== '1',
    ...overrides,
  };
}
