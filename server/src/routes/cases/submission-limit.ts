/**
 * Per-client limits on what is submitted to the bank (case creations and additions), against
 * bank poisoning in bulk: at most `submissionsPerHour` submissions and `submittedItemsPerDay`
 * items per client address (an IPv4 address or an IPv6 /64; behind TRUST_PROXY, the forwarded
 * one). Held in this process's memory only, never written; a retry answered from its
 * Idempotency-Key costs nothing. Over a limit: 429 problem+json with Retry-After.
 */
import type { VictimLimits } from '../../config.js';
import { problems } from '../../errors.js';
import { counter } from '../../plugins/metrics.js';
import { clientKey } from './secret-throttle.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Bounds memory under a flood of addresses: the least recently seen are forgotten first. */
const MAX_CLIENTS = 10_000;

const refusedMetric = counter('disrupt_submissions_refused_total', 'Case submissions refused because a client passed its hourly or daily limit');

interface Usage {
  hourStart: number;
  submissions: number;
  dayStart: number;
  items: number;
}

export class SubmissionLimit {
  private readonly clients = new Map<string, Usage>();

  constructor(
    private readonly limits: Pick<VictimLimits, 'submissionsPerHour' | 'submittedItemsPerDay'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws a 429 when this client may not submit `items` more items now. */
  check(ip: string, items: number): void {
    const at = this.now();
    const usage = this.usage(clientKey(ip), at, false);
    if (usage.submissions + 1 > this.limits.submissionsPerHour) {
      refusedMetric.inc();
      throw problems.tooMany(seconds(usage.hourStart + HOUR_MS - at), `too many submissions from your connection (at most ${this.limits.submissionsPerHour} an hour)`);
    }
    if (usage.items + items > this.limits.submittedItemsPerDay) {
      refusedMetric.inc();
      throw problems.tooMany(seconds(usage.dayStart + DAY_MS - at), `too many pictures and videos sent from your connection today (at most ${this.limits.submittedItemsPerDay} a day)`);
    }
  }

  /** Counts a submission that was stored. */
  charge(ip: string, items: number): void {
    const usage = this.usage(clientKey(ip), this.now(), true);
    usage.submissions += 1;
    usage.items += items;
  }

  private usage(key: string, at: number, keep: boolean): Usage {
    let usage = this.clients.get(key) ?? { hourStart: at, submissions: 0, dayStart: at, items: 0 };
    if (at - usage.hourStart >= HOUR_MS) usage = { ...usage, hourStart: at, submissions: 0 };
    if (at - usage.dayStart >= DAY_MS) usage = { ...usage, dayStart: at, items: 0 };
    if (keep) {
      this.clients.delete(key); // re-inserted last: Map order is least recently seen first
      this.clients.set(key, usage);
      while (this.clients.size > MAX_CLIENTS) this.clients.delete(this.clients.keys().next().value!);
    }
    return usage;
  }
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
