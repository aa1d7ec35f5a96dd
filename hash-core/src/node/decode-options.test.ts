/**
 * Which decoder runs and which pixel limit applies, from options and the environment
 * (DISRUPT_DECODER, DISRUPT_MAX_PIXELS), and what happens when sharp cannot be loaded.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { repoRoot } from '../test-support/shared.js';
import { DecodeError, decodeImage, defaultDecoder } from './decode.js';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(repoRoot, 'fixtures/images', name)));

async function failure(promise: Promise<unknown>): Promise<DecodeError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DecodeError);
  return error as DecodeError;
}

describe('choosing the decoder', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.doUnmock('sharp');
    vi.resetModules();
  });

  it('DISRUPT_DECODER=fallback forces the fallback, and decodeImage follows it', async () => {
    vi.stubEnv('DISRUPT_DECODER', 'fallback');
    expect(defaultDecoder()).toBe('fallback');
    const error = await failure(decodeImage(fixture('pattern.webp'))); // only sharp reads WebP
    expect(error.code).toBe('unsupported-format');
  });

  it('DISRUPT_DECODER=sharp forces sharp', async () => {
    vi.stubEnv('DISRUPT_DECODER', 'sharp');
    expect(defaultDecoder()).toBe('sharp');
    expect((await decodeImage(fixture('pattern.webp'))).format).toBe('webp');
  });

  it('unset: sharp, since it loads here', () => {
    vi.stubEnv('DISRUPT_DECODER', '');
    expect(defaultDecoder()).toBe('sharp');
  });

  it('a misspelt DISRUPT_DECODER is an error, not a silent default', () => {
    vi.stubEnv('DISRUPT_DECODER', 'vips');
    expect(() => defaultDecoder()).toThrow("DISRUPT_DECODER must be 'sharp' or 'fallback', got 'vips'");
  });

  it('sharp requested but not loadable: decoder-unavailable', async () => {
    vi.resetModules();
    vi.doMock('sharp', () => {
      throw new Error('simulated: sharp-linux-x64.node is missing');
    });
    const fresh = await import('./decode.js');
    const error = await fresh.decodeImage(fixture('pattern.png'), { decoder: 'sharp' }).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'decoder-unavailable' });
    expect((error as Error).message).toMatch(/^the sharp image decoder could not be loaded/);
  });
});

describe('DEFAULT_MAX_PIXELS', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('is 100 megapixels unless DISRUPT_MAX_PIXELS is set', async () => {
    vi.stubEnv('DISRUPT_MAX_PIXELS', '');
    vi.resetModules();
    expect((await import('./limits.js')).DEFAULT_MAX_PIXELS).toBe(100_000_000);
  });

  it('DISRUPT_MAX_PIXELS overrides it, and decodeImage uses it', async () => {
    vi.stubEnv('DISRUPT_MAX_PIXELS', '20000');
    vi.resetModules();
    const fresh = await import('./index.js');
    expect(fresh.DEFAULT_MAX_PIXELS).toBe(20_000);
    await expect(fresh.decodeImage(fixture('pattern.png'), { decoder: 'fallback' })).rejects.toMatchObject({ code: 'too-many-pixels' });
  });

  it('a DISRUPT_MAX_PIXELS that is not a positive whole number fails loudly', async () => {
    vi.stubEnv('DISRUPT_MAX_PIXELS', '100MP');
    vi.resetModules();
    await expect(import('./limits.js')).rejects.toThrow("DISRUPT_MAX_PIXELS must be a positive whole number of pixels, got '100MP'");
  });
});
