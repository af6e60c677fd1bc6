// Integer code: LCG/xorshift, floor division and remainder, popcount, gcd; ported from
// ports/python/int_ops.py.

import DRCArray

func popcount32(_ x: NDArray) throws -> NDArray {
  // x = x - ((x >> 1) & 0x55555555)
  var x = try x - ((x >> 1) & 0x5555_5555)
  // x = (x & 0x33333333) + ((x >> 2) & 0x33333333)
  x = try (x & 0x3333_3333) + ((x >> 2) & 0x3333_3333)
  // x = (x + (x >> 4)) & 0x0F0F0F0F
  x = try (x + (x >> 4)) & 0x0F0F_0F0F
  // return (x * 0x01010101 & 0xFFFFFFFF) >> 24
  return try (x * 0x0101_0101 & 0xFFFF_FFFF) >> 24
}

func gcd(_ a0: NDArray, _ b0: NDArray) throws -> NDArray {
  var (a, b) = (a0, b0)
  for _ in 0..<40 {
    // nz = b != 0
    let nz = try b != 0
    // a, b = np.where(nz, b, a), np.where(nz, a % np.where(nz, b, 1), 0)
    (a, b) = (try select(nz, b, a), try select(nz, a % select(nz, b, 1), 0))
  }
  return a
}

func intOpsProgram(_ sizes: [Int]) throws {
  let n = size(sizes, 0, 33)
  // i = np.arange(n, dtype=np.int64)
  let i = try arange(n)
  // s = i * 6364136223846793005 + 1442695040888963407
  var s = try i * 6_364_136_223_846_793_005 + 1_442_695_040_888_963_407
  // s ^= s >> 33
  try s ^= s >> 33
  // s ^= s << 13
  try s ^= s << 13
  // h = s & 0x7FFFFFFF
  let h = try s & 0x7FFF_FFFF
  // v = (i.astype(np.int32) * 37 - 500)
  let v = try i.astype(.int32) * 37 - 500
  // q = v // 7; r = v % 7; q2 = v // -3; r2 = v % -3
  let q = try floorDivide(v, 7)
  let r = try v % 7
  let q2 = try floorDivide(v, -3)
  let r2 = try v % -3
  let pc = try popcount32(h)
  // g = gcd(np.abs(v).astype(np.int64) + 1, i + 12)
  let g = try gcd(abs(v).astype(.int64) + 1, i + 12)
  // bucket = np.minimum(np.abs(v) // 100, 4)
  let bucket = try minimum(floorDivide(abs(v), 100), 4)
  // hist = np.bincount(bucket, minlength=5)
  let hist = try bincount(bucket, minlength: 5)
  // mean_q = q.mean()
  let meanQ = try q.mean()
  try report("h", h)
  try report("q", q)
  try report("r", r)
  try report("q2", q2)
  try report("r2", r2)
  try report("pc", pc)
  try report("g", g)
  try report("hist", hist)
  try report("mean_q", meanQ)
}
