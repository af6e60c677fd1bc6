// Softmax cross-entropy loss and gradient (CS231n softmax_loss), ported from python/cross_entropy.py.

import DRCArray

func softmaxLoss(_ x: NDArray, _ y: NDArray) throws -> (NDArray, NDArray, NDArray, NDArray) {
  let shifted = try x - x.max(axis: 1, keepdims: true)
  let Z = try exp(shifted).sum(axis: 1, keepdims: true)
  let log_probs = try shifted - log(Z)
  let probs = try exp(log_probs)
  let N = x.shape[0]
  // onehot = y[:, None] == np.arange(x.shape[1])[None, :]
  let onehot = try y[.all, .newAxis] == arange(x.shape[1])[.newAxis, .all]
  // loss = -np.sum(np.where(onehot, log_probs, 0.0)) / N
  let loss = try -sum(select(onehot, log_probs, 0.0)) / N
  // picked = np.take_along_axis(log_probs, y[:, None], axis=1)
  let picked = try takeAlongAxis(log_probs, y[.all, .newAxis], axis: 1)
  // dx = probs.copy(); dx[onehot] -= 1; dx /= N
  var dx = try probs.copy()
  try dx[onehot] -= 1
  try dx /= N
  // acc = np.mean(np.argmax(x, axis=1) == y)
  let acc = try (argmax(x, axis: 1) == y).mean()
  return (loss, try -picked.mean(), dx, acc)
}

func crossEntropyProgram(_ sizes: [Int]) throws {
  let (n, c) = (size(sizes, 0, 64), size(sizes, 1, 10))
  let x = try detInput("x", [n, c], seed: 121, -4.0, 4.0)
  let y = try detInput("y", [n], seed: 122, 0.0, Double(c)).astype(.int64)
  let (loss, loss2, dx, acc) = try softmaxLoss(x, y)
  try report("loss", loss)
  try report("loss2", loss2)
  try report("dx", dx)
  try report("acc", acc)
}
