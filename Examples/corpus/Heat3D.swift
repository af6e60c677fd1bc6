// heat_3d (npbench polybench/heat_3d, PolyBench/C's heat-3d), ported from python/heat_3d.py:
// explicit heat-equation steps on a 3-D grid, ping-ponging between A and B; each update reads
// seven shifted views and repeats the centre term three times.

import DRCArray

/// One heat step of `src` into the interior of `dst` (the right-hand side of each update).
private func heatStep(_ A: NDArray) throws -> NDArray {
  let i: AxisSlice = .s(1, -1)
  let lo: AxisSlice = .s(nil, -2)
  // (0.125 * (A[2:, 1:-1, 1:-1] - 2.0 * A[1:-1, 1:-1, 1:-1] + A[:-2, 1:-1, 1:-1]) +
  //  0.125 * (A[1:-1, 2:, 1:-1] - 2.0 * A[1:-1, 1:-1, 1:-1] + A[1:-1, :-2, 1:-1]) +
  //  0.125 * (A[1:-1, 1:-1, 2:] - 2.0 * A[1:-1, 1:-1, 1:-1] + A[1:-1, 1:-1, 0:-2]) +
  //  A[1:-1, 1:-1, 1:-1])
  let x = try 0.125 * (A[2..., i, i] - 2.0 * A[i, i, i] + A[lo, i, i])
  let y = try 0.125 * (A[i, 2..., i] - 2.0 * A[i, i, i] + A[i, lo, i])
  let z = try 0.125 * (A[i, i, 2...] - 2.0 * A[i, i, i] + A[i, i, .s(0, -2)])
  return try x + y + z + A[i, i, i]
}

/// `kernel(TSTEPS, A, B)`: TSTEPS - 1 double steps, in place.
func heat3D(_ TSTEPS: Int, _ A: NDArray, _ B: NDArray) throws {
  let i: AxisSlice = .s(1, -1)
  // for t in range(1, TSTEPS):
  for _ in 1..<TSTEPS {
    // B[1:-1, 1:-1, 1:-1] = (0.125 * (A[2:, 1:-1, 1:-1] - ...) + ... + A[1:-1, 1:-1, 1:-1])
    B[i, i, i] = try heatStep(A)
    // A[1:-1, 1:-1, 1:-1] = (0.125 * (B[2:, 1:-1, 1:-1] - ...) + ... + B[1:-1, 1:-1, 1:-1])
    A[i, i, i] = try heatStep(B)
  }
}

/// `corpus heat_3d [n] [tsteps]`: A and B are n x n x n in [0, 1).
func heat3DProgram(_ sizes: [Int]) throws {
  let n = size(sizes, 0, 12)
  let tsteps = size(sizes, 1, 4)
  // A = det((n, n, n), 19, 0.0, 1.0)
  let A = try detInput("A", [n, n, n], seed: 19, 0.0, 1.0)
  // B = det((n, n, n), 20, 0.0, 1.0)
  let B = try detInput("B", [n, n, n], seed: 20, 0.0, 1.0)
  // kernel(tsteps, A, B)
  try heat3D(tsteps, A, B)
  try report("A", A)
  try report("B", B)
}
