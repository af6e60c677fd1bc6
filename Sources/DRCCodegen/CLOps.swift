// OpenCL C expressions for the elementwise ops of a kernel body, exact to the reference.
//
// Every function takes operand expressions that already have the operand dtypes at one width
// (scalar, or a vector of `width` lanes) and returns an expression of the value's dtype at that
// width. Bools are `uchar` 0/1; vector comparisons yield -1/0 of the signed type of the operand
// size, so they are negated before narrowing to `uchar`, and vector `select` gets a mask made
// from the bool by negation (its MSB is what counts). Integer arithmetic goes through unsigned
// types so overflow wraps instead of being undefined; float `maximum`/`minimum` propagate NaN
// and keep the reference's choice between -0 and +0. Integer `pow` is a helper function applied
// lane by lane.

import DRCIR

/// A helper function the program must define before its kernels: a function at one width.
struct CLHelper: Hashable, Comparable, Sendable {
  /// What the helper computes.
  enum Function: String, Sendable {
    case powInt = "pow_int"
    case powLong = "pow_long"
    case erf, sin, cos, tan
    case sinDouble = "dsin"
    case cosDouble = "dcos"
    case expm1, log, log1p
    case expDouble = "dexp"
    case expm1Double = "dexpm1"
    case logDouble = "dlog"
    case log1pDouble = "dlog1p"
    case powFloat = "powf"
    case powDouble = "dpow"
  }
  /// What it computes.
  let function: Function
  /// Lanes of its argument (1: scalar; integer powers are always scalar).
  let width: Int

  /// Creates a helper.
  init(_ function: Function, width: Int = 1) {
    self.function = function
    self.width = width
  }

  /// Its name in generated code: `drc_erf` (scalar), `drc_erf8` (8 lanes).
  var name: String { "drc_" + function.rawValue + (width > 1 ? "\(width)" : "") }

  static func < (a: CLHelper, b: CLHelper) -> Bool { a.name < b.name }

  /// The helper's definition.
  var definition: [String] {
    let lanes = width > 1 ? "\(width)" : ""
    switch function {
    case .powInt, .powLong: return powDefinition
    case .erf: return CLHelper.erfDefinition(name: name, type: "float" + lanes, mask: "int" + lanes)
    case .sin, .cos:
      return CLHelper.trigDefinition(
        name: name, precision: .float32, lanes: width, cosine: function == .cos)
    case .sinDouble, .cosDouble:
      return CLHelper.trigDefinition(
        name: name, precision: .float64, lanes: width, cosine: function == .cosDouble)
    case .tan:
      return tanDefinition
    case .powFloat, .powDouble:
      return CLHelper.powDefinition(name: name, float32: function == .powFloat, lanes: width)
    case .expm1, .log, .log1p, .expDouble, .expm1Double, .logDouble, .log1pDouble:
      return expLogDefinition
    }
  }

  /// `function(x.s0), function(x.s1), ...` as one vector of `type`: scalar builtins per lane.
  static func perLane(_ function: String, _ x: String, type: String, lanes: Int) -> String {
    let parts = (0..<lanes).map { "\(function)(\(x).s\(String($0, radix: 16)))" }
    return "(\(type))(\(parts.joined(separator: ", ")))"
  }

  /// float32 tan in vector form: PoCL's vector tan is wrong for tiny and subnormal lanes and,
  /// like sin and cos, for every lane when one is huge (BuiltinAuditTests); such vectors are
  /// computed lane by lane with the scalar builtin, which is right.
  private var tanDefinition: [String] {
    let type = "float\(width)"
    return [
      "/// float32 tan; vectors with a tiny, huge or NaN lane go lane by lane (CLOps.swift).",
      "static \(type) \(name)(\(type) x) {",
      "  const int\(width) odd = isnan(x) | isgreater(fabs(x), 4096.0f) | isless(fabs(x), 0x1p-12f);",
      "  if (any(odd)) return \(CLHelper.perLane("tan", "x", type: type, lanes: width));",
      "  return tan(x);",
      "}",
    ]
  }

