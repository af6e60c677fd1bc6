// Logistic regression by gradient descent, ported from python/logreg.py (float64).

import DRCArray

func logLoss(_ y: NDArray, _ p: NDArray) throws -> NDArray {
  let eps = 1e-15
  // p = np.clip(p, eps, 1 - eps)
  let p = try clip(p, min: eps, max: 1 - eps)
  // -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
  return try -(y * log(p) + (1 - y) * log(1 - p)).mean()
}

func logregFit(_ X: NDArray, _ y: NDArray, lr: Double, iters: Int) throws -> (
  NDArray, Double, NDArray
) {
  let (n, d) = (X.shape[0], X.shape[1])
  var w = try zeros([d])
  var b = 0.0
  var losses: [NDArray] = []
  for _ in 0..<iters {
    // p = sigmoid(X @ w + b)
    let p = try sigmoid(matmul(X, w) + b)
    losses.append(try logLoss(y, p))
    // dw = X.T @ (p - y) / n
    let dw = try matmul(X.T, p - y) / n
    // db = np.sum(p - y) / n
    let db = try (p - y).sum() / n
    // w -= lr * dw
    try w -= lr * dw
    // b -= lr * db  (b is a Python float that becomes a 0-d array: read it on the host)
    b -= lr * (try db.item())
  }
  return (w, b, try stack(losses))
}

func logregProgram(_ sizes: [Int]) throws {
  let (n, d, iters) = (size(sizes, 0, 1000), size(sizes, 1, 5), size(sizes, 2, 20))
  let X = try detInput("X", [n, d], seed: 21, -2.0, 2.0)
  let trueW = try detInput("true_w", [d], seed: 22, -1.0, 1.0)
  // y = (X @ true_w > 0.1).astype(np.float64)
  let y = try (matmul(X, trueW) > 0.1).astype(.float64)
  let (w, b, losses) = try logregFit(X, y, lr: 0.5, iters: iters)
  // pred = (sigmoid(X @ w + b) >= 0.5).astype(int)
  let pred = try (sigmoid(matmul(X, w) + b) >= 0.5).astype(.int64)
  // acc = np.mean(pred == y)
  let acc = try (pred == y).mean()
  try report("w", w)
  try report("b", try full([], b))
  try report("losses", losses)
  try report("pred", pred)
  try report("acc", acc)
}
