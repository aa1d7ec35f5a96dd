/**
 * The fingerprint record (`Item`): what the page and the CLI compute for one file and send, what
 * the server stores and what `/v1/match` accepts. Defined once here, with its JSON schema, so the
 * CLI, the server and the page cannot drift apart. Media, file names and EXIF are never part of it.
 */
import { Type, type Static } from 'typebox';
import { blockhashSignal } from './signals/blockhash/signal.js';
import { md5Signal, sha256Signal } from './signals/exact/signal.js';
import { pdqSignal } from './signals/pdq/signal.js';
import { blockhashVariantSignals } from './signals/blockhash-variants/signal.js';
import { pdqVariantSignals } from './signals/pdq-variants/signal.js';
import { MIRRORED_QUERY_VARIANTS } from './signals/pdq-variants/mirrored-query.js';
import { IMAGE_SIGNALS } from './signals/registry.js';
import { hexPattern, type SignalType } from './signals/signal-type.js';

/** The schema of one hex-encoded signal value (also used by the video item). */
export function hexField(signal: SignalType, description = signal.description) {
  return Type.String({ pattern: hexPattern(signal), minLength: signal.hexLength, maxLength: signal.hexLength, description });
}

const quality = Type.Integer({ minimum: 0, maximum: 100, description: 'PDQ quality, 0–100; below 50 the hash does not match' });
/**
 * The variants (PDQ of crops, tilts, trimmed borders; blockhash of each side): optional, a PDQ
 * variant under quality 50 and a flat side are left out.
 */
const variantFields = Object.fromEntries([...pdqVariantSignals, ...blockhashVariantSignals].map((signal) => [signal.name, Type.Optional(hexField(signal))]));

const dihedral = Type.Array(hexField(pdqSignal, 'PDQ of the 8 rotations and flips, in Meta’s order'), { minItems: 8, maxItems: 8 });
const mirroredSignals = [pdqSignal, ...MIRRORED_QUERY_VARIANTS.map((name) => pdqVariantSignals.find((s) => s.name === name)!)];
/** Query only: variants of the picture mirrored left to right (a flipped copy also cut or framed). */
const mirrored = Type.Object(Object.fromEntries(mirroredSignals.map((signal) => [signal.name, Type.Optional(hexField(signal, `${signal.description}, of the picture mirrored`))])), {
  additionalProperties: false,
  description: 'For matching only: the PDQ and some PDQ variants of the picture mirrored left to right; the variants are searched like those of a copy that is not flipped, the PDQ among the stored crops and trimmed pictures',
});

/** A complete image item, as our page and CLI always produce it. */
export const ImageItemSchema = Type.Object(
  {
    type: Type.Literal('image'),
    sha256: hexField(sha256Signal),
    md5: hexField(md5Signal),
    pdq: hexField(pdqSignal),
    quality,
    blockhash: hexField(blockhashSignal),
    ...variantFields,
    dihedral: Type.Optional(dihedral),
    mirrored: Type.Optional(mirrored),
  },
  { additionalProperties: false },
);
export type ImageItem = Static<typeof ImageItemSchema>;

/** An image item as matching and imports accept it: any subset of signals, at least one. */
export const ImageItemInputSchema = Type.Object(
  {
    type: Type.Literal('image'),
    sha256: Type.Optional(hexField(sha256Signal)),
    md5: Type.Optional(hexField(md5Signal)),
    pdq: Type.Optional(hexField(pdqSignal)),
    quality: Type.Optional(quality),
    blockhash: Type.Optional(hexField(blockhashSignal)),
    ...variantFields,
    dihedral: Type.Optional(dihedral),
    mirrored: Type.Optional(mirrored),
  },
  { additionalProperties: false, minProperties: 2 },
);
export type ImageItemInput = Static<typeof ImageItemInputSchema>;

