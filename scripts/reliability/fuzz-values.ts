/**
 * Catalogues of bad values for the fuzzer. Two kinds, kept apart on purpose:
 * - `INVALID_*`: values no schema of ours can accept, even with ajv's type coercion (the server
 *   coerces "12" to 12 and null to "" or 0, so those prove nothing): every state-changing request
 *   carries at least one of them, so the store must come out unchanged;
 * - the rest: odd but possibly acceptable values (aliases, limits), sent where a success changes
 *   nothing (reads, or without valid credentials).
 */
import { randomHex, pick, type Random } from './synthetic-items.js';

/** Path parameters refused by every route's params schema (integers ≥ 1, or case ids ≤ 32 chars). */
export const INVALID_PARAMS = [
  'abc',
  '1.5',
  '-1',
  '0',
  '99999999999999999999',
  '9007199254740993',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..%2F..%2F..%2Fpackage.json',
  '%00',
  '1%00',
  '%ff%fe',
  '%c3%28',
  '%e2%82',
  'x'.repeat(40),
  '%F0%9F%92%A9',
  '%3Cscript%3E',
  '1;DROP%20TABLE%20cases',
  "'%20OR%20'1'='1",
  'NaN',
  'Infinity',
  '%20',
];

/** Odd parameters that may well be accepted (coerced aliases, unknown ids): reads or bad credentials only. */
export const ODD_PARAMS = ['0x1', '1e0', '%201', '1%20', '+1', '000001', '2', '999999', 'DSR-AAAA-AAAA', 'dsr-aaaa-aaaa', 'DSR-0000-0000'];

/** Malformed fingerprints: never a valid PDQ, SHA-256, MD5 or blockhash value. */
export function malformedHash(rand: Random): unknown {
  return pick(rand, [
    () => randomHex(rand, 31),
    () => randomHex(rand, 32) + 'a',
    () => randomHex(rand, 32).replace(/^./, 'g'),
    () => ' ' + randomHex(rand, 32).slice(1),
    () => randomHex(rand, 32).slice(0, 63) + '\u0661', // an Arabic-Indic digit: not hex
    () => 'Ａ'.repeat(64), // full-width letters
    () => '0x' + randomHex(rand, 31),
    () => '',
    () => 'f'.repeat(100_000),
    () => ({ $ne: '' }),
    () => [[randomHex(rand, 32)]],
  ])();
}

/** Values refused where a string, number, boolean or array is expected: objects are never coerced. */
export function uncoercible(rand: Random): unknown {
  return pick(rand, [() => ({}), () => ({ length: 1, 0: 'a' }), () => withOwn({}, '__proto__', { admin: true }), () => ({ toString: 'x', valueOf: 1 }), () => deepObject(1 + Math.floor(rand() * 1500))])();
}

/**
 * Sets `key` as an own, enumerable property, even `__proto__` (a plain assignment would change
 * the prototype instead, and JSON.stringify would drop it): so JSON text carries the key.
 */
export function withOwn<T extends object>(target: T, key: string, value: unknown): T {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}

/** {"a":{"a":…}} `depth` levels deep. */
export function deepObject(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** Keys that are never a declared field (the schemas reject unknown fields), some hostile. */
export const UNKNOWN_KEYS = ['__proto__', 'constructor', 'prototype', 'file', 'exif', '$where', '', ' ', 'items ', 'ITEMS', '\u0000', '\ud800', 'k'.repeat(10_000), 'a.b', 'a[0]'];

/** Odd values for any field (wrong types, huge numbers, strange strings): proof of nothing alone. */
export function oddValue(rand: Random): unknown {
  return pick(rand, [
    () => null,
    () => true,
    () => 1e308,
    () => -1e308,
    () => 2 ** 53 + 1,
    () => -0,
    () => 0.1,
    () => '',
    () => '\u0000',
    () => '\ud83d', // a lone surrogate
    () => 'é'.repeat(5000),
    () => '<script>alert(1)</script>',
    () => '../../../../etc/passwd',
    () => '%s%s%s%n',
    () => 'x'.repeat(70_000),
    () => [],
    () => [null],
    () => Array.from({ length: 2000 }, () => 1),
  ])();
}

/** Bytes that are not UTF-8 (lone continuation, overlong, truncated sequences, surrogates). */
export const INVALID_UTF8 = [Buffer.from([0xff]), Buffer.from([0xc3, 0x28]), Buffer.from([0xe2, 0x82]), Buffer.from([0xc0, 0xaf]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]), Buffer.from([0x80, 0x80])];

