// polybench lu and syrk (npbench), ported from python/lu_syrk.py.

import DRCArray

func lu(_ A: NDArray) throws {
  for i in 0..<A.shape[0] {
    for j in 0..<i {
      // A[i, j] -= A[i, :j] @ A[:j, j]
      try A[i, j] -= matmul(A[i, ..<j], A[..<j, j])
      // A[i, j] /= A[j, j]
      try A[i, j] /= A[j, j]
    }
    for j in i..<A.shape[0] {
      // A[i, j] -= A[i, :i] @ A[:i, j]
      try A[i, j] -= matmul(A[i, ..<i], A[..<i, j])
    }
  }
}

func syrk(_ alpha: Double, _ beta: Double, _ C: NDArray, _ A: NDArray) throws {
  for i in 0..<A.shape[0] {
    // C[i, :i + 1] *= beta
    try C[i, ..<(i + 1)] *= beta
    for k in 0..<A.shape[1] {
      // C[i, :i + 1] += alpha * A[i, k] * A[:i + 1, k]
      try C[i, ..<(i + 1)] += alpha * A[i, k] * A[..<(i + 1), k]
    }
  }
}

func luSyrkProgram(_ sizes: [Int]) throws {
  let (n, m) = (size(sizes, 0, 16), size(sizes, 1, 6))
  let M = try detInput("M", [n, n], seed: 171)
  let A = try matmul(M, M.T) + Double(n) * eye(n)
  try lu(A)
  let C = try detInput("C", [n, n], seed: 172)
  let B = try detInput("B", [n, m], seed: 173)
  try syrk(1.5, 1.2, C, B)
  try report("lu", A)
  try report("syrk", C)
}
