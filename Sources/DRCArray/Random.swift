// NumPy's integer random forms: `randint`, `permutation` and `choice`, from a seeded generator.
//
// Like `uniform` and `normal`, the values are made on the host from SplitMix64 seeded with
// `seed` (the same seed gives the same values in every mode and run; they are not NumPy's
// stream) and enter the program as an input, so a recorded trace carries them. Integers in
// `[low, high)` are drawn without modulo bias (Lemire's multiply-and-reject), a permutation is
// a Fisher-Yates shuffle, a choice without replacement the first `size` draws of one, and a
// weighted choice inverts the running sum of the probabilities (checked as NumPy checks them),
// without replacement over the weights not yet drawn (O(size x n)).
// `permutation(x)` and `choice(x, ...)` of an array gather its rows (`take`) by such indices.

import DRCIR
import DRCRuntime

/// Random integers in `[low, high)`, as NumPy's `random.randint(low, high, size)`.
public func randint(
  _ low: Int, _ high: Int, shape: [Int], seed: UInt64, dtype: DType = .int64,
  name: String? = nil, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  guard low < high, dtype == .int64 || dtype == .int32 else {
    throw randomError("randint", low < high ? "needs an integer dtype" : "low >= high", site)
  }
  if dtype == .int32, low < Int(Int32.min) || high - 1 > Int(Int32.max) {
    throw randomError("randint", "high is out of bounds for int32", site)
  }
  let count = try randomCount(shape, site)
  var rng = SplitMix64(seed: seed)
  let span = UInt64(bitPattern: Int64(high) &- Int64(low))
  let values = (0..<count).map { _ in Int64(low) &+ Int64(bitPattern: below(span, &rng)) }
  return try randomIndices(values, shape: shape, dtype: dtype, name: name, site: site)
}

/// A random ordering of `0..<n`, as NumPy's `random.permutation(n)` (int64).
public func permutation(
  _ n: Int, seed: UInt64, name: String? = nil, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  guard n >= 0 else { throw randomError("permutation", "n must be non-negative", site) }
  var rng = SplitMix64(seed: seed)
  return try randomIndices(
    shuffled(n, first: n, &rng), shape: [n], dtype: .int64, name: name, site: site)
}

/// `x` with its rows (axis 0) in a random order, as NumPy's `random.permutation(x)`.
public func permutation(
  _ x: NDArray, seed: UInt64, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  guard x.ndim >= 1 else { throw randomError("permutation", "x must be at least 1-D", site) }
  let order = try permutation(x.shape[0], seed: seed, file: file, line: line)
  return try x.gather(order, axis: 0, site: site)
}

/// Random picks from `0..<n`, as NumPy's `random.choice(n, size, replace, p)` (int64): with
/// replacement by default, each `k` with probability `p[k]` when `p` is given.
public func choice(
  _ n: Int, shape: [Int], replace: Bool = true, p: [Double]? = nil, seed: UInt64,
  name: String? = nil, file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  guard n > 0 else { throw randomError("choice", "a must be greater than 0", site) }
  let count = try randomCount(shape, site)
  var rng = SplitMix64(seed: seed)
  if let p {
    guard p.count == n else { throw randomError("choice", "a and p must have same size", site) }
    guard p.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
      throw randomError("choice", "probabilities are not non-negative", site)
    }
    // NumPy's tolerance on the sum: sqrt(float64 epsilon).
    let total = p.reduce(0, +)
    guard Swift.abs(total - 1) <= Double.ulpOfOne.squareRoot() else {
      throw randomError("choice", "probabilities do not sum to 1", site)
    }
    guard replace || p.filter({ $0 > 0 }).count >= count else {
      throw randomError("choice", "fewer non-zero entries in p than size", site)
    }
    // Each draw inverts the running sum of the weights still in play; without replacement a
    // drawn index leaves (its weight becomes 0), so every draw succeeds: no rejection loop.
    var weights = p
    let lastPositive = p.lastIndex { $0 > 0 } ?? n - 1
    var values: [Int64] = []
    values.reserveCapacity(count)
    var remaining = total
    for _ in 0..<count {
      let target = rng.nextUnit() * remaining
      var running = 0.0
      var k = lastPositive
      for (i, w) in weights.enumerated() where w > 0 {
        running += w
        if target < running {
          k = i
          break
        }
      }
      if weights[k] <= 0, let fallback = weights.lastIndex(where: { $0 > 0 }) { k = fallback }
      values.append(Int64(k))
      if !replace {
        weights[k] = 0
        remaining = weights.reduce(0, +)
      }
    }
    return try randomIndices(values, shape: shape, dtype: .int64, name: name, site: site)
  }
  if replace {
    let values = (0..<count).map { _ in Int64(below(UInt64(n), &rng)) }
    return try randomIndices(values, shape: shape, dtype: .int64, name: name, site: site)
  }
  guard count <= n else {
    throw randomError(
      "choice", "Cannot take a larger sample than population when replace is False", site)
  }
  return try randomIndices(
    shuffled(n, first: count, &rng), shape: shape, dtype: .int64, name: name, site: site)
}

