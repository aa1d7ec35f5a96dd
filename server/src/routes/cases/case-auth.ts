/**
 * `Authorization: Case <secret>` for one case. An unknown case number and a wrong secret get the
 * same 401 (nothing tells a guesser which cases exist) and both count as a failure for the
 * client's back-off; a missing credential is a plain 401 and counts for nothing.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { problems } from '../../errors.js';
import type { Digest, ServerKeys } from '../../secrets/server-keys.js';
import { normalizeCaseId, normalizeCaseSecret } from '../../secrets/tokens.js';
import type { CaseRecord } from '../../store/cases-repository.js';
import type { SecretThrottle } from './secret-throttle.js';

/** Secrets are 40 characters (32 for older cases); anything much longer is not one (and is not worth hashing). */
const MAX_SECRET_LENGTH = 256;
// The secret may be sent as it is shown, in groups of four: spaces inside it are allowed.
const SCHEME = /^Case\s+(\S.*)$/i;

export function caseSecretFrom(header: string | undefined): string {
  if (header === undefined || header.trim() === '') {
    throw problems.unauthorized('send the case secret as "Authorization: Case <secret>"');
  }
  const match = SCHEME.exec(header);
  if (!match) throw problems.unauthorized('the Authorization header must read "Case <secret>"');
  // No secret, old or new, holds a space: spaces are only how it is shown.
  return match[1]!.replace(/\s+/g, '');
}

/**
 * Readable secrets (Crockford base 32) are checked as the person meant them (`normalizeCaseSecret`);
 * older base64url secrets, issued before, only exactly as typed. Both digests are always
 * computed, so the time taken says nothing about which one matched.
 */
export function verifyCaseSecret(keys: ServerKeys, typed: string, stored: Digest): boolean {
  const asTyped = keys.verify(typed, stored);
  const normalized = keys.verify(normalizeCaseSecret(typed), stored);
  return asTyped || normalized;
}

export function createCaseAuth(app: FastifyInstance, throttle: SecretThrottle) {
  // Checked when the case is unknown, so that answer takes as long as a wrong secret.
  const decoy = { keyId: app.keys.currentKeyId, digest: randomBytes(32) };

  /** The case, if the request carries its secret; otherwise a 401 (or a 429 while backing off). */
  return function authenticate(request: FastifyRequest, caseIdInput: string): CaseRecord {
    throttle.check(request.ip);
    const secret = caseSecretFrom(request.headers.authorization);
    const record = app.store.cases.find(normalizeCaseId(caseIdInput));
    const ok = secret.length <= MAX_SECRET_LENGTH && verifyCaseSecret(app.keys, secret, record?.secret ?? decoy) && record !== undefined;
    if (!ok || !record) {
      throttle.failed(request.ip);
      throw problems.unauthorized('this case number and secret do not match; check both and try again');
    }
    return record;
  };
}
