/**
 * `Idempotency-Key` on the victim POSTs (IETF httpapi draft "The Idempotency-Key HTTP Header
 * Field"). When the answer to a POST is lost — the connection cut after the server committed —
 * the page sends the same request again with the same key, and gets the very same 201 (same case
 * number and secret) instead of a second case the person would never learn about. The record is
 * written in the transaction that creates the case or the items, so a committed 201 always has its
 * record (and a crash leaves neither). Records are kept 24 hours, purged hourly and on lookup.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { problems } from '../../errors.js';
import { openAnswer, sealAnswer } from '../../secrets/idempotency-seal.js';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const PURGE_EVERY_MS = 60 * 60 * 1000;
const KEY = /^[A-Za-z0-9_-]{16,128}$/;

export const IDEMPOTENCY_KEY_DESCRIPTION =
  'Optional. A random key (16 to 128 characters: letters, digits, "-", "_"; as a structured-field string in quotes, or bare), ' +
  'new for each request and the same for its retries. Within 24 hours, the same key with the same body returns the first 201 ' +
  'answer again without creating anything; the same key with a different body gets a 422.';

/** The request's key, if it sent one; a 400 naming the header when it is malformed. */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const value = request.headers['idempotency-key'];
  if (value === undefined) return undefined;
  // The draft's form is a structured-field string ("…"); a bare key is accepted as well.
  const key = typeof value === 'string' ? (/^"(.*)"$/.exec(value)?.[1] ?? value) : '';
  if (!KEY.test(key)) throw problems.invalid(IDEMPOTENCY_HEADER, 'must be 16 to 128 characters, each a letter, a digit, "-" or "_"');
  return key;
}

/** preParsing hook: a malformed key is refused before the body is read. */
export async function checkIdempotencyKey(request: FastifyRequest): Promise<void> {
  idempotencyKeyOf(request);
}

/**
 * Runs `create` (which writes to the store and returns the 201 answer) in one transaction with the
 * idempotency record; with a key seen before, returns its answer instead and runs nothing.
 * `scope` names the operation (method, route and case), so a key counts once per operation.
 */
export function idempotent<T extends object>(app: FastifyInstance, request: FastifyRequest, scope: string, create: () => T): T {
  const key = idempotencyKeyOf(request);
  if (key === undefined) return app.store.transaction(create);
  const lookup = `${scope}\n${key}`;
  // The validated body, serialised again: the same JSON sent twice gives the same text.
  const body = JSON.stringify(request.body);
  return app.store.transaction(() => {
    const found = app.store.idempotency.find(lookup);
    if (found) {
      const opened = openAnswer<T>(key, body, found);
      if (!opened.same) throw problems.keyReused(IDEMPOTENCY_HEADER);
      return opened.answer;
    }
    const answer = create();
    // Only another process can have saved this key meanwhile: the draft's 409, and nothing is committed.
    if (!app.store.idempotency.save(lookup, sealAnswer(key, body, answer), IDEMPOTENCY_TTL_MS)) {
      throw problems.conflict(`${IDEMPOTENCY_HEADER}: a request with this key is being processed; send it again in a moment`);
    }
    return answer;
  });
}

/** Purges expired records at start and then every hour. */
export function scheduleIdempotencyPurge(app: FastifyInstance): void {
  const purge = () => {
    try {
      app.store.idempotency.purgeExpired();
    } catch (error) {
      app.log.error({ err: error }, 'idempotency: purge failed; will retry in an hour');
    }
  };
  purge();
  const timer = setInterval(purge, PURGE_EVERY_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
