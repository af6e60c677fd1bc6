// A scalar that a size-generic plan computes from its symbols: a constant of the program that
// depended on the size it was recorded at.
//
// Programs compute with their own sizes: a variance divides by `n - 1`, Jacobi adds `n` to a
// diagonal, Cronbach's alpha scales by `k / (k - 1)`. Recorded at two sizes, such a constant
// differs between the plans. `drc compile a.json b.json` fits it (`DynamicCompilation+Constants`)
// to one of these forms, with integers a, b, c, d and symbols s, t:
//
// - `a*s + b` (an integer-valued constant, any dtype);
// - `a*s*t + b` (a count of elements of an s x t array);
// - `(a*s + b) / (c*s + d)` (floating point only; small coefficients).
//
// The constant becomes a plan parameter carrying its formula (`PlanParam.derived`); kernels read
// it as a scalar argument, so their code is the same at every size. Instantiating the plan at
// new symbol values rewrites the parameter's value: numerator and denominator are computed
// exactly as integers (overflow-checked), converted to float64 and divided once, as the Swift
// program computed `Double(k) / Double(k - 1)`, then converted to the parameter's dtype. A zero
// denominator gives IEEE infinity or NaN, as the program itself would. The caller never passes
// such a parameter.

import DRCIR

/// A scalar computed from a plan's symbols.
public struct SizeFormula: Codable, Hashable, Sendable {
  /// The symbols multiplied in the numerator: one (`s`) or two (`s*t`, possibly the same).
  public var symbols: [String]
  /// `[a, b]`: the numerator is `a * (product of symbols) + b`.
  public var numerator: [Int]
  /// `[c, d]`: the denominator `c * s + d` over the one symbol; nil: 1.
  public var denominator: [Int]?

  /// Creates a formula.
  public init(symbols: [String], numerator: [Int], denominator: [Int]? = nil) {
    self.symbols = symbols
    self.numerator = numerator
    self.denominator = denominator
  }

  /// The formula as text: `n - 1`, `n*m`, `n / (n - 1)`.
  public var text: String {
    func affine(_ base: String, _ ab: [Int]) -> String {
      guard ab.count == 2 else { return "?" }
      let (a, b) = (ab[0], ab[1])
      let head = a == 1 ? base : a == -1 ? "-\(base)" : a == 0 ? "" : "\(a)*\(base)"
      if head.isEmpty { return "\(b)" }
      return b == 0 ? head : b > 0 ? "\(head) + \(b)" : "\(head) - \(b.magnitude)"
    }
    let top = affine(symbols.joined(separator: "*"), numerator)
    guard let denominator else { return top }
    let bottom = affine(symbols.first ?? "?", denominator)
    func group(_ t: String) -> String { t.contains(" ") ? "(\(t))" : t }
    return "\(group(top)) / \(group(bottom))"
  }

  /// The value at the symbols' values `sizes`, in float64 (exact for integer forms within
  /// 2^53), or an error naming the formula when a symbol is missing or an integer overflows.
  public func value(_ sizes: [String: Int]) throws -> Double {
    let top = try integer(sizes)
    guard let denominator else { return Double(top) }
    let what = "the size-derived constant \(text)"
    guard denominator.count == 2, symbols.count == 1, let v = sizes[symbols[0]] else {
      throw PlanError("\(what) is malformed")
    }
    let bottom = try Checked.add(
      try Checked.multiply(denominator[0], v, what), denominator[1], what)
    return Double(top) / Double(bottom)
  }

  /// The value as a scalar of `dtype` (integer forms are exact integers).
  public func scalar(_ sizes: [String: Int], as dtype: DType) throws -> Scalar {
    if dtype == .int32 || dtype == .int64 || dtype == .bool, denominator == nil {
      return Scalar.int(Int64(try integer(sizes))).converted(to: dtype)
    }
    return Scalar.float(try value(sizes)).converted(to: dtype)
  }

  /// The numerator's integer value (the value of a form without a denominator).
  func integer(_ sizes: [String: Int]) throws -> Int {
    var product = 1
    let what = "the size-derived constant \(text)"
    guard (1...2).contains(symbols.count) else { throw PlanError("\(what) is malformed") }
    for s in symbols {
      guard let v = sizes[s] else { throw PlanError("\(what): no value for \(s)") }
      product = try Checked.multiply(product, v, what)
    }
    guard numerator.count == 2 else { throw PlanError("\(what) is malformed") }
    return try Checked.add(try Checked.multiply(numerator[0], product, what), numerator[1], what)
  }
}
