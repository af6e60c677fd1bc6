// softmax (npbench deep_learning/softmax), ported from python/softmax.py: the numerically stable
// softmax over the last axis of a 4-D float32 tensor. Shared by mlp (MLP.swift).

import DRCArray

/// `softmax(x)` over axis -1: `exp(x - max) / sum(exp(x - max))`.
func softmax(_ x: NDArray) throws -> NDArray {
  // tmp_max = np.max(x, axis=-1, keepdims=True)
  let tmp_max = try x.max(axis: -1, keepdims: true)
  // tmp_out = np.exp(x - tmp_max)
  let tmp_out = try exp(x - tmp_max)
  // tmp_sum = np.sum(tmp_out, axis=-1, keepdims=True)
  let tmp_sum = try tmp_out.sum(axis: -1, keepdims: true)
  // return tmp_out / tmp_sum
  return try tmp_out / tmp_sum
}

/// `corpus softmax [n] [h] [sm]`: x is n x h x sm x sm float32 in [0, 1).
func softmaxProgram(_ sizes: [Int]) throws {
  let n = size(sizes, 0, 2)
  let h = size(sizes, 1, 4)
  let sm = size(sizes, 2, 32)
  // x = det((n, h, sm, sm), 5, 0.0, 1.0, np.float32)
  let x = try detInput("x", [n, h, sm, sm], seed: 5, 0.0, 1.0, float32: true)
  try report("out", try softmax(x))
}
