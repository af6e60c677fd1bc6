// Pairwise cosine similarity and nearest neighbours, ported from python/cosine_sim.py.

import DRCArray

func cosineSimilarity(_ X: NDArray, _ Y: NDArray) throws -> NDArray {
  // Xn = X / np.linalg.norm(X, axis=1, keepdims=True)
  let Xn = try X / norm(X, axis: 1, keepdims: true)
  let Yn = try Y / norm(Y, axis: 1, keepdims: true)
  // Xn @ Yn.T
  return try matmul(Xn, Yn.T)
}

func cosineSimProgram(_ sizes: [Int]) throws {
  let (n, m, d) = (size(sizes, 0, 7), size(sizes, 1, 33), size(sizes, 2, 5))
  let X = try detInput("X", [n, d], seed: 61, -1.0, 1.0)
  let Y = try detInput("Y", [m, d], seed: 62, -1.0, 1.0)
  let S = try cosineSimilarity(X, Y)
  // nn = np.argmax(S, axis=1)
  let nn = try argmax(S, axis: 1)
  // best = S[np.arange(n), nn]
  let best: NDArray = S[try arange(n), nn]
  let Sxx = try cosineSimilarity(X, X)
  // np.fill_diagonal(Sxx, -np.inf)
  try fillDiagonal(Sxx, -Double.infinity)
  // self_nn = Sxx.argmax(axis=1)
  let selfNN = try Sxx.argmax(axis: 1)
  // top3 = np.argsort(-S, axis=1, kind="stable")[:, :3]
  let top3: NDArray = try argsort(-S, axis: 1)[.all, ..<3]
  try report("S", S)
  try report("nn", nn)
  try report("best", best)
  try report("self_nn", selfNN)
  try report("top3", top3)
}
