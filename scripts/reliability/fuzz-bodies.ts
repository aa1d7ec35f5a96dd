/**
 * Request bodies for the fuzzer. A JSON body starts plausible (built from the route's own schema
 * in /openapi.json: real-looking items for `items`, simple values elsewhere), then is broken by at
 * least one change no schema of ours accepts (`breakBody`), and maybe further oddities on top.
 * Bodies of other shapes (truncated JSON, non-objects, invalid UTF-8, oversized) are refused
 * before any handler runs.
 */
import type { JsonSchema } from './fuzz-routes.js';
import { deepObject, INVALID_UTF8, malformedHash, oddValue, uncoercible, UNKNOWN_KEYS, withOwn } from './fuzz-values.js';
import { imageItem, pick, videoItem, type Random } from './synthetic-items.js';

const HASH_FIELDS = ['pdq', 'sha256', 'md5', 'blockhash'];

function typeOf(schema: JsonSchema | undefined): string {
  const type = schema?.type;
  return Array.isArray(type) ? type[0]! : (type ?? 'object');
}

function plausible(name: string, schema: JsonSchema | undefined, rand: Random): unknown {
  if (name === 'items') return Array.from({ length: 1 + Math.floor(rand() * 2) }, () => (rand() < 0.2 ? videoItem(rand, 3) : imageItem(rand)));
  switch (typeOf(schema)) {
    case 'string':
      return pick(rand, ['x', 'blocked', 'admin', 'confirmed', 'restore', 'a valid looking text', '123456']);
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return false;
    case 'array':
      return [];
    default:
      return {};
  }
}

/** A body with every declared field at a plausible value (not necessarily valid). */
export function plausibleBody(schema: JsonSchema, rand: Random): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) if (rand() < 0.9 || schema.required?.includes(name)) body[name] = plausible(name, property, rand);
  return body;
}

/** Breaks an item of `items` in a way its schema refuses. */
function breakItem(item: Record<string, unknown>, rand: Random): void {
  const frames = item.frames as Record<string, unknown>[] | undefined;
  pick(rand, [
    () => (item[pick(rand, HASH_FIELDS)] = malformedHash(rand)),
    () => (item.quality = pick(rand, [101, -1, 1e308, 50.5, uncoercible(rand)])),
    () => (item.type = pick(rand, ['gif', 'IMAGE', '', uncoercible(rand)])),
    () => withOwn(item, pick(rand, UNKNOWN_KEYS), 'x'),
    () => (frames ? (frames[0]!.pdq = malformedHash(rand)) : (item.frames = [{ t: -1, pdq: 'zz', quality: 90 }])),
    () => (frames ? (frames[0]!.t = pick(rand, [-1, uncoercible(rand)])) : (item.dihedral = ['a'])),
    () => (item.dihedral = Array.from({ length: pick(rand, [7, 9, 1000]) }, () => 'f'.repeat(64))),
    () => (item.durationMs = -5),
  ])();
}

/** One change no schema accepts (the schemas reject unknown fields and never coerce objects). */
export function breakBody(body: Record<string, unknown>, schema: JsonSchema, rand: Random): string {
  const declared = Object.keys(schema.properties ?? {});
  const items = body.items as Record<string, unknown>[] | undefined;
  const ways: [string, () => void][] = [
    ['unknown-field', () => withOwn(body, pick(rand, UNKNOWN_KEYS), oddValue(rand))],
    ['deep-nesting', () => (body[pick(rand, declared.length > 0 ? declared : ['x'])] = deepObject(500 + Math.floor(rand() * 1500)))],
  ];
  if (declared.length > 0) {
    ways.push([
      'wrong-type',
      () => {
        const name = pick(rand, declared);
        body[name] = typeOf(schema.properties![name]) === 'object' ? pick(rand, ['x', 7, [1]]) : uncoercible(rand);
      },
    ]);
  }
  if (schema.required && schema.required.length > 0) ways.push(['missing-field', () => delete body[pick(rand, schema.required!)]]);
  if (items && items.length > 0) {
    ways.push(['malformed-hash', () => breakItem(items[Math.floor(rand() * items.length)]!, rand)]);
    ways.push(['malformed-hash', () => breakItem(items[Math.floor(rand() * items.length)]!, rand)]);
    ways.push(['too-many-items', () => (body.items = Array.from({ length: 1001 }, () => items[0]))]);
    ways.push(['empty-items', () => (body.items = [])]);
  }
  // Sometimes an oddity first, which alone might have been accepted; the break comes last, so
  // nothing overwrites it.
  if (rand() < 0.3 && declared.length > 0) body[pick(rand, declared)] = oddValue(rand);
  const [label, apply] = pick(rand, ways);
  apply();
  return label;
}

