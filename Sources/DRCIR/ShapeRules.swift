// Shape arithmetic shared by the verifier, the interpreter and the array library.
//
// Broadcasting follows NumPy: shapes align on the right, and each pair of dimensions must be
// equal or contain a 1. Element counts are computed with overflow checks because shapes can come
// from untrusted traces.

/// Shape rules: broadcasting, element counts, reductions and matrix products.
public enum ShapeRules {
  /// The broadcast of two shapes, or nil when they are incompatible.
  public static func broadcast(_ a: [Int], _ b: [Int]) -> [Int]? {
    let rank = max(a.count, b.count)
    var out = [Int](repeating: 1, count: rank)
    for i in 0..<rank {
      let x = i < rank - a.count ? 1 : a[i - (rank - a.count)]
      let y = i < rank - b.count ? 1 : b[i - (rank - b.count)]
      if x == y || y == 1 {
        out[i] = x
      } else if x == 1 {
        out[i] = y
      } else {
        return nil
      }
    }
    return out
  }

  /// The broadcast of several shapes, or nil when any pair is incompatible.
  public static func broadcast(_ shapes: [[Int]]) -> [Int]? {
    var result: [Int] = []
    for s in shapes {
      guard let b = broadcast(result, s) else { return nil }
      result = b
    }
    return result
  }

  /// Whether `shape` broadcasts to exactly `target`.
  public static func broadcasts(_ shape: [Int], to target: [Int]) -> Bool {
    guard shape.count <= target.count else { return false }
    let lead = target.count - shape.count
    for (i, d) in shape.enumerated() where d != 1 && d != target[lead + i] { return false }
    return true
  }

  /// The element count of `shape`, or nil on overflow.
  public static func count(_ shape: [Int]) -> Int? {
    var n = 1
    for d in shape {
      guard d >= 0 else { return nil }
      let (p, o) = n.multipliedReportingOverflow(by: d)
      if o { return nil }
      n = p
    }
    return n
  }

  /// Row-major strides (in elements) of a contiguous array of `shape`.
  public static func contiguousStrides(_ shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    var s = 1
    for i in stride(from: shape.count - 1, through: 0, by: -1) {
      strides[i] = s
      s = s &* max(shape[i], 1)
    }
    return strides
  }

  /// The shape left after reducing `axes` of `shape`.
  public static func reduced(_ shape: [Int], axes: [Int], keepdims: Bool) -> [Int] {
    var out: [Int] = []
    for (i, d) in shape.enumerated() {
      if axes.contains(i) {
        if keepdims { out.append(1) }
      } else {
        out.append(d)
      }
    }
    return out
  }

  /// The result shape of `matmul` for operand shapes `a` and `b`, or a reason it is invalid.
  public static func matmul(_ a: [Int], _ b: [Int]) -> Result<[Int], ShapeError> {
    guard (1...2).contains(a.count), (1...2).contains(b.count) else {
      return .failure(ShapeError("matmul takes 1-D or 2-D operands, got \(a) and \(b)"))
    }
    let k1 = a[a.count - 1]
    let k2 = b.count == 1 ? b[0] : b[0]
    guard k1 == k2 else {
      return .failure(ShapeError("matmul inner dimensions differ: \(a) and \(b)"))
    }
    var out: [Int] = []
    if a.count == 2 { out.append(a[0]) }
    if b.count == 2 { out.append(b[1]) }
    return .success(out)
  }

  /// The result of the transpose permutation `perm` on `shape`, or nil if `perm` is invalid.
  public static func transposed(_ shape: [Int], perm: [Int]) -> [Int]? {
    guard perm.count == shape.count, Set(perm).count == perm.count,
      perm.allSatisfy({ (0..<shape.count).contains($0) })
    else { return nil }
    return perm.map { shape[$0] }
  }
}

/// Why a shape rule failed.
public struct ShapeError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The explanation.
  public var message: String
  /// Creates an error.
  public init(_ message: String) { self.message = message }
  /// The explanation.
  public var description: String { message }
}