/// Random rows (axis 0) of `x`, as NumPy's `random.choice(x, size, replace, p)`.
public func choice(
  _ x: NDArray, shape: [Int], replace: Bool = true, p: [Double]? = nil, seed: UInt64,
  file: String = #filePath, line: Int = #line
) throws(ArrayError) -> NDArray {
  let site = CallSite.source(file, line)
  guard x.ndim >= 1 else { throw randomError("choice", "a must be 1-dimensional or more", site) }
  let picks = try choice(
    x.shape[0], shape: shape, replace: replace, p: p, seed: seed, file: file, line: line)
  return try x.gather(picks, axis: 0, site: site)
}

/// A uniform integer in `0..<span` (`span` 0 stands for 2^64), by Lemire's method.
private func below(_ span: UInt64, _ rng: inout SplitMix64) -> UInt64 {
  if span == 0 { return rng.next() }
  let threshold = (0 &- span) % span
  while true {
    let product = rng.next().multipliedFullWidth(by: span)
    if product.low >= threshold { return product.high }
  }
}

/// The first `first` entries of a Fisher-Yates shuffle of `0..<n`.
private func shuffled(_ n: Int, first: Int, _ rng: inout SplitMix64) -> [Int64] {
  var values = (0..<n).map { Int64($0) }
  for i in 0..<Swift.min(first, Swift.max(n - 1, 0)) {
    let j = i + Int(below(UInt64(n - i), &rng))
    values.swapAt(i, j)
  }
  return Array(values.prefix(first))
}

/// The element count of `shape`, or NumPy's error for a negative or overflowing one.
private func randomCount(_ shape: [Int], _ site: CallSite) throws(ArrayError) -> Int {
  guard shape.allSatisfy({ $0 >= 0 }), let count = ShapeRules.count(shape), count <= 1 << 31
  else {
    throw randomError("random", "shape \(shape) is negative or too large", site)
  }
  return count
}

/// An error of a random form at `site`.
private func randomError(_ op: String, _ message: String, _ site: CallSite) -> ArrayError {
  ArrayError(op: op, message, location: Session.shared.location(site, force: true))
}

/// `values` as an input of `dtype` (int64 or int32, which holds them).
private func randomIndices(
  _ values: [Int64], shape: [Int], dtype: DType, name: String?, site: CallSite
) throws(ArrayError) -> NDArray {
  let host: HostArray
  do {
    host = try HostArray(values, shape: shape)
  } catch {
    throw randomError("input", "cannot make random data: \(error)", site)
  }
  let typed = dtype == .int64 ? host : host.converted(to: dtype)
  return NDArray(try Session.shared.declareInput(name, typed, site: site))
}
