// conv2d_bias (npbench deep_learning/conv2d_bias), ported from python/conv2d_bias.py.

import DRCArray

func conv2d(_ input: NDArray, _ weights: NDArray) throws -> NDArray {
  let K = weights.shape[0]
  let N = input.shape[0]
  let H_out = input.shape[1] - K + 1
  let W_out = input.shape[2] - K + 1
  let C_out = weights.shape[3]
  let output = try zeros([N, H_out, W_out, C_out], dtype: .float32)
  for i in 0..<H_out {
    for j in 0..<W_out {
      // output[:, i, j, :] = np.sum(input[:, i:i+K, j:j+K, :, np.newaxis] * weights[np.newaxis, :, :, :], axis=(1, 2, 3))
      output[.all, i, j, .all] = try
        (input[.all, i..<i + K, j..<j + K, .all, .newAxis]
        * weights[.newAxis, .all, .all, .all]).sum(axes: [1, 2, 3])
    }
  }
  return output
}

func conv2dBiasProgram(_ sizes: [Int]) throws {
  let (n, w, cin, cout, k) = (
    size(sizes, 0, 4), size(sizes, 1, 10), size(sizes, 2, 3), size(sizes, 3, 8), size(sizes, 4, 3)
  )
  let input = try detInput("input", [n, w, w, cin], seed: 71, float32: true)
  let weights = try detInput("weights", [k, k, cin, cout], seed: 72, float32: true)
  let bias = try detInput("bias", [cout], seed: 73, float32: true)
  try report("out", try conv2d(input, weights) + bias)
}
