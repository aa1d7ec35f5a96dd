/**
 * Decoded pixels as every hasher here takes them: 8-bit RGB or RGBA rows, top to bottom, with the
 * orientation already applied. A browser `ImageData` fits as it is; Node decoders produce the same.
 */
export interface Pixels {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array | Uint8ClampedArray;
}

export class PixelsError extends Error {
  override readonly name = 'PixelsError';
}

/** 3 for RGB, 4 for RGBA, inferred from the buffer size; throws on anything else. */
export function channelsOf(pixels: Pixels): 3 | 4 {
  const { width, height, data } = pixels;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new PixelsError(`invalid image size ${width}x${height}`);
  }
  const count = width * height;
  if (data.length === count * 4) return 4;
  if (data.length === count * 3) return 3;
  throw new PixelsError(`expected ${count * 3} (RGB) or ${count * 4} (RGBA) bytes for ${width}x${height}, got ${data.length}`);
}

/**
 * Composites onto white and returns RGB bytes (the same buffer when already RGB). Done here, not in
 * decoders, so a browser and Node hash a transparent PNG identically.
 */
export function toRgbOnWhite(pixels: Pixels): Uint8Array | Uint8ClampedArray {
  if (channelsOf(pixels) === 3) return pixels.data;
  const { data } = pixels;
  const count = pixels.width * pixels.height;
  const rgb = new Uint8Array(count * 3);
  for (let i = 0, o = 0; i < count * 4; i += 4, o += 3) {
    const a = data[i + 3]!;
    if (a === 255) {
      rgb[o] = data[i]!;
      rgb[o + 1] = data[i + 1]!;
      rgb[o + 2] = data[i + 2]!;
    } else {
      // round((c·a + 255·(255−a)) / 255) in integers, identical everywhere
      const white = 255 * (255 - a);
      rgb[o] = ((data[i]! * a + white) * 2 + 255) / 510 | 0;
      rgb[o + 1] = ((data[i + 1]! * a + white) * 2 + 255) / 510 | 0;
      rgb[o + 2] = ((data[i + 2]! * a + white) * 2 + 255) / 510 | 0;
    }
  }
  return rgb;
}