  /// Integer power by repeated squaring with wrapping (docs/ops.md).
  private var powDefinition: [String] {
    let (t, u) = function == .powInt ? ("int", "uint") : ("long", "ulong")
    return [
      "/// Integer power with wrapping; negative exponents give 0 except for bases 1 and -1.",
      "static \(t) \(name)(\(t) base, \(t) e) {",
      "  if (e < 0) return base == 1 ? 1 : (base == -1 ? ((e & 1) == 0 ? 1 : -1) : 0);",
      "  \(u) r = 1;",
      "  \(u) b = as_\(u)(base);",
      "  while (e > 0) {",
      "    if (e & 1) r = r * b;",
      "    e >>= 1;",
      "    if (e > 0) b = b * b;",
      "  }",
      "  return as_\(t)(r);",
      "}",
    ]
  }
}

/// Builds op expressions at one width.
struct CLOps {
  /// Lanes per value (1 for scalar code).
  let width: Int
  /// Helpers the expressions use.
  var helpers: Set<CLHelper> = []

  /// Builds expressions of `width` lanes.
  init(width: Int) { self.width = width }

  /// The type of a value of dtype `d` at this width.
  func type(_ d: DType) -> String { CLSyntax.type(d, width: width) }

  /// A `uchar` bool from a C comparison expression at this width.
  func boolFrom(_ comparison: String) -> String {
    width == 1 ? "(uchar)(\(comparison))" : "convert_uchar\(width)(-(\(comparison)))"
  }

  /// The truth value (`x != 0`) of `x` of dtype `d` as a bool.
  func truth(_ x: String, _ d: DType) -> String {
    d == .bool ? x : boolFrom("\(x) != \(CLSyntax.literal(.int(0), d))")
  }

  /// `c ? a : b` for a bool `c` of this width and `a`, `b` of dtype `d`.
  func select(_ c: String, _ a: String, _ b: String, _ d: DType) -> String {
    if width == 1 { return "(\(c) ? \(a) : \(b))" }
    return "select(\(b), \(a), -convert_\(CLSyntax.maskType(d))\(width)(\(c)))"
  }

  /// A unary op of `x` (dtype `from`) giving dtype `to`.
  mutating func unary(_ op: UnaryOp, _ x: String, from: DType, to: DType) throws -> String {
    if op == .invert {
      guard from == to, !to.isFloat else {
        throw CodegenError("invert of \(from) is not supported")
      }
      return to == .bool ? "(\(x) ^ (uchar)1)" : "(~\(x))"
    }
    if op == .logicalNot {
      guard to == .bool else { throw CodegenError("logical_not must give bool, not \(to)") }
      return from == .bool
        ? "(\(x) ^ (uchar)1)" : boolFrom("\(x) == \(CLSyntax.literal(.int(0), from))")
    }
    guard from == to else {
      throw CodegenError("\(op.rawValue) of \(from) giving \(to) needs a cast first")
    }
    switch (op, to) {
    case (_, .bool): throw CodegenError("\(op.rawValue) has no bool form")
    case (.neg, .float32), (.neg, .float64): return "(-\(x))"
    case (.neg, _): return "as_\(type(to))(-as_\(CLSyntax.unsignedType(to))\(suffix)(\(x)))"
    case (.abs, .float32), (.abs, .float64): return "fabs(\(x))"
    case (.abs, _): return "as_\(type(to))(abs(\(x)))"
    case (.floor, .float32), (.floor, .float64), (.ceil, .float32), (.ceil, .float64):
      return "\(op.rawValue)(\(x))"
    case (.floor, _), (.ceil, _): return x
    case (.exp, _), (.log, _), (.expm1, _),
      (.log1p, _)
    where CLHelper.generated(op, dtype: to) != nil:
      // Generated exp, expm1, log and log1p (CLExpLogCode.swift) where they are faster.
      guard let function = CLHelper.generated(op, dtype: to) else { return "\(op.rawValue)(\(x))" }
      let helper = CLHelper(function, width: width)
      helpers.insert(helper)
      return "\(helper.name)(\(x))"
    case (.sqrt, .float32), (.sqrt, .float64), (.exp, .float32), (.exp, .float64), (.log, .float32),
      (.log, .float64),
      (.tan, .float64), (.tanh, .float32), (.tanh, .float64), (.erf, .float64):
      return "\(op.rawValue)(\(x))"
    case (.rint, _), (.expm1, _), (.log1p, _), (.log2, _), (.log10, _), (.asin, _), (.acos, _),
      (.atan, _), (.sinh, _), (.cosh, _), (.asinh, _), (.acosh, _), (.atanh, _), (.cbrt, _),
      (.exp2, _):
      // OpenCL builtins of the same names; integer operands were cast to float first.
      guard to.isFloat else { throw CodegenError("\(op.rawValue) of \(to) needs a float operand") }
      return "\(op.rawValue)(\(x))"
    case (.tan, .float32):
      if width == 1 { return "tan(\(x))" }
      let helper = CLHelper(.tan, width: width)
      helpers.insert(helper)
      return "\(helper.name)(\(x))"
    case (.erf, .float32), (.sin, .float32), (.cos, .float32), (.sin, .float64), (.cos, .float64):
      // Generated erf (float32), sin and cos (CLErf.swift, CLTrig.swift): PoCL's builtins do not
      // vectorise well (opencl-facts.md).
      let double = to == .float64
      let function: CLHelper.Function =
        op == .erf ? .erf : op == .sin ? (double ? .sinDouble : .sin) : (double ? .cosDouble : .cos)
      let helper = CLHelper(function, width: width)
      helpers.insert(helper)
      return "\(helper.name)(\(x))"
    default: throw CodegenError("\(op.rawValue) of \(to) is not supported")
    }
  }

