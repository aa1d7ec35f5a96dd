/**
 * The conformance suite every signal type runs (after python-threatexchange's
 * signal_type_test_helper): a new signal only supplies its examples.
 */
import { describe, expect, it } from 'vitest';
import { HashFormatError } from '../hex.js';
import { IMAGE_SIGNALS, signalType } from './registry.js';
import { hexPattern, queryReach, searchedIn } from './signal-type.js';

describe.each(IMAGE_SIGNALS.map((s) => [s.name, s] as const))('signal type %s', (name, signal) => {
  it('is registered under its name', () => {
    expect(signalType(name)).toBe(signal);
    expect(signal.description.length).toBeGreaterThan(10);
  });

  it('is searched only in registered signals of its own kind', () => {
    for (const stored of searchedIn(signal)) expect(signalType(stored)?.kind, stored).toBe(signal.kind);
  });

  it('searches a mirrored query, if at all, in a registered signal whose mirror leads back', () => {
    if (!signal.mirrored) return;
    const target = signalType(signal.mirrored.signal);
    expect(target?.kind).toBe(signal.kind);
    expect(target?.mirrored?.signal).toBe(name);
    for (const value of signal.examples.valid.map((v) => signal.normalize(v))) {
      expect(signal.normalize(signal.mirrored.mirror(value))).toBe(signal.mirrored.mirror(value));
      expect(target!.mirrored!.mirror(signal.mirrored.mirror(value))).toBe(value);
    }
  });

  it('has a threshold within its distance range', () => {
    expect(signal.threshold).toBeGreaterThanOrEqual(0);
    expect(signal.threshold).toBeLessThan(signal.maxDistance);
    if (signal.kind === 'exact') expect(signal.threshold).toBe(0);
  });

  it('searches a query under its quality floor, if at all, closer than its threshold and never at quality 0', () => {
    const under = signal.underFloorQuery;
    if (!under) return;
    expect(signal.qualityFloor).toBeGreaterThan(under.minQuality);
    expect(under.minQuality).toBeGreaterThanOrEqual(1);
    expect(under.radius).toBeLessThan(signal.threshold);
    const value = signal.normalize(signal.examples.valid[0]);
    expect(queryReach(signal, value, signal.qualityFloor! - 1, signal.threshold)).toEqual({ radius: under.radius, underFloor: true });
    expect(queryReach(signal, value, signal.qualityFloor! - 1, under.radius - 4)).toEqual({ radius: under.radius - 4, underFloor: true }); // a platform's own smaller threshold
    expect(queryReach(signal, value, under.minQuality - 1, signal.threshold)).toBeNull();
    expect(queryReach(signal, value, signal.qualityFloor, signal.threshold)).toEqual({ radius: signal.threshold, underFloor: false });
  });

  it('normalises valid values to lower case, idempotently', () => {
    expect(signal.examples.valid.length).toBeGreaterThan(0);
    for (const value of signal.examples.valid) {
      const normal = signal.normalize(value);
      expect(normal).toBe(value.toLowerCase());
      expect(normal).toHaveLength(signal.hexLength);
      expect(new RegExp(hexPattern(signal)).test(normal)).toBe(true);
      expect(signal.normalize(normal)).toBe(normal);
    }
  });

  it('rejects invalid values with an error naming the field', () => {
    expect(signal.examples.invalid.length).toBeGreaterThan(0);
    for (const value of signal.examples.invalid) {
      expect(() => signal.normalize(value, `items[3].${name}`)).toThrow(HashFormatError);
      expect(() => signal.normalize(value, `items[3].${name}`)).toThrow(new RegExp(`^items\\[3\\]\\.${name}: `));
    }
  });

  it('measures distance: zero to itself, symmetric, as the examples say', () => {
    for (const value of signal.examples.valid) expect(signal.distance(value, value)).toBe(0);
    for (const [a, b, expected] of signal.examples.distances) {
      expect(signal.distance(a, b)).toBe(expected);
      expect(signal.distance(b, a)).toBe(expected);
      expect(expected).toBeLessThanOrEqual(signal.maxDistance);
    }
  });
});
