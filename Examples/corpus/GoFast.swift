// go_fast (npbench, from Numba's 5-minute guide), ported from python/go_fast.py: add the sum of
// tanh over the diagonal to every element. The Python loop over `a[i, i]` records one 0-d view,
// one tanh and one add per diagonal element; the compiled program fuses them with the final
// broadcast add.

import DRCArray

/// `go_fast(a)`: `a + sum_i tanh(a[i, i])`, accumulated element by element as in Python.
func goFast(_ a: NDArray) throws -> NDArray {
  // trace = 0.0   (a Python float: here a 0-d float64 array)
  var trace = try full([], 0.0)
  // for i in range(a.shape[0]):
  for i in 0..<a.shape[0] {
    // trace += np.tanh(a[i, i])
    trace = try trace + tanh(a[i, i])
  }
  // return a + trace
  return try a + trace
}

/// `corpus go_fast [n]`: a is n x n in [-2, 2).
func goFastProgram(_ sizes: [Int]) throws {
  let n = size(sizes, 0, 48)
  // a = det((n, n), 1, -2.0, 2.0)
  let a = try detInput("a", [n, n], seed: 1, -2.0, 2.0)
  try report("out", try goFast(a))
}