  /// The vector size suffix of type names (`8`), empty for scalars.
  private var suffix: String { width == 1 ? "" : String(width) }

  /// A binary op of `a`, `b` (dtype `from`, or any dtypes for logical ops) giving dtype `to`.
  mutating func binary(
    _ op: BinaryOp, _ a: String, _ b: String, from: DType, fromB: DType, to: DType,
    lanes: (String, String) -> [(String, String)]
  ) throws -> String {
    if op.isLogical {
      let c = op == .logicalAnd ? "&" : "|"
      return "(\(truth(a, from)) \(c) \(truth(b, fromB)))"
    }
    guard from == fromB else {
      throw CodegenError("\(op.rawValue) of \(from) and \(fromB) needs casts first")
    }
    if op.isComparison {
      let c =
        ["eq": "==", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">="][op.rawValue] ?? "=="
      return boolFrom("\(a) \(c) \(b)")
    }
    guard from == to else {
      throw CodegenError("\(op.rawValue) of \(from) giving \(to) needs a cast first")
    }
    let u = CLSyntax.unsignedType(to) + suffix
    switch (op, to) {
    case (.maximum, .bool), (.maximum, .int32), (.maximum, .int64): return "max(\(a), \(b))"
    case (.minimum, .bool), (.minimum, .int32), (.minimum, .int64): return "min(\(a), \(b))"
    case (.bitwiseAnd, .bool), (.bitwiseAnd, .int32), (.bitwiseAnd, .int64): return "(\(a) & \(b))"
    case (.bitwiseOr, .bool), (.bitwiseOr, .int32), (.bitwiseOr, .int64): return "(\(a) | \(b))"
    case (.bitwiseXor, .bool), (.bitwiseXor, .int32), (.bitwiseXor, .int64): return "(\(a) ^ \(b))"
    case (.leftShift, .int32), (.leftShift, .int64), (.rightShift, .int32), (.rightShift, .int64):
      return shift(op, a, b, to)
    case (_, .bool): throw CodegenError("\(op.rawValue) has no bool form")
    case (.add, .float32), (.add, .float64): return "(\(a) + \(b))"
    case (.sub, .float32), (.sub, .float64): return "(\(a) - \(b))"
    case (.mul, .float32), (.mul, .float64): return "(\(a) * \(b))"
    // Division by a constant stays a division. Its reciprocal product corrected by one fma
    // (q = x y, q + fma(-q, c, x) y: the exact quotient by Markstein's theorem, and bit-exact
    // against the host on 2 x 10^8 cases) measured slower on PoCL: the log-likelihood partial
    // kernel (16M float64) took 33 ms against 28 ms, the divider not being its bottleneck.
    case (.div, .float32), (.div, .float64): return "(\(a) / \(b))"
    case (.pow, .float32), (.pow, .float64):
      // Generated pow (CLPow.swift): PoCL's builtin is several times slower, and its double8
      // and double16 forms are wrong where a lane's base is 0 or subnormal (BuiltinAuditTests).
      let helper = CLHelper(to == .float64 ? .powDouble : .powFloat, width: width)
      helpers.insert(helper)
      return "\(helper.name)(\(a), \(b))"
    case (.atan2, .float32), (.atan2, .float64): return "atan2(\(a), \(b))"
    case (.copysign, .float32), (.copysign, .float64): return "copysign(\(a), \(b))"
    case (.fmod, .float32), (.fmod, .float64):
      // The scalar builtin, lane by lane: PoCL 3.1's double8 fmod is wrong where the remainder
      // is subnormal (fmod(1e308, 1e-308) = 0x1.74e5p-961, not 0x0.284p-1022) and did not
      // finish within 20 s over 4096 mixed special values; its scalar fmod is exact
      // (BuiltinAuditTests).
      if width == 1 { return "fmod(\(a), \(b))" }
      let parts = lanes(a, b).map { "fmod(\($0.0), \($0.1))" }
      return "(\(type(to)))(\(parts.joined(separator: ", ")))"
    case (.add, _): return "as_\(type(to))(as_\(u)(\(a)) + as_\(u)(\(b)))"
    case (.sub, _): return "as_\(type(to))(as_\(u)(\(a)) - as_\(u)(\(b)))"
    case (.mul, _): return "as_\(type(to))(as_\(u)(\(a)) * as_\(u)(\(b)))"
    case (.pow, _):
      let helper = CLHelper(to == .int32 ? .powInt : .powLong)
      helpers.insert(helper)
      if width == 1 { return "\(helper.name)(\(a), \(b))" }
      let parts = lanes(a, b).map { "\(helper.name)(\($0.0), \($0.1))" }
      return "(\(type(to)))(\(parts.joined(separator: ", ")))"
    case (.maximum, _):
      // NaN wins (a first), else the reference's `a < b ? b : a`.
      return nanGuarded(a, b, first: masked("\(a) < \(b)", b, a))
    case (.minimum, _):
      return nanGuarded(a, b, first: masked("\(b) < \(a)", b, a))
    default: throw CodegenError("\(op.rawValue) of \(to) is not supported")
    }
  }

