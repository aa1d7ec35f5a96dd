/**
 * Stage 4: the reference's quality score (`pdqImageDomainQualityMetric`): how many significant
 * gradients the 64 × 64 image has. Below 50 the hash carries too little signal to be relied on.
 */

const fround = Math.fround;

/** 0..100 from a 64 × 64 row-major float buffer. */
export function qualityOf(grid: Float32Array): number {
  let sum = 0;
  // Vertical neighbours, then horizontal ones; d = int(((u − v) · 100) / 255) in float, truncated.
  for (let i = 0; i < 63 * 64; i++) sum += Math.abs(Math.trunc(fround(fround(fround(grid[i] - grid[i + 64]) * 100) / 255)));
  for (let i = 0; i < 64; i++) {
    const row = i * 64;
    for (let j = 0; j < 63; j++) {
      sum += Math.abs(Math.trunc(fround(fround(fround(grid[row + j] - grid[row + j + 1]) * 100) / 255)));
    }
  }
  return Math.min(100, Math.trunc(sum / 90));
}
