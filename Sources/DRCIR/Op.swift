// The operations of the IR: one case per trace op family, with typed attributes.
//
// Ops are values (Hashable), so structural hashing for CSE is a dictionary lookup. Elementwise
// ops are grouped by arity (`unary`, `binary`, `where`, `cast`); views keep their exact geometry
// (`slice` ranges, `transpose` permutation); `update` is the functional form of an in-place write:
// it yields a new version of its base array with a slice region replaced.

/// A unary elementwise function.
public enum UnaryOp: String, CaseIterable, Sendable, Hashable {
  case neg, abs, sqrt, exp, log, sin, cos, tan, tanh, erf, floor, ceil
  case logicalNot = "logical_not"
  // Additive to trace format v1 (docs/trace-format.md, "Versioning"): issue 12's ufuncs.
  case rint, expm1, log1p, log2, log10, asin, acos, atan, sinh, cosh
  // Additive to trace format v1, minor 3: NumPy's `invert` (`~`): bitwise not of integers,
  // logical not of bools.
  case invert
  // Additive to trace format v1, minor 5: NumPy's `arcsinh`, `arccosh`, `arctanh`, `cbrt`,
  // `exp2` (OpenCL builtins of the same names).
  case asinh, acosh, atanh, cbrt, exp2

  /// Whether the op is a floating-point math function (integer operands compute in float64).
  public var isFloatMath: Bool {
    switch self {
    case .sqrt, .exp, .log, .sin, .cos, .tan, .tanh, .erf: return true
    case .rint, .expm1, .log1p, .log2, .log10, .asin, .acos, .atan, .sinh, .cosh: return true
    case .asinh, .acosh, .atanh, .cbrt, .exp2: return true
    default: return false
    }
  }
}

/// A binary elementwise function.
public enum BinaryOp: String, CaseIterable, Sendable, Hashable {
  case add, sub, mul, div, pow, maximum, minimum, atan2
  case eq, ne, lt, le, gt, ge
  case logicalAnd = "logical_and"
  case logicalOr = "logical_or"
  // Additive to trace format v1 (docs/trace-format.md, "Versioning").
  case copysign
  // Additive to trace format v1, minor 3: bitwise ops of bools and integers, and shifts of
  // integers (NumPy's rule: a count outside 0..<bits gives 0, or -1 for a negative value
  // shifted right).
  case bitwiseAnd = "bitwise_and"
  case bitwiseOr = "bitwise_or"
  case bitwiseXor = "bitwise_xor"
  case leftShift = "left_shift"
  case rightShift = "right_shift"
  // Additive to trace format v1, minor 6: C's fmod of floats (exact: the remainder of a
  // truncated division, the sign of the dividend), which NumPy's `%`, `//` and `divmod` derive
  // their float results from.
  case fmod

  /// Whether integer operands compute (and give) float64, like NumPy's float-only ufuncs.
  public var computesInFloat: Bool { self == .div || self == .atan2 || self == .copysign }

  /// Whether the op compares its operands and yields bool.
  public var isComparison: Bool {
    switch self {
    case .eq, .ne, .lt, .le, .gt, .ge: return true
    default: return false
    }
  }

  /// Whether the op is a logical connective (operands by truth value, result bool).
  public var isLogical: Bool { self == .logicalAnd || self == .logicalOr }

  /// Whether the op works on the bits of bools and integers (no float form).
  public var isBitwise: Bool {
    switch self {
    case .bitwiseAnd, .bitwiseOr, .bitwiseXor, .leftShift, .rightShift: return true
    default: return false
    }
  }

  /// Whether the op is a shift (integers only).
  public var isShift: Bool { self == .leftShift || self == .rightShift }
}

/// A reduction.
public enum ReduceOp: String, CaseIterable, Sendable, Hashable {
  case sum, prod, min, max, mean
  // Additive to trace format v1: the index (int64) of the first extreme over the reduced axes,
  // flattened row-major; NaN counts as the extreme (NumPy's rule).
  case argmin, argmax

  /// Whether the reduction yields an index (int64) rather than a value.
  public var isIndex: Bool { self == .argmin || self == .argmax }
}

/// A scan (prefix reduction) along one axis; additive to trace format v1 (`cumsum`, `cumprod`:
/// minor 2; `cummax`, `cummin`, NumPy's `maximum.accumulate` and `minimum.accumulate`: minor 7).
public enum ScanOp: String, CaseIterable, Sendable, Hashable {
  case cumsum, cumprod, cummax, cummin

