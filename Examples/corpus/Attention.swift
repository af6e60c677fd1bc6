// attention (picoGPT's `softmax`, `attention` and the causal mask of `mha`), ported from
// python/attention.py: one head of scaled dot-product attention with a causal mask of -1e10
// above the diagonal, in float64.

import DRCArray
import Foundation

/// picoGPT's `softmax(x)` over the last axis.
func gptSoftmax(_ x: NDArray) throws -> NDArray {
  // exp_x = np.exp(x - np.max(x, axis=-1, keepdims=True))
  let exp_x = try exp(x - x.max(axis: -1, keepdims: true))
  // return exp_x / np.sum(exp_x, axis=-1, keepdims=True)
  return try exp_x / exp_x.sum(axis: -1, keepdims: true)
}

/// `attention(q, k, v, mask)`: [n_q, d_k], [n_k, d_k], [n_k, d_v], [n_q, n_k] -> [n_q, d_v].
func attention(_ q: NDArray, _ k: NDArray, _ v: NDArray, _ mask: NDArray) throws -> NDArray {
  // return softmax(q @ k.T / np.sqrt(q.shape[-1]) + mask) @ v
  try matmul(gptSoftmax(matmul(q, k.T) / Double(q.shape[q.ndim - 1]).squareRoot() + mask), v)
}

/// `corpus attention [n_seq] [d]`: q, k and v are n_seq x d in [-2, 2).
func attentionProgram(_ sizes: [Int]) throws {
  let (nSeq, d) = (size(sizes, 0, 32), size(sizes, 1, 16))
  // q = det((n_seq, d), 40, -2.0, 2.0)
  let q = try detInput("q", [nSeq, d], seed: 40, -2.0, 2.0)
  // k = det((n_seq, d), 41, -2.0, 2.0)
  let k = try detInput("k", [nSeq, d], seed: 41, -2.0, 2.0)
  // v = det((n_seq, d), 42, -2.0, 2.0)
  let v = try detInput("v", [nSeq, d], seed: 42, -2.0, 2.0)
  // causal_mask = (1 - np.tri(n_seq, dtype=q.dtype)) * -1e10  # [n_seq, n_seq]
  let causal_mask = try (1 - tri(nSeq)) * -1e10
  try report("out", try attention(q, k, v, causal_mask))
}
