/**
 * Stage 7 (dihedral hashes): the 16 × 16 DCT of a rotated or mirrored image, derived from the
 * original's DCT instead of hashing 8 images (the reference's `dct16OriginalTo*`).
 *
 * Mirroring an axis multiplies the coefficients of odd DCT frequency along it by −1 (storage index
 * i holds frequency i + 1, so that is even i); a quarter turn or a diagonal mirror also swaps the
 * axes (transposition). These are exact for the DCT itself; the blur and decimation before it are
 * not perfectly symmetric, so a variant can differ in a few bits from hashing the turned pixels.
 */

export const PDQ_DIHEDRAL_NAMES = [
  'original',
  'rot90', // a quarter turn counter-clockwise
  'rot180',
  'rot270', // a quarter turn clockwise
  'flipX', // top ↔ bottom (mirror across the horizontal axis)
  'flipY', // left ↔ right (mirror across the vertical axis)
  'flipPlus1', // transpose (mirror across the main diagonal)
  'flipMinus1', // mirror across the anti-diagonal
] as const;

export type PdqDihedralName = (typeof PDQ_DIHEDRAL_NAMES)[number];

/**
 * Per variant: swap axes?, and which parities decide the sign. The coefficient at source row i,
 * column j is negated when (rowParity·(i+1) + colParity·(j+1)) is odd, i.e. when the frequency is odd
 * along an odd number of the mirrored axes.
 */
const VARIANTS: readonly { transpose: boolean; mirrorRows: boolean; mirrorCols: boolean }[] = [
  { transpose: false, mirrorRows: false, mirrorCols: false }, // original
  { transpose: true, mirrorRows: false, mirrorCols: true }, // rot90
  { transpose: false, mirrorRows: true, mirrorCols: true }, // rot180
  { transpose: true, mirrorRows: true, mirrorCols: false }, // rot270
  { transpose: false, mirrorRows: true, mirrorCols: false }, // flipX
  { transpose: false, mirrorRows: false, mirrorCols: true }, // flipY
  { transpose: true, mirrorRows: false, mirrorCols: false }, // flipPlus1
  { transpose: true, mirrorRows: true, mirrorCols: true }, // flipMinus1
];

/** Writes the 16 × 16 DCT of dihedral variant `index` (order of PDQ_DIHEDRAL_NAMES) into `out`. */
export function dihedralDct(index: number, dct: Float32Array, out: Float32Array): void {
  const v = VARIANTS[index];
  if (v === undefined) throw new RangeError(`dihedral variant ${index} is not in 0..7`);
  const rowSign = v.mirrorRows ? 1 : 0;
  const colSign = v.mirrorCols ? 1 : 0;
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 16; j++) {
      // frequency i + 1 is odd when i is even
      const negate = ((rowSign & ~i) ^ (colSign & ~j)) & 1;
      const value = negate ? -dct[i * 16 + j] : dct[i * 16 + j];
      out[v.transpose ? j * 16 + i : i * 16 + j] = value;
    }
  }
}
