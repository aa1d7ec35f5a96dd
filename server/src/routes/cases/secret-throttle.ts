/**
 * Brute-force protection on case secrets: exponential back-off per client address after failed
 * checks (in memory only, never stored), and never a lock on the case itself — otherwise anyone
 * who knows a case number could lock the victim out. A process-wide counter feeds /metrics: a
 * rise means someone is guessing, from however many addresses.
 */
import { normalizeIP } from '@fastify/rate-limit';
import type { VictimLimits } from '../../config.js';
import { problems } from '../../errors.js';
import { LoginThrottle } from '../../plugins/login-throttle.js';
import { counter } from '../../plugins/metrics.js';

/** Wrong or unknown case secrets since start, all clients together (the alarm). */
export const caseAuthFailures = { total: 0 };
const failuresMetric = counter('disrupt_case_secret_failures_total', 'Wrong or unknown case secrets, all clients: a rise means someone is guessing');
const throttledMetric = counter('disrupt_case_secret_throttled_total', 'Case-secret checks refused because the client is backing off');

export class SecretThrottle {
  private readonly backoff: LoginThrottle;

  constructor(limits: VictimLimits, now: () => number = Date.now) {
    this.backoff = new LoginThrottle(
      { freeAttempts: limits.backoffFreeAttempts, baseMs: limits.backoffBaseMs, maxMs: limits.backoffMaxMs, forgetMs: limits.backoffForgetMs },
      now,
    );
  }

  /** Throws a 429 with Retry-After while this client is backing off. */
  check(ip: string): void {
    const waitMs = this.backoff.waitMs([clientKey(ip)]);
    if (waitMs <= 0) return;
    throttledMetric.inc();
    throw problems.tooMany(
      Math.ceil(waitMs / 1000),
      'too many wrong case numbers or secrets were sent from your connection; please check the secret you saved when you created the case',
    );
  }

  failed(ip: string): void {
    caseAuthFailures.total++;
    failuresMetric.inc();
    this.backoff.failed([clientKey(ip)]);
  }
}

/** One key per client: an IPv4 address, or an IPv6 /64 (what one home or phone usually gets). */
export function clientKey(ip: string): string {
  return normalizeIP(ip, 64);
}
