// layer_norm (picoGPT's `layer_norm`), ported from python/layer_norm.py: normalise each row of
// a float32 matrix to zero mean and unit variance, then scale by g and shift by b.

import DRCArray

/// `layer_norm(x, g, b, eps=1e-5)` over the last axis.
func layerNorm(_ x: NDArray, _ g: NDArray, _ b: NDArray, eps: Double = 1e-5) throws -> NDArray {
  // mean = np.mean(x, axis=-1, keepdims=True)
  let mean = try x.mean(axis: -1, keepdims: true)
  // variance = np.var(x, axis=-1, keepdims=True)
  let variance = try x.variance(axis: -1, keepdims: true)
  // x = (x - mean) / np.sqrt(variance + eps)  # normalize x to have mean=0 and var=1 over last axis
  let x = try (x - mean) / sqrt(variance + eps)
  // return g * x + b  # scale and offset with gamma/beta params
  return try g * x + b
}

/// `corpus layer_norm [n_seq] [n_embd]`: x in [-3, 5), g in [0.5, 1.5), b in [-0.5, 0.5).
func layerNormProgram(_ sizes: [Int]) throws {
  let (nSeq, nEmbd) = (size(sizes, 0, 64), size(sizes, 1, 128))
  // x = det((n_seq, n_embd), 37, -3.0, 5.0, np.float32)
  let x = try detInput("x", [nSeq, nEmbd], seed: 37, -3.0, 5.0, float32: true)
  // g = det((n_embd,), 38, 0.5, 1.5, np.float32)
  let g = try detInput("g", [nEmbd], seed: 38, 0.5, 1.5, float32: true)
  // b = det((n_embd,), 39, -0.5, 0.5, np.float32)
  let b = try detInput("b", [nEmbd], seed: 39, -0.5, 0.5, float32: true)
  try report("out", try layerNorm(x, g, b))
}
