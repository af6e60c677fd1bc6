// polybench seidel_2d and a GRU over a sequence; ported from python/seidel_gru.py.

import DRCArray

func seidel(_ TSTEPS: Int, _ N: Int, _ A: NDArray) throws {
  for _ in 0..<(TSTEPS - 1) {
    for i in 1..<(N - 1) {
      // A[i, 1:-1] += (A[i - 1, :-2] + A[i - 1, 1:-1] + A[i - 1, 2:] + A[i, 2:] +
      //                A[i + 1, :-2] + A[i + 1, 1:-1] + A[i + 1, 2:])
      try A[i, .s(1, -1)] +=
        A[i - 1, .s(nil, -2)] + A[i - 1, .s(1, -1)] + A[i - 1, 2...] + A[i, 2...]
        + A[i + 1, .s(nil, -2)] + A[i + 1, .s(1, -1)] + A[i + 1, 2...]
      for j in 1..<(N - 1) {
        // A[i, j] += A[i, j - 1]
        try A[i, j] += A[i, j - 1]
        // A[i, j] /= 9.0
        try A[i, j] /= 9.0
      }
    }
  }
}

func gru(_ xs: NDArray, _ h0: NDArray, _ W: [NDArray]) throws -> NDArray {
  let (Wz, Uz, Wr, Ur, Wh, Uh) = (W[0], W[1], W[2], W[3], W[4], W[5])
  var h = h0
  // for x in xs:
  for t in 0..<xs.shape[0] {
    let x: NDArray = xs[t]
    // z = sig(x @ Wz + h @ Uz)
    let z = try sigmoid(matmul(x, Wz) + matmul(h, Uz))
    let r = try sigmoid(matmul(x, Wr) + matmul(h, Ur))
    // hh = np.tanh(x @ Wh + (r * h) @ Uh)
    let hh = try tanh(matmul(x, Wh) + matmul(r * h, Uh))
    // h = (1 - z) * h + z * hh
    h = try (1 - z) * h + z * hh
  }
  return h
}

func seidelGRUProgram(_ sizes: [Int]) throws {
  let (n, tsteps, T, D, H) = (
    size(sizes, 0, 7), size(sizes, 1, 3), size(sizes, 2, 4), size(sizes, 3, 3), size(sizes, 4, 5)
  )
  let A = try detInput("A", [n, n], seed: 91, 0.0, 1.0)
  try seidel(tsteps, n, A)
  let xs = try detInput("xs", [T, 2, D], seed: 92)
  let h = try zeros([2, H])
  // Ws = [det(s, 93 + i, -0.5, 0.5) for i, s in enumerate([(D, H), (H, H)] * 3)]
  let shapes = [[D, H], [H, H], [D, H], [H, H], [D, H], [H, H]]
  let Ws = try shapes.enumerated().map { (i, s) in try detInput("W\(i)", s, seed: 93 + i, -0.5, 0.5)
  }
  let hT = try gru(xs, h, Ws)
  try report("A", A)
  try report("h", hT)
}
