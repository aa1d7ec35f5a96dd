/**
 * `Idempotency-Key` for the page's POSTs (IETF httpapi draft). If a POST reaches Disrupt but its
 * answer is lost, "Try again" must not create a second case the person never hears of: every try
 * of one submission carries the same random key, and Disrupt answers a retry with the first answer.
 * Kept in memory only, like everything else on the page.
 */

/** 24 random bytes (192 bits) in base64url: 32 characters. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * One key per submission. The same request sent again (a retry) gets the same key; a different
 * one (a photo removed, another case) gets a new key, since Disrupt refuses a key reused for a
 * different request.
 */
export class RetryKeys {
  private current: { request: string; key: string } | undefined;

  keyFor(request: unknown): string {
    const text = JSON.stringify(request);
    if (this.current?.request !== text) this.current = { request: text, key: newIdempotencyKey() };
    return this.current.key;
  }

  /** The submission got its answer: sending the same photos again later is a new submission. */
  done(): void {
    this.current = undefined;
  }
}
