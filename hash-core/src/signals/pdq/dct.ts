/**
 * Stage 5: the part of the 2-D DCT-II that PDQ keeps, frequencies 1..16 in each direction (the DC
 * row and column are dropped), as the reference's `dct64To16`: B = D·A·Dᵀ with D of size 16 × 64.
 */

const fround = Math.fround;

/**
 * D[i][j] = sqrt(2/64) · cos(π/128 · (i+1) · (2j+1)). The reference stores the scale as a float,
 * multiplies it by the double cosine, and stores the product as a float: we round at the same places.
 */
export const DCT_MATRIX: Float32Array = /* @__PURE__ */ buildDctMatrix();

function buildDctMatrix(): Float32Array {
  const d = new Float32Array(16 * 64);
  const scale = fround(Math.sqrt(2 / 64));
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 64; j++) d[i * 64 + j] = scale * Math.cos((Math.PI / 2 / 64) * (i + 1) * (2 * j + 1));
  }
  return d;
}

/**
 * `grid` (64 × 64) → `out` (16 × 16), using `t` (16 × 64) as the intermediate T = D·A. Each sum runs
 * over k = 0..63 in float, one rounded product at a time, as in the reference.
 */
export function dct64To16(grid: Float32Array, t: Float32Array, out: Float32Array): void {
  const d = DCT_MATRIX;
  // T = D·A. Loop order i, k, j keeps each T[i][j]'s sum in k order while reading A row by row.
  t.fill(0, 0, 16 * 64);
  for (let i = 0; i < 16; i++) {
    const ti = i * 64;
    for (let k = 0; k < 64; k++) {
      const dik = d[ti + k];
      const ak = k * 64;
      for (let j = 0; j < 64; j++) t[ti + j] += fround(dik * grid[ak + j]);
    }
  }
  // B = T·Dᵀ: both operands read along rows.
  for (let i = 0; i < 16; i++) {
    const ti = i * 64;
    for (let j = 0; j < 16; j++) {
      const dj = j * 64;
      let sum = 0;
      for (let k = 0; k < 64; k++) sum = fround(sum + fround(t[ti + k] * d[dj + k]));
      out[i * 16 + j] = sum;
    }
  }
}

const sums = new Float64Array(32 * 64);
const diffs = new Float64Array(32 * 64);
const rows = new Float64Array(16 * 64);
const foldedSum = new Float64Array(32);
const foldedDiff = new Float64Array(32);

/**
 * The same 16 × 16 coefficients as `dct64To16`, folding the matrix's symmetry: row i of D is even
 * or odd about its middle (D[i][63 − k] = (−1)^(i+1)·D[i][k]), so each sum runs over 32 terms of
 * A[k] ± A[63 − k] instead of 64 — about half the multiplications, in float64. Not rounded where
 * the reference rounds, so a coefficient on the median may land the other side: for the PDQ
 * variants (our own signals, ~2× faster); plain PDQ keeps `dct64To16`, bit-exact.
 */
export function dct64To16Folded(grid: Float32Array, out: Float32Array): void {
  const d = DCT_MATRIX;
  for (let k = 0; k < 32; k++) {
    const top = k * 64;
    const bottom = (63 - k) * 64;
    for (let j = 0; j < 64; j++) {
      sums[top + j] = grid[top + j]! + grid[bottom + j]!;
      diffs[top + j] = grid[top + j]! - grid[bottom + j]!;
    }
  }
  // T = D·A: frequency i + 1 even → symmetric row → sums; odd → antisymmetric → differences.
  rows.fill(0);
  for (let i = 0; i < 16; i++) {
    const folded = (i + 1) % 2 === 0 ? sums : diffs;
    const ti = i * 64;
    for (let k = 0; k < 32; k++) {
      const dik = d[ti + k]!;
      const fk = k * 64;
      for (let j = 0; j < 64; j++) rows[ti + j] += dik * folded[fk + j]!;
    }
  }
  // B = T·Dᵀ, folded the same way along k.
  for (let i = 0; i < 16; i++) {
    const ti = i * 64;
    for (let k = 0; k < 32; k++) {
      foldedSum[k] = rows[ti + k]! + rows[ti + 63 - k]!;
      foldedDiff[k] = rows[ti + k]! - rows[ti + 63 - k]!;
    }
    for (let j = 0; j < 16; j++) {
      const folded = (j + 1) % 2 === 0 ? foldedSum : foldedDiff;
      const dj = j * 64;
      let sum = 0;
      for (let k = 0; k < 32; k++) sum += folded[k]! * d[dj + k]!;
      out[i * 16 + j] = sum;
    }
  }
}