/** Input that is not a valid item; `field` is a path such as `items[2].pdq`. */
export class ItemValidationError extends Error {
  override readonly name = 'ItemValidationError';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

const NON_SIGNAL_FIELDS = new Set(['type', 'quality', 'dihedral', 'mirrored']);
const KNOWN_FIELDS = new Set([...NON_SIGNAL_FIELDS, ...IMAGE_SIGNALS.map((s) => s.name)]);

/** `signal.normalize`, throwing an ItemValidationError that names `field`. */
export function normalizeSignal(signal: SignalType, value: unknown, field: string): string {
  try {
    return signal.normalize(value, field);
  } catch (error) {
    throw new ItemValidationError(field, (error as { reason?: string }).reason ?? String(error));
  }
}

/**
 * Validates an item received from outside, with a specific message naming the field, and returns
 * it normalised (lower-case hex). Unknown fields are rejected, not dropped: a client sending
 * `file` or `exif` has a bug we want it to see.
 */
export function parseImageItemInput(value: unknown, path = 'item'): ImageItemInput {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ItemValidationError(path, 'expected an object');
  }
  const record = value as Record<string, unknown>;
  const unknown = Object.keys(record).filter((k) => !KNOWN_FIELDS.has(k));
  if (unknown.length > 0) {
    throw new ItemValidationError(`${path}.${unknown[0]}`, `unknown field${unknown.length > 1 ? `s ${unknown.join(', ')}` : ''} (only fingerprints are accepted)`);
  }
  if (record.type !== 'image') {
    throw new ItemValidationError(`${path}.type`, `expected "image", got ${JSON.stringify(record.type) ?? 'nothing'}`);
  }
  const item: Record<string, unknown> = { type: 'image' };
  for (const signal of IMAGE_SIGNALS) {
    if (record[signal.name] !== undefined) item[signal.name] = normalizeSignal(signal, record[signal.name], `${path}.${signal.name}`);
  }
  if (!IMAGE_SIGNALS.some((s) => item[s.name] !== undefined)) {
    throw new ItemValidationError(path, `at least one fingerprint is required (${IMAGE_SIGNALS.map((s) => s.name).join(', ')})`);
  }
  if (record.quality !== undefined) {
    const q = record.quality;
    if (typeof q !== 'number' || !Number.isInteger(q) || q < 0 || q > 100) {
      throw new ItemValidationError(`${path}.quality`, `expected an integer from 0 to 100, got ${JSON.stringify(q)}`);
    }
    item.quality = q;
  }
  if (record.dihedral !== undefined) {
    const d = record.dihedral;
    if (!Array.isArray(d) || d.length !== 8) {
      throw new ItemValidationError(`${path}.dihedral`, 'expected an array of 8 PDQ hashes');
    }
    item.dihedral = d.map((h, i) => normalizeSignal(pdqSignal, h, `${path}.dihedral[${i}]`));
  }
  if (record.mirrored !== undefined) item.mirrored = parseMirrored(record.mirrored, `${path}.mirrored`);
  return item as ImageItemInput;
}

/** A query's `mirrored` hashes, validated and normalised (pdq and MIRRORED_QUERY_VARIANTS). */
function parseMirrored(value: unknown, path: string): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ItemValidationError(path, 'expected an object of PDQ variant hashes');
  const record = value as Record<string, unknown>;
  const unknown = Object.keys(record).filter((k) => !mirroredSignals.some((s) => s.name === k));
  if (unknown.length > 0) throw new ItemValidationError(`${path}.${unknown[0]}`, `not a hash sent mirrored (only ${mirroredSignals.map((m) => m.name).join(', ')})`);
  const out: Record<string, string> = {};
  for (const signal of mirroredSignals) {
    if (record[signal.name] !== undefined) out[signal.name] = normalizeSignal(signal, record[signal.name], `${path}.${signal.name}`);
  }
  return out;
}

/** The signals an item carries, as (signal, value) pairs in registry order. */
export function itemSignals(item: ImageItemInput): { signal: SignalType; value: string }[] {
  const record = item as Record<string, unknown>;
  return IMAGE_SIGNALS.filter((s) => typeof record[s.name] === 'string').map((signal) => ({ signal, value: record[signal.name] as string }));
}
