/** Random identifiers and secrets, from the operating system's cryptographic generator. */
import { randomBytes, randomInt } from 'node:crypto';

/** A secret of 192 bits, URL-safe (API keys, session tokens; case secrets before they became readable). */
export function randomSecret(prefix = ''): string {
  return prefix + randomBytes(24).toString('base64url');
}

// Crockford's base 32 without I, L, O, U: nothing to confuse when read aloud or copied by hand.
const READABLE = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 40 readable characters = 200 bits: a case secret a person can write down (the page shows it in groups of four). */
export const CASE_SECRET_LENGTH = 40;

/** A case secret in Crockford base 32 (randomInt draws without modulo bias). */
export function randomCaseSecret(): string {
  let s = '';
  for (let i = 0; i < CASE_SECRET_LENGTH; i++) s += READABLE[randomInt(READABLE.length)];
  return s;
}

/**
 * What a person typed, read back in the readable alphabet: upper case, no spaces or dashes, O→0,
 * I/L→1. For case secrets and (below) case numbers alike.
 */
export function normalizeCaseSecret(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** A short case number a person can read and type: DSR-XXXX-XXXX (40 bits; uniqueness is checked on insert). */
export function readableCaseId(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += READABLE[randomInt(READABLE.length)];
  return `DSR-${s.slice(0, 4)}-${s.slice(4)}`;
}

export const CASE_ID_PATTERN = '^DSR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$';

/** Normalises what a person typed: upper case, ambiguous letters mapped, dashes restored. */
export function normalizeCaseId(input: string): string {
  const compact = normalizeCaseSecret(input);
  const body = compact.startsWith('DSR') ? compact.slice(3) : compact;
  return body.length === 8 ? `DSR-${body.slice(0, 4)}-${body.slice(4)}` : input;
}
