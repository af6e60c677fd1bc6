// mlp (npbench deep_learning/mlp), ported from python/mlp.py: a 3-layer perceptron in float32,
// relu(x @ w1 + b1), relu(. @ w2 + b2), softmax(. @ w3 + b3), written into a preallocated output
// with `output[:, :] = ...`.

import DRCArray

/// `relu(x)`: `np.maximum(x, 0)`.
func relu(_ x: NDArray) throws -> NDArray {
  // return np.maximum(x, 0)
  try maximum(x, 0.0)
}

/// The layer weights and biases of `mlp`.
struct MLPWeights {
  var w1, b1, w2, b2, w3, b3: NDArray
}

/// `mlp(input, w1, b1, w2, b2, w3, b3, output)`: writes the class probabilities into `output`.
func mlp(_ input: NDArray, _ p: MLPWeights, _ output: NDArray) throws {
  // x = relu(input @ w1 + b1)
  var x = try relu(matmul(input, p.w1) + p.b1)
  // x = relu(x @ w2 + b2)
  x = try relu(matmul(x, p.w2) + p.b2)
  // output[:, :] = softmax(x @ w3 + b3)  # Softmax call can be omitted if necessary
  output[.all, .all] = try softmax(matmul(x, p.w3) + p.b3)
}

/// `corpus mlp [n] [c_in] [s0] [s1] [s2]`: a batch of n samples of c_in features.
func mlpProgram(_ sizes: [Int]) throws {
  let n = size(sizes, 0, 8)
  let cIn = size(sizes, 1, 3)
  let s0 = size(sizes, 2, 256)
  let s1 = size(sizes, 3, 128)
  let s2 = size(sizes, 4, 64)
  // input = det((n, c_in), 6, -1.0, 1.0, f32)
  let input = try detInput("input", [n, cIn], seed: 6, -1.0, 1.0, float32: true)
  let weights = MLPWeights(
    // w1 = det((c_in, s0), 7, -0.5, 0.5, f32)
    w1: try detInput("w1", [cIn, s0], seed: 7, -0.5, 0.5, float32: true),
    // b1 = det((s0,), 8, -0.5, 0.5, f32)
    b1: try detInput("b1", [s0], seed: 8, -0.5, 0.5, float32: true),
    // w2 = det((s0, s1), 9, -0.1, 0.1, f32)
    w2: try detInput("w2", [s0, s1], seed: 9, -0.1, 0.1, float32: true),
    // b2 = det((s1,), 10, -0.5, 0.5, f32)
    b2: try detInput("b2", [s1], seed: 10, -0.5, 0.5, float32: true),
    // w3 = det((s1, s2), 11, -0.1, 0.1, f32)
    w3: try detInput("w3", [s1, s2], seed: 11, -0.1, 0.1, float32: true),
    // b3 = det((s2,), 12, -0.5, 0.5, f32)
    b3: try detInput("b3", [s2], seed: 12, -0.5, 0.5, float32: true))
  // output = np.zeros((n, s2), dtype=f32)
  let output = try zeros([n, s2], dtype: .float32)
  // mlp(input, w1, b1, w2, b2, w3, b3, output)
  try mlp(input, weights, output)
  try report("output", output)
}
