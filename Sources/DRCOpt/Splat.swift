// Splat constants as the rewrite passes see them: `full` nodes and their exact values.
//
// Folding, simplification and hash-consing all ask the same questions of a node: is it a `full`
// (a constant of any shape with every element equal), and what is its value as a double or an
// integer? Float values are compared by bit pattern where signed zero matters (`-0.0 == 0.0` in
// Swift, but the two are different constants).

import DRCIR

extension Node {
  /// The fill value when the node is a `full`, else nil.
  public var splat: Scalar? {
    if case .full(let value) = op { return value }
    return nil
  }
}

extension Scalar {
  /// Whether the value is numerically `v` (integers and floats; bools never).
  func isExactly(_ v: Double) -> Bool {
    switch self {
    case .bool: return false
    case .int(let i): return Double(exactly: i) == v
    case .float(let d): return d == v
    }
  }

  /// Whether the value is a float negative zero.
  var isNegativeZero: Bool {
    if case .float(let d) = self { return d == 0 && d.sign == .minus }
    return false
  }

  /// Whether the value is zero with a positive sign (integer zero, `false` or float `+0.0`).
  var isPositiveZero: Bool {
    switch self {
    case .bool(let b): return !b
    case .int(let i): return i == 0
    case .float(let d): return d == 0 && d.sign == .plus
    }
  }

  /// A key equal for two scalars exactly when they are the same constant (floats by bit pattern).
  var identity: ScalarIdentity {
    switch self {
    case .bool(let b): return .bool(b)
    case .int(let i): return .int(i)
    case .float(let d): return .bits(d.isNaN ? Double.nan.bitPattern : d.bitPattern)
    }
  }
}

/// A scalar compared by representation: `-0.0` and `+0.0` differ, every NaN is one value
/// (trace text does not keep NaN payloads).
enum ScalarIdentity: Hashable {
  case bool(Bool)
  case int(Int64)
  case bits(UInt64)
}
