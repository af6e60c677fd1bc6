// RMSNorm, rotary embeddings, GELU (tanh), Huber loss; ported from python/transformer_bits.py.

import DRCArray
import Foundation

func rmsNorm(_ x: NDArray, _ weight: NDArray, eps: Double = 1e-6) throws -> NDArray {
  // x / np.sqrt(np.mean(x ** 2, axis=-1, keepdims=True) + eps) * weight
  try x / sqrt((x ** 2).mean(axis: -1, keepdims: true) + eps) * weight
}

func rotary(_ x: NDArray, base: Double = 10000.0) throws -> NDArray {
  let (T, D) = (x.shape[x.ndim - 2], x.shape[x.ndim - 1])
  // inv_freq = 1.0 / (base ** (np.arange(0, D, 2, dtype=np.float32) / D))
  let invFreq = try 1.0 / (base ** (arange(0, Double(D), step: 2, dtype: .float32) / D))
  // t = np.arange(T, dtype=np.float32)
  let t = try arange(0, Double(T), dtype: .float32)
  // freqs = np.outer(t, inv_freq)
  let freqs = try outer(t, invFreq)
  let (c, s) = (try cos(freqs), try sin(freqs))
  // x1 = x[..., ::2]; x2 = x[..., 1::2]
  let x1: NDArray = x[.ellipsis, .s(nil, nil, 2)]
  let x2: NDArray = x[.ellipsis, .s(1, nil, 2)]
  // out = np.stack([x1 * cos - x2 * sin, x1 * sin + x2 * cos], axis=-1)
  let out = try stack([x1 * c - x2 * s, x1 * s + x2 * c], axis: -1)
  // out.reshape(x.shape)
  return out.reshape(x.shape)
}

func geluTanh(_ x: NDArray) throws -> NDArray {
  // 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3)))
  try 0.5 * x * (1 + tanh(sqrt(2 / Double.pi) * (x + 0.044715 * x ** 3)))
}

func huber(_ pred: NDArray, _ target: NDArray, delta: Double = 1.0) throws -> NDArray {
  let err = try pred - target
  let a = try abs(err)
  // np.where(a <= delta, 0.5 * err ** 2, delta * (a - 0.5 * delta))
  return try select(a <= delta, 0.5 * err ** 2, delta * (a - 0.5 * delta))
}

func transformerBitsProgram(_ sizes: [Int]) throws {
  let (h, T, D) = (size(sizes, 0, 2), size(sizes, 1, 5), size(sizes, 2, 8))
  let x = try detInput("x", [h, T, D], seed: 71, -2.0, 2.0, float32: true)
  let w = try detInput("w", [D], seed: 72, 0.5, 1.5, float32: true)
  let y = try rmsNorm(x, w)
  let r = try rotary(y)
  let g = try geluTanh(r)
  let target = try detInput("target", [h, T, D], seed: 73, -1.0, 1.0, float32: true)
  let loss = try huber(g, target).mean()
  try report("rms", y)
  try report("rope", r)
  try report("gelu", g)
  try report("loss", loss)
}
