// jacobi_2d (npbench polybench/jacobi_2d, PolyBench/C's jacobi-2d), ported from
// python/jacobi_2d.py: a five-point stencil ping-ponging between A and B, each step writing the
// interior of one array through a view.

import DRCArray

/// `kernel(TSTEPS, A, B)`: TSTEPS - 1 double steps, in place.
func jacobi2D(_ TSTEPS: Int, _ A: NDArray, _ B: NDArray) throws {
  let inner: AxisSlice = .s(1, -1)
  // for t in range(1, TSTEPS):
  for _ in 1..<TSTEPS {
    // B[1:-1, 1:-1] = 0.2 * (A[1:-1, 1:-1] + A[1:-1, :-2] + A[1:-1, 2:] +
    //                        A[2:, 1:-1] + A[:-2, 1:-1])
    B[inner, inner] =
      try 0.2
      * (A[inner, inner] + A[inner, .s(nil, -2)] + A[inner, 2...] + A[2..., inner]
        + A[.s(nil, -2), inner])
    // A[1:-1, 1:-1] = 0.2 * (B[1:-1, 1:-1] + B[1:-1, :-2] + B[1:-1, 2:] +
    //                        B[2:, 1:-1] + B[:-2, 1:-1])
    A[inner, inner] =
      try 0.2
      * (B[inner, inner] + B[inner, .s(nil, -2)] + B[inner, 2...] + B[2..., inner]
        + B[.s(nil, -2), inner])
  }
}

/// `corpus jacobi_2d [n] [tsteps]`: A and B are n x n in [0, 1).
func jacobi2DProgram(_ sizes: [Int]) throws {
  let n = size(sizes, 0, 40)
  let tsteps = size(sizes, 1, 6)
  // A = det((n, n), 17, 0.0, 1.0)
  let A = try detInput("A", [n, n], seed: 17, 0.0, 1.0)
  // B = det((n, n), 18, 0.0, 1.0)
  let B = try detInput("B", [n, n], seed: 18, 0.0, 1.0)
  // kernel(tsteps, A, B)
  try jacobi2D(tsteps, A, B)
  try report("A", A)
  try report("B", B)
}
