// Boolean masks, sign/abs/clip, one-hot accuracy, mixed dtypes, cumsum; ported from
// ports/python/masks_mixed.py.

import DRCArray

func masksMixedProgram(_ sizes: [Int]) throws {
  let (n, k) = (size(sizes, 0, 33), size(sizes, 1, 4))
  let x = try detInput("x", [n], seed: 81, -3.0, 3.0)
  // y = det((n,), 82, -3.0, 3.0).astype(np.float32)
  let y = try detInput("y", [n], seed: 82, -3.0, 3.0).astype(.float32)
  // lab = (np.arange(n) * 5) % k
  let lab = try (arange(n) * 5) % k
  // m = (x > 0) & ~(y < -1) | (np.abs(x) < 0.25)
  let m = try (x > 0) & ~(y < -1) | (abs(x) < 0.25)
  // cnt = np.count_nonzero(m)
  let cnt = try countNonzero(m)
  // cleaned = np.where(m, x, 0.0)
  let cleaned = try select(m, x, 0.0)
  // s = np.sign(x) * np.clip(np.abs(x), 0.5, 2.0)
  let s = try sign(x) * clip(abs(x), min: 0.5, max: 2.0)
  // z = y * 2.5 + 1
  let z = try y * 2.5 + 1
  // zi = lab + 0.5
  let zi = try lab + 0.5
  // zj = lab * y
  let zj = try lab * y
  let logits = try detInput("logits", [n, k], seed: 83, -2.0, 2.0)
  // onehot = np.eye(k)[lab]
  let onehot: NDArray = try eye(k)[lab]
  // pred = logits.argmax(axis=1)
  let pred = try logits.argmax(axis: 1)
  // acc = (pred == onehot.argmax(axis=1)).mean()
  let acc = try (pred == onehot.argmax(axis: 1)).mean()
  // cs = np.cumsum(m)
  let cs = try cumsum(m)
  // cs2 = np.cumsum(x * m)
  let cs2 = try cumsum(x * m)
  // frac = m.sum() / n
  let frac = try m.sum() / n
  // neg = (~m).astype(np.int32) * -2
  let neg = try (~m).astype(.int32) * -2
  try report("m", m)
  try report("cnt", cnt)
  try report("cleaned", cleaned)
  try report("s", s)
  try report("z", z)
  try report("zi", zi)
  try report("zj", zj)
  try report("onehot", onehot)
  try report("acc", acc)
  try report("cs", cs)
  try report("cs2", cs2)
  try report("frac", frac)
  try report("neg", neg)
}
