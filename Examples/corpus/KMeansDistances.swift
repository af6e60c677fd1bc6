// kmeans_distances (scikit-learn's `euclidean_distances` and the k-means inertia), ported from
// python/kmeans_distances.py: squared distances of every sample to every centre through
// |x|^2 + |y|^2 - 2 x.y, clamped at 0, then each sample's nearest distance and their total.

import DRCArray

/// `row_norms(X, squared=True)`: the squared norm of each row (sklearn writes it as einsum).
func rowNorms(_ X: NDArray) throws -> NDArray {
  // norms = (X * X).sum(axis=1)
  let norms = try (X * X).sum(axis: 1)
  return norms
}

/// `euclidean_distances(X, Y)` with squared=True.
func euclideanDistances(_ X: NDArray, _ Y: NDArray) throws -> NDArray {
  // XX = row_norms(X, squared=True)[:, np.newaxis]
  let XX = try rowNorms(X)[.all, .newAxis]
  // YY = row_norms(Y, squared=True)[np.newaxis, :]
  let YY = try rowNorms(Y)[.newAxis, .all]
  // distances = -2 * X @ Y.T
  var distances = try matmul(-2 * X, Y.T)
  // distances += XX
  try distances += XX
  // distances += YY
  try distances += YY
  // np.maximum(distances, 0, out=distances)
  try distances.assign(maximum(distances, 0.0))
  // return distances
  return distances
}

/// `corpus kmeans_distances [n] [k] [d]`: n samples and k centres of d features.
func kmeansDistancesProgram(_ sizes: [Int]) throws {
  let (n, k, d) = (size(sizes, 0, 256), size(sizes, 1, 16), size(sizes, 2, 8))
  // X = det((n, d), 25, -3.0, 3.0)
  let X = try detInput("X", [n, d], seed: 25, -3.0, 3.0)
  // centers = det((k, d), 26, -3.0, 3.0)
  let centers = try detInput("centers", [k, d], seed: 26, -3.0, 3.0)
  // distances = euclidean_distances(X, centers)
  let distances = try euclideanDistances(X, centers)
  try report("distances", distances)
  // distances.min(axis=1)
  try report("nearest", try distances.min(axis: 1))
  // distances.min(axis=1).sum()
  try report("inertia", try distances.min(axis: 1).sum())
}
