/**
 * The storage interface the routes use. Each area has its own repository (interface beside this
 * file, SQLite implementation under sqlite/), so a PostgreSQL store can be added later without
 * touching a route.
 */
import type { AuditRepository } from './audit-repository.js';
import type { CaseRepository } from './cases-repository.js';
import type { FeedRepository } from './feed-repository.js';
import type { IdempotencyRepository } from './idempotency-repository.js';
import type { MatchEventRepository } from './match-events-repository.js';
import type { ModerationRepository } from './moderation-repository.js';
import type { NgoRepository } from './ngos-repository.js';
import type { OperatorRepository } from './operators-repository.js';
import type { PlatformRepository } from './platforms-repository.js';
import type { PrivacyRepository } from './privacy-repository.js';
import type { QuarantineRepository } from './quarantine-repository.js';
import type { SessionRepository } from './sessions-repository.js';
import type { StatsRepository } from './stats-repository.js';

export interface Store {
  readonly cases: CaseRepository;
  readonly feed: FeedRepository;
  readonly platforms: PlatformRepository;
  readonly matchEvents: MatchEventRepository;
  readonly operators: OperatorRepository;
  readonly ngos: NgoRepository;
  readonly sessions: SessionRepository;
  readonly audit: AuditRepository;
  readonly moderation: ModerationRepository;
  readonly stats: StatsRepository;
  readonly idempotency: IdempotencyRepository;
  readonly quarantine: QuarantineRepository;
  readonly privacy: PrivacyRepository;
  /** Runs `fn` in one transaction: all of it is committed, or none. Synchronous on purpose. */
  transaction<T>(fn: () => T): T;
  /** Online, consistent copy of the whole database to `file`. */
  backup(file: string): Promise<void>;
  /** Quick integrity and durability facts for /readyz and the crash test. */
  health(): { ok: boolean; journalMode: string; synchronous: number };
  close(): void;
}