  /// Whether the scan is a running maximum or minimum (exact, in the operand's own dtype).
  public var isExtremum: Bool { self == .cummax || self == .cummin }
}

/// A sort along one axis; additive to trace format v1 (minor 3).
public enum SortOp: String, CaseIterable, Sendable, Hashable {
  /// The values in ascending order, NaN last (NumPy's `sort`).
  case sort
  /// The positions that sort the values (int64), ties in their original order (NumPy's
  /// `argsort(kind="stable")`).
  case argsort
}

/// A write of values at computed positions along axis 0; additive to trace format v1 (minor 4).
public enum ScatterOp: String, CaseIterable, Sendable, Hashable {
  /// Each position takes its value; where a position repeats, the last value in index order
  /// wins (NumPy's `x[idx] = v`, `np.put` along axis 0).
  case scatter
  /// Each value is added at its position, in index order, repeats accumulating (NumPy's
  /// `np.add.at(x, idx, v)`).
  case scatterAdd = "scatter_add"
}

/// A factorisation of the matrices in an array's last two axes; additive to trace format v1
/// (minor 5).
public enum MatrixOp: String, CaseIterable, Sendable, Hashable {
  /// Gaussian elimination with partial pivoting of each matrix `[A | B]` (operand `[..., n, m]`,
  /// float, `m >= n`, `n <= 2^24`): the result, of the same shape and dtype, holds the
  /// upper-triangular factor `U` of the row-permuted `A` in its first `n` columns, the row
  /// chosen as pivot at each step on the subdiagonal, zeros below it, and the solution `X` of
  /// `A X = B` in the other columns. With right-hand sides a zero pivot (a singular `A`) is an
  /// error.
  case gaussSolve = "gauss_solve"
  /// The Cholesky factor `L` (lower-triangular, `A = L L^T`) of each square matrix, read from
  /// its lower triangle (NumPy's `linalg.cholesky`); zeros above the diagonal. A matrix that is
  /// not positive definite (a pivot not above 0, or NaN) is an error.
  case cholesky
}

/// One axis of a slice: `start, start+step, ...` strictly before `stop` in the step's direction.
public struct SliceRange: Hashable, Sendable, CustomStringConvertible {
  /// The first index.
  public var start: Int
  /// The exclusive bound.
  public var stop: Int
  /// The non-zero increment.
  public var step: Int

  /// Creates a range.
  public init(start: Int, stop: Int, step: Int) {
    self.start = start
    self.stop = stop
    self.step = step
  }

  /// The full range of an axis of length `dim`.
  public static func all(_ dim: Int) -> SliceRange { SliceRange(start: 0, stop: dim, step: 1) }

  /// How many indices the range visits (0 when empty; `Int.max` when more than that).
  ///
  /// Bounds and step come from untrusted traces and may be anywhere in `Int`, so the distance
  /// is taken as an unsigned magnitude: no operation here can overflow.
  public var count: Int {
    guard step > 0 ? stop > start : step < 0 && start > stop else { return 0 }
    // The true distance is in 1..<2^64, so its bit pattern as UInt is exact.
    let distance = UInt(bitPattern: step > 0 ? stop &- start : start &- stop)
    return Int(clamping: (distance - 1) / step.magnitude + 1)
  }

  /// The same indices with step +1 or -1 when the range visits at most one index (so a step
  /// larger than the axis, as in `x[::100]` on 6 elements, does not reach later arithmetic).
  public var canonical: SliceRange {
    switch count {
    case 0: return SliceRange(start: start, stop: stop, step: step.signum())
    case 1: return SliceRange(start: start, stop: start &+ step.signum(), step: step.signum())
    default: return self
    }
  }

  /// `start:stop:step`.
  public var description: String { "\(start):\(stop):\(step)" }
}

