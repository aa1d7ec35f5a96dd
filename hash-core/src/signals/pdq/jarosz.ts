/**
 * Stage 2: the Jarosz blur: a box filter along rows then along columns, twice, in float32, with the
 * reference's running sum (`box1DFloat` in downscaling.cpp) reproduced operation by operation.
 *
 * A float running sum does not come back to the same value after adding then subtracting a number,
 * so the exact sequence of additions and subtractions is part of the hash. Every function here keeps
 * that sequence for each row and each column; only the interleaving of rows/columns differs.
 *
 * Division: the reference computes `sum / count` in float. We multiply by a double reciprocal and
 * round to float, which gives the same float: `sum` has 24 significant bits, so `sum / count` is
 * never within 2⁻²⁴/count (relative) of a rounding midpoint, far more than the product's 2⁻⁵² error
 * (also checked exhaustively over every float mantissa for counts 1..1024).
 */

const fround = Math.fround;

/** Box width per pass so that two passes cover one output cell: ceil(old / (2·new)) in integers. */
export function jaroszWindowSize(oldDimension: number, newDimension: number): number {
  return Math.floor((oldDimension + 2 * newDimension - 1) / (2 * newDimension));
}

/**
 * The reference's four phases for a vector of `length` values and a box of `window` (≤ length):
 * 1. `lead` additions with no output (the box is centred, one more value on the right when even);
 * 2. `grow` outputs, each after one addition, while the box grows from the left edge;
 * 3. `slide` outputs, each after one addition and then one subtraction (full box);
 * 4. `lead` outputs, each after one subtraction, while the box shrinks at the right edge.
 * Output o is the sum divided by the number of values in the box, `1 / reciprocal[o]`.
 */
interface Phases {
  readonly lead: number;
  readonly grow: number;
  readonly slide: number;
  readonly reciprocal: Float64Array;
}

function phasesOf(length: number, window: number): Phases {
  const half = (window + 2) >> 1; // 7 → 4, 8 → 5
  const lead = half - 1;
  const grow = window - half + 1;
  const slide = length - window;
  const reciprocal = new Float64Array(length);
  let o = 0;
  for (let t = 1; t <= grow; t++) reciprocal[o++] = 1 / (lead + t);
  for (let t = 0; t < slide; t++) reciprocal[o++] = 1 / window;
  for (let t = 1; t <= lead; t++) reciprocal[o++] = 1 / (window - t);
  return { lead, grow, slide, reciprocal };
}

/** One box pass along every row of a `rows × cols` row-major buffer. */
export function boxAlongRows(input: Float32Array, output: Float32Array, rows: number, cols: number, window: number): void {
  const p = phasesOf(cols, window);
  let r = 0;
  for (; r + 4 <= rows; r += 4) boxFourRows(input, output, r * cols, r * cols, cols, p);
  for (; r < rows; r++) boxOneRow(input, output, r * cols, r * cols, p);
}

/**
 * The last row pass fused with decimation: only columns listed in `colIndex` are output, as rows of
 * `out` (`rows × colIndex.length`). `block` is scratch of at least 4·`cols` floats.
 */
export function boxAlongRowsAt(
  input: Float32Array,
  rows: number,
  cols: number,
  window: number,
  colIndex: Int32Array,
  out: Float32Array,
  block: Float32Array,
): void {
  const p = phasesOf(cols, window);
  const k = colIndex.length;
  for (let r = 0; r < rows; ) {
    const n = rows - r >= 4 ? 4 : 1;
    if (n === 4) boxFourRows(input, block, r * cols, 0, cols, p);
    else boxOneRow(input, block, r * cols, 0, p);
    for (let q = 0; q < n; q++, r++) {
      const from = q * cols;
      const to = r * k;
      for (let c = 0; c < k; c++) out[to + c] = block[from + colIndex[c]];
    }
  }
}

function boxOneRow(input: Float32Array, output: Float32Array, inBase: number, outBase: number, p: Phases): void {
  const { lead, grow, slide, reciprocal } = p;
  let ri = inBase; // next value to add
  let li = inBase; // next value to subtract
  let o = 0;
  let sum = 0;
  for (let t = 0; t < lead; t++) sum = fround(sum + input[ri++]);
  for (let t = 0; t < grow; t++, o++) {
    sum = fround(sum + input[ri++]);
    output[outBase + o] = sum * reciprocal[o]; // the Float32Array store rounds to float
  }
  for (let t = 0; t < slide; t++, o++) {
    sum = fround(fround(sum + input[ri++]) - input[li++]);
    output[outBase + o] = sum * reciprocal[o];
  }
  for (let t = 0; t < lead; t++, o++) {
    sum = fround(sum - input[li++]);
    output[outBase + o] = sum * reciprocal[o];
  }
}

/**
 * Four consecutive rows at once: each row's sum is a chain of dependent float operations, so four
 * independent chains keep the CPU busy while each waits on its previous result (about 4× faster).
 */
