// LSTM forward over a sequence, ported from python/lstm.py (float32).

import DRCArray

func sigmoid(_ x: NDArray) throws -> NDArray {
  // 1 / (1 + np.exp(-x))
  try 1 / (1 + exp(-x))
}

func lstmStepForward(
  _ x: NDArray, _ prevH: NDArray, _ prevC: NDArray, _ Wx: NDArray, _ Wh: NDArray, _ b: NDArray
) throws -> (NDArray, NDArray) {
  let H = prevH.shape[1]
  // a = x.dot(Wx) + prev_h.dot(Wh) + b
  let a = try dot(x, Wx) + dot(prevH, Wh) + b
  // ai, af, ao, ag = a[:, :H], a[:, H:2 * H], a[:, 2 * H:3 * H], a[:, 3 * H:]
  let (ai, af, ao, ag) = (
    a[.all, ..<H], a[.all, H..<(2 * H)], a[.all, (2 * H)..<(3 * H)], a[.all, (3 * H)...]
  )
  let i = try sigmoid(ai)
  let f = try sigmoid(af)
  let o = try sigmoid(ao)
  let g = try tanh(ag)
  // next_c = f * prev_c + i * g
  let nextC = try f * prevC + i * g
  // next_h = o * np.tanh(next_c)
  let nextH = try o * tanh(nextC)
  return (nextH, nextC)
}

func lstmForward(_ x: NDArray, _ h0: NDArray, _ Wx: NDArray, _ Wh: NDArray, _ b: NDArray) throws
  -> (NDArray, NDArray)
{
  let (N, T) = (x.shape[0], x.shape[1])
  let H = h0.shape[1]
  // h = np.zeros((N, T, H), dtype=x.dtype)
  let h = try zeros([N, T, H], dtype: x.dtype)
  var prevH = h0
  var prevC = try zerosLike(h0)
  for t in 0..<T {
    (prevH, prevC) = try lstmStepForward(x[.all, t, .all], prevH, prevC, Wx, Wh, b)
    // h[:, t, :] = prev_h
    h[.all, t, .all] = prevH
  }
  return (h, prevC)
}

func lstmProgram(_ sizes: [Int]) throws {
  let (N, T, D, H) = (size(sizes, 0, 3), size(sizes, 1, 5), size(sizes, 2, 7), size(sizes, 3, 4))
  let x = try detInput("x", [N, T, D], seed: 11, -1.0, 1.0, float32: true)
  let h0 = try detInput("h0", [N, H], seed: 12, -0.5, 0.5, float32: true)
  let Wx = try detInput("Wx", [D, 4 * H], seed: 13, -0.3, 0.3, float32: true)
  let Wh = try detInput("Wh", [H, 4 * H], seed: 14, -0.3, 0.3, float32: true)
  let b = try detInput("b", [4 * H], seed: 15, -0.1, 0.1, float32: true)
  let (h, c) = try lstmForward(x, h0, Wx, Wh, b)
  try report("h", h)
  try report("c", c)
}