export interface BuiltBody {
  label: string;
  body: Buffer;
}

/** JSON text with the route's body broken, sometimes with invalid UTF-8 bytes inside a string. */
export function brokenJsonBody(schema: JsonSchema, rand: Random): BuiltBody {
  const body = plausibleBody(schema, rand);
  const label = breakBody(body, schema, rand);
  let text = Buffer.from(JSON.stringify(body) ?? '{}', 'utf8');
  if (rand() < 0.1) {
    // Invalid bytes inside an unknown key: the body stays refused even once they decode to U+FFFD.
    text = Buffer.concat([Buffer.from('{"'), pick(rand, INVALID_UTF8), Buffer.from('":1,'), text.subarray(1)]);
    return { label: `${label}+invalid-utf8`, body: text };
  }
  return { label, body: text };
}

/** Bodies refused before any schema: broken syntax, non-objects (for routes with a schema), sizes. */
export function malformedBody(rand: Random, hasSchema: boolean): BuiltBody {
  const syntax: [string, () => Buffer][] = [
    ['truncated-json', () => Buffer.from('{"items":[{"type":"image","pdq":"'.slice(0, 1 + Math.floor(rand() * 30)))],
    ['invalid-json', () => Buffer.from(pick(rand, ["{'a':1}", '{"a":1,}', '{"a":01}', '{"a":NaN}', '{"a":undefined}', '{a:1}', '{"a":"\\x41"}', '{"a":"\\ud800"', '\u0000{}', '{}}', ']']))],
    ['invalid-utf8-json', () => Buffer.concat([Buffer.from('{"a":'), pick(rand, INVALID_UTF8), Buffer.from('}')])],
    ['bom-json', () => Buffer.from('\ufeff{"a":{"b":')],
    ['deep-array-json', () => Buffer.from('['.repeat(50_000 + Math.floor(rand() * 50_000)))],
    ['huge-number-json', () => Buffer.from(`{"a":${'9'.repeat(400)}`)],
  ];
  if (hasSchema) {
    syntax.push(
      ['not-an-object', () => Buffer.from(pick(rand, ['[]', '[{}]', '1', '"items"', 'true', 'null', '1e308', '-0']))],
      ['deep-array-json', () => Buffer.from('['.repeat(100_000) + ']'.repeat(100_000))],
      ['deep-object-json', () => Buffer.from('{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000))],
    );
  }
  const [label, make] = pick(rand, syntax);
  return { label, body: make() };
}

/** A body over the route's limit (1 MB for most, 8 MB where video frames are allowed). */
export function oversizedBody(rand: Random): BuiltBody {
  const size = rand() < 0.15 ? 8 * 1024 * 1024 + 1 + Math.floor(rand() * 1024) : 1024 * 1024 + 1 + Math.floor(rand() * 4 * 1024 * 1024);
  const body = Buffer.alloc(size, 'a');
  body.write('{"items":[{"pdq":"', 0);
  return { label: size > 8 * 1024 * 1024 ? 'oversized-8mb' : 'oversized-1mb', body };
}
