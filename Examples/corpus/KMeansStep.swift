// One Lloyd iteration of k-means, ported from python/kmeans_step.py.

import DRCArray

func kmeansStep(_ X: NDArray, _ C: NDArray) throws -> (NDArray, NDArray, NDArray, NDArray) {
  // d2 = ((X[:, None, :] - C[None, :, :]) ** 2).sum(axis=2)
  let d2 = try ((X[.all, .newAxis, .all] - C[.newAxis, .all, .all]) ** 2.0).sum(axis: 2)
  // labels = np.argmin(d2, axis=1)
  let labels = try argmin(d2, axis: 1)
  // onehot = (labels[:, None] == np.arange(C.shape[0])).astype(X.dtype)
  let onehot = try (labels[.all, .newAxis] == arange(C.shape[0])).astype(X.dtype)
  // counts = onehot.sum(axis=0)
  let counts = try onehot.sum(axis: 0)
  // sums = onehot.T @ X
  let sums = try matmul(onehot.T, X)
  // newC = np.where(counts[:, None] > 0, sums / np.maximum(counts, 1)[:, None], C)
  let newC = try select(
    counts[.all, .newAxis] > 0.0, sums / maximum(counts, 1.0)[.all, .newAxis], C)
  // inertia = np.min(d2, axis=1).sum()
  let inertia = try d2.min(axis: 1).sum()
  // shift = np.linalg.norm(newC - C, axis=1)
  let shift = try norm(newC - C, axis: 1)
  return (labels, newC, inertia, shift)
}

func kmeansStepProgram(_ sizes: [Int]) throws {
  let (n, d, k) = (size(sizes, 0, 200), size(sizes, 1, 4), size(sizes, 2, 6))
  let X = try detInput("X", [n, d], seed: 91, -5.0, 5.0)
  // C = X[:k].copy() + 0.5
  let C = try X[..<k] + 0.5
  let (labels, newC, inertia, shift) = try kmeansStep(X, C)
  try report("labels", labels)
  try report("centroids", newC)
  try report("inertia", inertia)
  try report("shift", shift)
}