  /// NumPy's shifts: within `0..<bits` the bits move (left through the unsigned type, so a
  /// shifted-out sign bit is defined), outside it a left shift gives 0 and a right shift gives
  /// the sign (`a >> (bits - 1)`); the count is compared unsigned, so a negative one is outside.
  private func shift(_ op: BinaryOp, _ a: String, _ b: String, _ to: DType) -> String {
    let bits = to == .int32 ? 32 : 64
    let u = CLSyntax.unsignedType(to) + suffix
    let count = "as_\(u)(\(b))"
    let inRange = "\(count) < (\(u))(\(bits))"
    let moved =
      op == .leftShift ? "as_\(type(to))(as_\(u)(\(a)) << \(count))" : "(\(a) >> \(b))"
    let outside =
      op == .leftShift ? "(\(type(to)))(0)" : "(\(a) >> (\(type(to)))(\(bits - 1)))"
    if width == 1 { return "((\(inRange)) ? \(moved) : \(outside))" }
    return "select(\(outside), \(moved), \(inRange))"
  }

  /// `isnan(a) ? a : isnan(b) ? b : inner`, with vector selects on comparison masks.
  private func nanGuarded(_ a: String, _ b: String, first: String) -> String {
    if width == 1 { return "(isnan(\(a)) ? \(a) : (isnan(\(b)) ? \(b) : \(first)))" }
    return "select(select(\(first), \(b), isnan(\(b))), \(a), isnan(\(a)))"
  }

  /// A select on a comparison mask (vector comparisons already yield a signed mask).
  private func masked(_ mask: String, _ a: String, _ b: String) -> String {
    if width == 1 { return "((\(mask)) ? \(a) : \(b))" }
    return "select(\(b), \(a), \(mask))"
  }

  /// Conversion of `x` from dtype `from` to `to` with the `cast` op's semantics.
  func cast(_ x: String, from: DType, to: DType) -> String {
    if from == to { return x }
    if to == .bool { return truth(x, from) }
    let t = type(to)
    if from.isFloat && to.isInteger { return "convert_\(t)_sat_rtz(\(x))" }
    // bool (0/1), int to int (wraps), int to float and float to float (round to nearest even).
    return "convert_\(t)(\(x))"
  }
}
