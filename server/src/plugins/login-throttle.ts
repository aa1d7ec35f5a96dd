/**
 * Exponential back-off for failed sign-ins, per username and per client address, in memory only
 * (addresses are never written anywhere). After `freeAttempts` failures each further failure
 * doubles the wait, up to `maxMs`: a guesser slows to a crawl, while the real person is only ever
 * asked to wait, never locked out (a lock would let anyone lock an operator out on purpose).
 */
export interface BackoffSettings {
  freeAttempts: number;
  baseMs: number;
  maxMs: number;
  /** A key's failures are forgotten this long after its last failure. */
  forgetMs: number;
}

interface Entry {
  failures: number;
  blockedUntil: number;
  lastFailure: number;
}

/** Bounds memory under a flood of distinct usernames or addresses. */
const MAX_ENTRIES = 10_000;

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly settings: BackoffSettings,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds to wait before any of `keys` may try again (0: go ahead). */
  waitMs(keys: readonly string[]): number {
    const at = this.now();
    let wait = 0;
    for (const key of keys) {
      const entry = this.live(key, at);
      if (entry) wait = Math.max(wait, entry.blockedUntil - at);
    }
    return wait;
  }

  failed(keys: readonly string[]): void {
    const at = this.now();
    for (const key of keys) {
      const entry = this.live(key, at) ?? { failures: 0, blockedUntil: 0, lastFailure: at };
      entry.failures += 1;
      entry.lastFailure = at;
      const over = entry.failures - this.settings.freeAttempts;
      if (over > 0) entry.blockedUntil = at + Math.min(this.settings.maxMs, this.settings.baseMs * 2 ** Math.min(over - 1, 30));
      this.entries.delete(key); // re-insert: Map order becomes least recently failed first
      this.entries.set(key, entry);
    }
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
  }

  /** A successful sign-in clears its username (not the address: one good account must not reset a guesser's count). */
  succeeded(key: string): void {
    this.entries.delete(key);
  }

  private live(key: string, at: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && at - entry.lastFailure > this.settings.forgetMs && at >= entry.blockedUntil) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}
