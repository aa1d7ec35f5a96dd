import { describe, expect, it } from 'vitest';
import { ImageItemInputSchema, ImageItemSchema, itemSignals, ItemValidationError, parseImageItemInput } from './item.js';
import { pdqVariantSignals } from './signals/pdq-variants/signal.js';
import { blockhashVariantSignals } from './signals/blockhash-variants/signal.js';

const PDQ = '34ecd331f4ec38345ad496b5edb4ea44cef08d4c93d678301d2c5d12c59466ed';
const MD5 = '5289df737df57326fcdd22597afb1fac';

describe('parseImageItemInput', () => {
  it('accepts any subset of signals and normalises case', () => {
    expect(parseImageItemInput({ type: 'image', pdq: PDQ.toUpperCase(), quality: 90 })).toEqual({ type: 'image', pdq: PDQ, quality: 90 });
    expect(parseImageItemInput({ type: 'image', md5: MD5 })).toEqual({ type: 'image', md5: MD5 });
  });
  it.each([
    [{ type: 'image', pdq: PDQ, file: 'holiday.jpg' }, 'items[0].file', 'unknown field'],
    [{ type: 'image' }, 'items[0]', 'at least one fingerprint is required'],
    [{ type: 'video', pdq: PDQ }, 'items[0].type', 'expected "image"'],
    [{ type: 'image', pdq: PDQ.slice(2) }, 'items[0].pdq', 'expected 64 hex characters, got 62'],
    [{ type: 'image', md5: PDQ }, 'items[0].md5', 'expected 32 hex characters, got 64'],
    [{ type: 'image', pdq: PDQ, quality: 101 }, 'items[0].quality', 'integer from 0 to 100'],
    [{ type: 'image', pdq: PDQ, dihedral: [PDQ] }, 'items[0].dihedral', 'array of 8'],
    [{ type: 'image', pdq: PDQ, dihedral: [PDQ, PDQ, PDQ, PDQ, PDQ, PDQ, PDQ, 'zz'] }, 'items[0].dihedral[7]', 'expected 64 hex'],
    ['pdq', 'items[0]', 'expected an object'],
    [{ type: 'image', pdq: PDQ, mirrored: [PDQ] }, 'items[0].mirrored', 'expected an object'],
    [{ type: 'image', pdq: PDQ, mirrored: { pdqTiltCw: PDQ } }, 'items[0].mirrored.pdqTiltCw', 'not a hash sent mirrored'],
    [{ type: 'image', pdq: PDQ, mirrored: { pdqCenter90: 'zz' } }, 'items[0].mirrored.pdqCenter90', 'expected 64 hex'],
  ])('rejects %j naming the field', (value, field, reason) => {
    try {
      parseImageItemInput(value, 'items[0]');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ItemValidationError);
      expect((error as ItemValidationError).field).toBe(field);
      expect((error as ItemValidationError).reason).toContain(reason);
    }
  });
  it('keeps a query\'s mirrored hashes apart from its own signals', () => {
    const item = parseImageItemInput({ type: 'image', pdq: PDQ, mirrored: { pdq: PDQ.toUpperCase(), pdqCenter90: PDQ } });
    expect(item.mirrored).toEqual({ pdq: PDQ, pdqCenter90: PDQ });
    expect(itemSignals(item).map((s) => s.signal.name)).toEqual(['pdq']);
  });
  it('lists the signals an item carries in registry order', () => {
    const item = parseImageItemInput({ type: 'image', md5: MD5, pdq: PDQ });
    expect(itemSignals(item).map((s) => s.signal.name)).toEqual(['pdq', 'md5']);
  });
  it('exposes JSON schemas that forbid extra fields', () => {
    expect(ImageItemSchema).toHaveProperty('additionalProperties', false);
    expect(ImageItemInputSchema).toHaveProperty('additionalProperties', false);
    expect(Object.keys(ImageItemSchema.properties)).toEqual(['type', 'sha256', 'md5', 'pdq', 'quality', 'blockhash', ...pdqVariantSignals.map((s) => s.name), ...blockhashVariantSignals.map((s) => s.name), 'dihedral', 'mirrored']);
    expect(ImageItemSchema.required).toEqual(['type', 'sha256', 'md5', 'pdq', 'quality', 'blockhash']);
  });
});