function boxFourRows(input: Float32Array, output: Float32Array, inBase: number, outBase: number, cols: number, p: Phases): void {
  const { lead, grow, slide, reciprocal } = p;
  const i0 = inBase;
  const i1 = i0 + cols;
  const i2 = i1 + cols;
  const i3 = i2 + cols;
  const o0 = outBase;
  const o1 = o0 + cols;
  const o2 = o1 + cols;
  const o3 = o2 + cols;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let ri = 0;
  let li = 0;
  let o = 0;
  for (let t = 0; t < lead; t++, ri++) {
    s0 = fround(s0 + input[i0 + ri]);
    s1 = fround(s1 + input[i1 + ri]);
    s2 = fround(s2 + input[i2 + ri]);
    s3 = fround(s3 + input[i3 + ri]);
  }
  for (let t = 0; t < grow; t++, ri++, o++) {
    const m = reciprocal[o];
    output[o0 + o] = (s0 = fround(s0 + input[i0 + ri])) * m;
    output[o1 + o] = (s1 = fround(s1 + input[i1 + ri])) * m;
    output[o2 + o] = (s2 = fround(s2 + input[i2 + ri])) * m;
    output[o3 + o] = (s3 = fround(s3 + input[i3 + ri])) * m;
  }
  for (let t = 0; t < slide; t++, ri++, li++, o++) {
    const m = reciprocal[o];
    output[o0 + o] = (s0 = fround(fround(s0 + input[i0 + ri]) - input[i0 + li])) * m;
    output[o1 + o] = (s1 = fround(fround(s1 + input[i1 + ri]) - input[i1 + li])) * m;
    output[o2 + o] = (s2 = fround(fround(s2 + input[i2 + ri]) - input[i2 + li])) * m;
    output[o3 + o] = (s3 = fround(fround(s3 + input[i3 + ri]) - input[i3 + li])) * m;
  }
  for (let t = 0; t < lead; t++, li++, o++) {
    const m = reciprocal[o];
    output[o0 + o] = (s0 = fround(s0 - input[i0 + li])) * m;
    output[o1 + o] = (s1 = fround(s1 - input[i1 + li])) * m;
    output[o2 + o] = (s2 = fround(s2 - input[i2 + li])) * m;
    output[o3 + o] = (s3 = fround(s3 - input[i3 + li])) * m;
  }
}

/**
 * One box pass along every column. The reference walks one column at a time with a stride of
 * `cols`; we advance all column sums together, one row at a time, which reads memory in order and
 * performs exactly the same float operations on each column's sum. `sums`: at least `cols` floats.
 */
export function boxAlongCols(
  input: Float32Array,
  output: Float32Array,
  rows: number,
  cols: number,
  window: number,
  sums: Float32Array,
): void {
  const { lead, grow, slide, reciprocal } = phasesOf(rows, window);
  sums.fill(0, 0, cols);
  let add = 0; // offset of the row to add
  let sub = 0; // offset of the row to subtract
  let out = 0; // offset of the output row
  for (let t = 0; t < lead; t++, add += cols) {
    for (let j = 0; j < cols; j++) sums[j] += input[add + j]; // the store rounds to float
  }
  for (let r = 0; r < grow; r++, add += cols, out += cols) {
    const m = reciprocal[r];
    for (let j = 0; j < cols; j++) {
      // not `(sums[j] += x) * m`: an assignment's value is the unrounded double, not the stored float
      const s = fround(sums[j] + input[add + j]);
      sums[j] = s;
      output[out + j] = s * m;
    }
  }
  for (let r = grow; r < grow + slide; r++, add += cols, sub += cols, out += cols) {
    const m = reciprocal[r];
    for (let j = 0; j < cols; j++) {
      const s = fround(fround(sums[j] + input[add + j]) - input[sub + j]);
      sums[j] = s;
      output[out + j] = s * m;
    }
  }
  for (let r = grow + slide; r < rows; r++, sub += cols, out += cols) {
    const m = reciprocal[r];
    for (let j = 0; j < cols; j++) {
      const s = fround(sums[j] - input[sub + j]);
      sums[j] = s;
      output[out + j] = s * m;
    }
  }
}

/**
 * The last column pass fused with decimation: only rows listed in `rowIndex` (ascending, repeats
 * allowed) are output, as rows of `out` (`rowIndex.length × cols`). The running sums still visit
 * every row, so the values equal those of the full pass. Meant for narrow inputs (64 columns).
 */
export function boxAlongColsAt(
  input: Float32Array,
  rows: number,
  cols: number,
  window: number,
  rowIndex: Int32Array,
  out: Float32Array,
  sums: Float32Array,
): void {
  const { lead, grow, slide, reciprocal } = phasesOf(rows, window);
  sums.fill(0, 0, cols);
  let add = 0;
  let sub = 0;
  let next = 0; // next entry of rowIndex to write
  const emit = (r: number): void => {
    for (; next < rowIndex.length && rowIndex[next] === r; next++) {
      for (let j = 0, o = next * cols; j < cols; j++) out[o + j] = sums[j] * reciprocal[r];
    }
  };
  for (let t = 0; t < lead; t++, add += cols) {
    for (let j = 0; j < cols; j++) sums[j] += input[add + j];
  }
  for (let r = 0; r < grow; r++, add += cols) {
    for (let j = 0; j < cols; j++) sums[j] += input[add + j];
    emit(r);
  }
  for (let r = grow; r < grow + slide; r++, add += cols, sub += cols) {
    for (let j = 0; j < cols; j++) sums[j] = fround(sums[j] + input[add + j]) - input[sub + j];
    emit(r);
  }
  for (let r = grow + slide; r < rows; r++, sub += cols) {
    for (let j = 0; j < cols; j++) sums[j] -= input[sub + j];
    emit(r);
  }
}
