// gpt2_ffn (picoGPT's `gelu`, `linear` and `ffn`), ported from python/gpt2_ffn.py: GPT-2's
// position-wise feed-forward block, x @ w + b up to 4 * n_embd, the tanh approximation of GELU,
// and x @ w + b back down, in float64.

import DRCArray
import Foundation

/// `gelu(x)`: `0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x**3)))`.
func gelu(_ x: NDArray) throws -> NDArray {
  // return 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x**3)))
  try 0.5 * x * (1 + tanh((2 / Double.pi).squareRoot() * (x + 0.044715 * x ** 3)))
}

/// `linear(x, w, b)`: `x @ w + b`.
func linear(_ x: NDArray, w: NDArray, b: NDArray) throws -> NDArray {
  // return x @ w + b
  try matmul(x, w) + b
}

/// `ffn(x, c_fc, c_proj)`: [n_seq, n_embd] -> [n_seq, n_embd].
func ffn(_ x: NDArray, c_fc: (w: NDArray, b: NDArray), c_proj: (w: NDArray, b: NDArray))
  throws -> NDArray
{
  // a = gelu(linear(x, **c_fc))  # [n_seq, n_embd] -> [n_seq, 4*n_embd]
  let a = try gelu(linear(x, w: c_fc.w, b: c_fc.b))
  // x = linear(a, **c_proj)  # [n_seq, 4*n_embd] -> [n_seq, n_embd]
  let x = try linear(a, w: c_proj.w, b: c_proj.b)
  // return x
  return x
}

/// `corpus gpt2_ffn [n_seq] [n_embd]`.
func gpt2FFNProgram(_ sizes: [Int]) throws {
  let (nSeq, nEmbd) = (size(sizes, 0, 16), size(sizes, 1, 32))
  // x = det((n_seq, n_embd), 32, -2.0, 2.0)
  let x = try detInput("x", [nSeq, nEmbd], seed: 32, -2.0, 2.0)
  // c_fc = {"w": det((n_embd, 4 * n_embd), 33, -0.3, 0.3), "b": det((4 * n_embd,), 34, -0.1, 0.1)}
  let c_fc = (
    w: try detInput("c_fc_w", [nEmbd, 4 * nEmbd], seed: 33, -0.3, 0.3),
    b: try detInput("c_fc_b", [4 * nEmbd], seed: 34, -0.1, 0.1)
  )
  // c_proj = {"w": det((4 * n_embd, n_embd), 35, -0.3, 0.3), "b": det((n_embd,), 36, -0.1, 0.1)}
  let c_proj = (
    w: try detInput("c_proj_w", [4 * nEmbd, nEmbd], seed: 35, -0.3, 0.3),
    b: try detInput("c_proj_b", [nEmbd], seed: 36, -0.1, 0.1)
  )
  try report("out", try ffn(x, c_fc: c_fc, c_proj: c_proj))
}
