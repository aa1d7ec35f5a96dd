/**
 * Stage 6: the median of the 256 DCT values by Torben Mogensen's algorithm (the reference's
 * `torben`). Its result is one of the values or a float midpoint of two, and which one it picks in
 * ties matters for the bits, so we follow it rather than sorting.
 */

const fround = Math.fround;

export function torbenMedian(values: Float32Array, n: number = values.length): number {
  let min = values[0];
  let max = values[0];
  for (let i = 1; i < n; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const half = (n + 1) >> 1;
  let less = 0;
  let greater = 0;
  let equal = 0;
  let guess = 0;
  let maxBelow = 0;
  let minAbove = 0;
  for (;;) {
    guess = fround((min + max) / 2);
    less = 0;
    greater = 0;
    equal = 0;
    maxBelow = min;
    minAbove = max;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v < guess) {
        less++;
        if (v > maxBelow) maxBelow = v;
      } else if (v > guess) {
        greater++;
        if (v < minAbove) minAbove = v;
      } else {
        equal++;
      }
    }
    if (less <= half && greater <= half) break;
    if (less > greater) max = maxBelow;
    else min = minAbove;
  }
  if (less >= half) return maxBelow;
  if (less + equal >= half) return guess;
  return minAbove;
}