/// An IR operation with its attributes.
public enum Op: Hashable, Sendable {
  /// A named array input.
  case input(String)
  /// A named runtime scalar.
  case param(String)
  /// An array (or scalar, for shape []) filled with one value.
  case full(Scalar)
  /// `start + i*step` along a 1-D array.
  case arange(start: Scalar, step: Scalar)
  /// Each element's index along `axis`.
  case iota(axis: Int)
  /// A unary elementwise function.
  case unary(UnaryOp)
  /// A binary elementwise function with broadcasting.
  case binary(BinaryOp)
  /// `cond ? a : b` elementwise with broadcasting.
  case select
  /// Conversion to the node's dtype.
  case cast
  /// A reduction over `axes` (sorted, non-empty).
  case reduce(ReduceOp, axes: [Int], keepdims: Bool)
  /// A strided sub-array.
  case slice([SliceRange])
  /// The same elements in row-major order with a new shape.
  case reshape
  /// Axes permuted: result axis i is operand axis `perm[i]`.
  case transpose([Int])
  /// Broadcast to the node's shape by NumPy's rules.
  case broadcast
  /// Length-1 axes inserted at the given result positions.
  case expandDims([Int])
  /// Length-1 axes removed.
  case squeeze([Int])
  /// Operands joined along `axis`.
  case concatenate(axis: Int)
  /// Matrix product with NumPy's 1-D/2-D rules.
  case matmul
  /// A new version of operand 0 with the region `ranges` replaced by operand 1 (broadcast, cast).
  case update([SliceRange])
  /// The inclusive prefix sum or product along `axis` (same shape; ints and bools give int64).
  case scan(ScanOp, axis: Int)
  /// NumPy's `take(x, indices, axis)`: operand 0's elements along `axis` picked by operand 1, an
  /// integer array whose values are positions (negative ones count from the end); the result's
  /// shape is `x.shape[..<axis] + indices.shape + x.shape[axis+1...]`. An index outside
  /// `-n..<n` is an error (additive to trace format v1, minor 3).
  case take(axis: Int)
  /// Each line along `axis` sorted ascending, NaN last (`sort`: same dtype), or the positions
  /// that sort it, stable (`argsort`: int64). Additive to trace format v1, minor 3.
  case sort(SortOp, axis: Int)
  /// A new version of operand 0 (`x`, shape `[n] + rest`) with the values of operand 2 (`v`,
  /// shape `[m] + rest`, `x`'s dtype) written (`scatter`) or added (`scatter_add`) along axis 0
  /// at the positions of operand 1 (1-D integer, length `m`; negative ones count from the end),
  /// in index order. An index outside `-n..<n` is an error. Additive to trace format v1, minor 4.
  case scatter(ScatterOp)
  /// A factorisation of each matrix in the last two axes (`MatrixOp`), computed in a fixed
  /// arithmetic and order (docs/ops.md) so that every executor gives the same bits. Additive to
  /// trace format v1, minor 5.
  case matrix(MatrixOp)

  /// The op's name as written in traces.
  public var name: String {
    switch self {
    case .input: return "input"
    case .param: return "param"
    case .full: return "full"
    case .arange: return "arange"
    case .iota: return "iota"
    case .unary(let u): return u.rawValue
    case .binary(let b): return b.rawValue
    case .select: return "where"
    case .cast: return "cast"
    case .reduce(let r, _, _): return r.rawValue
    case .slice: return "slice"
    case .reshape: return "reshape"
    case .transpose: return "transpose"
    case .broadcast: return "broadcast"
    case .expandDims: return "expand_dims"
    case .squeeze: return "squeeze"
    case .concatenate: return "concatenate"
    case .matmul: return "matmul"
    case .update: return "update"
    case .scan(let s, _): return s.rawValue
    case .take: return "take"
    case .sort(let s, _): return s.rawValue
    case .scatter(let s): return s.rawValue
    case .matrix(let m): return m.rawValue
    }
  }

  /// Whether the op computes each element from the same-index elements of broadcast operands.
  public var isElementwise: Bool {
    switch self {
    case .unary, .binary, .select, .cast: return true
    default: return false
    }
  }

  /// Whether the op only rearranges or selects elements of its single operand.
  public var isView: Bool {
    switch self {
    case .slice, .reshape, .transpose, .broadcast, .expandDims, .squeeze: return true
    default: return false
    }
  }

  /// Every op name the trace format defines, for error messages and the schema.
  public static let allNames: [String] =
    [
      "input", "param", "full", "arange", "iota", "where", "cast", "slice", "reshape", "transpose",
      "broadcast", "expand_dims", "squeeze", "concatenate", "matmul", "update", "take",
    ]
    + UnaryOp.allCases.map(\.rawValue) + BinaryOp.allCases.map(\.rawValue)
    + ReduceOp.allCases.map(\.rawValue) + ScanOp.allCases.map(\.rawValue)
    + SortOp.allCases.map(\.rawValue) + ScatterOp.allCases.map(\.rawValue)
    + MatrixOp.allCases.map(\.rawValue)
}