/** Query strings no route documents, or documents with other types. */
export function oddQuery(rand: Random): string {
  return pick(rand, [
    '?after=-1',
    '?after=1e99',
    '?after=abc',
    '?after=%00',
    '?after=99999999999999999999',
    '?limit=0',
    '?limit=-5',
    '?limit=1e9',
    '?limit=abc',
    '?limit=',
    '?limit[]=1',
    '?limit=1&limit=2',
    '?after=0&after=1',
    '?__proto__[x]=1',
    '?constructor=1',
    '?from=not-a-date&to=2026-13-45',
    '?from=0000-00-00',
    '?weeks=1e6',
    '?weeks=-1',
    '?cursor=%ff%fe',
    '?cursor=' + 'z'.repeat(5000),
    '?ref=' + 'r'.repeat(300),
    '?ref=',
    '?offset=-1&limit=1e6',
    '?status=nope',
    '?order=%27',
    '?' + 'a=1&'.repeat(2000),
    '?%',
    '?a=%zz',
    `?x=${randomHex(rand, 4)}`,
  ]);
}

/** Authorization headers that are not valid credentials. */
export function badAuthorization(rand: Random): string {
  return pick(rand, [
    'Bearer',
    'Bearer ',
    'Bearer  ',
    `Bearer dh_${randomHex(rand, 16)}`,
    `Bearer ${'a'.repeat(8000)}`,
    'Basic Zm9vOmJhcg==',
    'Case',
    'Case ',
    `Case ${randomHex(rand, 24)}`,
    `Case ${'s'.repeat(4000)}`,
    'case lowercase',
    'Bearer\tdh_x',
    'Negotiate YII=',
    'Bearer dh_1 dh_2',
  ]);
}

/** Extra headers a hostile or broken client sends; none of them should matter. */
export function abusiveHeaders(rand: Random): [string, string | Buffer][] {
  return pick<() => [string, string | Buffer][]>(rand, [
    () => [['X-Forwarded-For', pick(rand, ['unknown', '1.2.3.4, , ,', '::ffff:999.1.1.1', '1.1.1.1, '.repeat(500), '"><script>', ''])]],
    () => [['Idempotency-Key', pick(rand, ['short', 'k'.repeat(200), 'has spaces in it here', '"unbalanced', '""', 'é'.repeat(20)])]],
    () => [['Cookie', pick(rand, ['disrupt_session=forged', '__Host-disrupt_session=forged', `disrupt_session=${'c'.repeat(3000)}`, 'a=b; '.repeat(300), '=;=;=', 'disrupt_session'])]],
    () => [['X-CSRF-Token', pick(rand, ['forged', '', 'x'.repeat(5000)])]],
    () => [['Accept', pick(rand, ['*/*;q=abc', 'text/html', 'application/xml', '', ',,,'])]],
    () => [['Accept-Encoding', pick(rand, ['gzip;q=abc', 'br, gzip, deflate, *', 'identity;q=0', 'x'.repeat(3000)])]],
    () => [['Content-Encoding', pick(rand, ['gzip', 'br', 'deflate', 'nonsense'])]],
    () => [['X-Unicode', Buffer.concat([Buffer.from('v'), pick(rand, INVALID_UTF8)])]],
    () => Array.from({ length: 90 }, (_, i) => [`X-Many-${i}`, 'v'] as [string, string]),
    () => [['X-Huge', 'h'.repeat(20_000)]],
    () => [['Range', 'bytes=0-1,1-2,' + '3-4,'.repeat(500)]],
    () => [['If-None-Match', '*'], ['If-Modified-Since', 'not a date']],
    () => [['Origin', 'https://evil.example'], ['Sec-Fetch-Site', 'cross-site']],
    () => [['Expect', '100-continue']],
  ])();
}

/** Content types that are not JSON, or JSON with odd parameters. */
export function oddContentType(rand: Random): string {
  return pick(rand, [
    'text/plain',
    'text/html',
    'application/xml',
    'application/x-www-form-urlencoded',
    'multipart/form-data',
    'multipart/form-data; boundary=',
    'application/octet-stream',
    'image/png',
    'application/json; charset=utf-16',
    'application/json;;;',
    'application/json, text/plain',
    'application/problem+json',
    'application/jsonx',
    '',
    '*/*',
    ';',
  ]);
}
