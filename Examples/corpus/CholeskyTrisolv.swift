// polybench cholesky and trisolv (npbench), ported from python/cholesky_trisolv.py.

import DRCArray

func choleskyKernel(_ A: NDArray) throws {
  // A[0, 0] = np.sqrt(A[0, 0])
  A[0, 0] = try sqrt(A[0, 0])
  for i in 1..<A.shape[0] {
    for j in 0..<i {
      // A[i, j] -= np.dot(A[i, :j], A[j, :j])
      try A[i, j] -= dot(A[i, ..<j], A[j, ..<j])
      // A[i, j] /= A[j, j]
      try A[i, j] /= A[j, j]
    }
    // A[i, i] -= np.dot(A[i, :i], A[i, :i])
    try A[i, i] -= dot(A[i, ..<i], A[i, ..<i])
    // A[i, i] = np.sqrt(A[i, i])
    A[i, i] = try sqrt(A[i, i])
  }
}

func trisolv(_ L: NDArray, _ x: NDArray, _ b: NDArray) throws {
  for i in 0..<x.shape[0] {
    // x[i] = (b[i] - L[i, :i] @ x[:i]) / L[i, i]
    x[i] = try (b[i] - matmul(L[i, ..<i], x[..<i])) / L[i, i]
  }
}

func choleskyTrisolvProgram(_ sizes: [Int]) throws {
  let n = size(sizes, 0, 9)
  let M = try detInput("M", [n, n], seed: 41, -1.0, 1.0)
  // A = M @ M.T + n * np.eye(n)
  let A = try matmul(M, M.T) + n * eye(n)
  try choleskyKernel(A)
  // L = np.tril(A)
  let L = try tril(A)
  let b = try detInput("b", [n], seed: 42, -1.0, 1.0)
  let x = try zeros([n])
  try trisolv(L, x, b)
  try report("A", A)
  try report("x", x)
}
