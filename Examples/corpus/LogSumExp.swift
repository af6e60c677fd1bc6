// logsumexp (SciPy, scipy.special.logsumexp, 1.11-1.14, without `b` and `return_sign`), ported
// from python/logsumexp.py: log(sum(exp(a))) along an axis, shifted by the maximum for
// stability. The maxima that are not finite are zeroed by a masked write; one input row is all
// -inf, so its result is -inf (exp gives zeros, log of a zero sum).

import DRCArray

/// `logsumexp(a, axis=axis)` for an array of rank at least 1 (keepdims=False).
func logSumExp(_ a: NDArray, axis: Int) throws -> NDArray {
  // a_max = np.amax(a, axis=axis, keepdims=True)
  var a_max = try a.max(axis: axis, keepdims: true)
  // if a_max.ndim > 0:
  //     a_max[~np.isfinite(a_max)] = 0
  a_max[try !isfinite(a_max)] = 0.0
  // tmp = np.exp(a - a_max)
  let tmp = try exp(a - a_max)
  // s = np.sum(tmp, axis=axis, keepdims=keepdims)
  let s = try tmp.sum(axis: axis)
  // out = np.log(s)
  var out = try log(s)
  // if not keepdims:
  //     a_max = np.squeeze(a_max, axis=axis)
  a_max = a_max.squeeze(axis)
  // out += a_max
  try out += a_max
  // return out
  return out
}

/// `corpus logsumexp [rows] [cols]`: a is rows x cols in [-60, 40), row 3 all -inf.
func logSumExpProgram(_ sizes: [Int]) throws {
  let rows = size(sizes, 0, 64)
  let cols = size(sizes, 1, 100)
  // a = det((rows, cols), 4, -60.0, 40.0)
  var values = det([rows, cols], seed: 4, -60.0, 40.0)
  // a[3, :] = -np.inf
  for j in 0..<cols { values[3 * cols + j] = -.infinity }
  let a = try input("a", values, shape: [rows, cols])
  try report("out", try logSumExp(a, axis: 1))
}
