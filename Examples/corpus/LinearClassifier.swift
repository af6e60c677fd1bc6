// linear_classifier (Stanford CS231n, LinearClassifier.predict and the notebooks' accuracy),
// ported from python/linear_classifier.py: class scores by a matrix product, the predicted label
// of each row by argmax (int64, first index on ties), and the fraction of labels predicted.

import DRCArray

/// `LinearClassifier.predict(X)`: the argmax of each row of `X.dot(W)`.
func predict(_ X: NDArray, _ W: NDArray) throws -> NDArray {
  // y_pred = np.argmax(X.dot(W), axis=1)
  let y_pred = try argmax(try dot(X, W), axis: 1)
  // return y_pred
  return y_pred
}

/// `corpus linear_classifier [n] [d] [c]`: n samples of d features, c classes.
func linearClassifierProgram(_ sizes: [Int]) throws {
  let n = size(sizes, 0, 500)
  let d = size(sizes, 1, 64)
  let c = size(sizes, 2, 10)
  // X = det((n, d), 31, -1.0, 1.0)
  let X = try detInput("X", [n, d], seed: 31, -1.0, 1.0)
  // W = det((d, c), 32, -0.01, 0.01)
  let W = try detInput("W", [d, c], seed: 32, -0.01, 0.01)
  // y = det((n,), 33, 0.0, float(c)).astype(np.int64)
  let y = try detInput("y", [n], seed: 33, 0.0, Double(c)).astype(.int64)
  // y_pred = predict(X, W)
  let y_pred = try predict(X, W)
  // accuracy = np.mean(y == y_pred)
  let accuracy = try (y == y_pred).mean()
  try report("y_pred", y_pred)
  try report("accuracy", accuracy)
}
