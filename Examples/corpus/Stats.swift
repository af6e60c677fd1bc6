// Descriptive statistics along axes, ported from python/stats.py.

import DRCArray

func statsProgram(_ sizes: [Int]) throws {
  let (n, d) = (size(sizes, 0, 100), size(sizes, 1, 24))
  // x = det((n, d), 111, -2.0, 7.0) ** 2
  let x = try detInput("x", [n, d], seed: 111, -2.0, 7.0) ** 2.0
  let m0 = try x.mean(axis: 0)
  let v1 = try x.variance(axis: 1, ddof: 1)
  let s0 = try x.std(axis: 0, ddof: 1)
  let z = try (x - m0) / s0
  let zmax = try abs(z).max(axis: 1)
  let r = try ptp(x, axis: 0)
  let med = try x.median(axis: 1)
  let q = try percentile(x, 90, axis: 0)
  let total_std = try std(x)
  let frac = try (abs(z) > 1.0).mean(axis: 0)
  let cs: NDArray = try cumsum(x, axis: 1)[.all, -1]
  // drawdown = (1.0 - x / np.maximum.accumulate(x, axis=0)).max(axis=0)
  let drawdown = try (1.0 - x / maximumAccumulate(x, axis: 0)).max(axis: 0)
  // low = np.minimum.accumulate(x, axis=1)[:, -1]
  let low: NDArray = try minimumAccumulate(x, axis: 1)[.all, -1]
  try report("m0", m0)
  try report("v1", v1)
  try report("s0", s0)
  try report("zmax", zmax)
  try report("ptp", r)
  try report("median", med)
  try report("p90", q)
  try report("std", total_std)
  try report("frac", frac)
  try report("cs", cs)
  try report("drawdown", drawdown)
  try report("low", low)
}
