// The accuracy facts the error-bound pass is built from, one place for each (docs/numerics.md).
//
// Per op: the ulp bound of its result on a full-profile OpenCL 1.2 device, or of drc's generated
// code where it replaces the builtin (0.5 for + - * and casts that round, 2.5 for float32
// division, 2 for log, log1p and float64 exp (generated), 3 for float32 sqrt, float32 exp,
// expm1, log2 and log10, 4 for sin, cos, asin, acos, sinh and cosh, 5 for tan, tanh and atan, 6 for
// atan2, 16 for erf and pow, 0 for exact ops such as rint and copysign), and the ulp bound of
// the float64 oracle's own result (0.5 where it is correctly rounded, 4 for glibc's libm). Per
// dtype: the unit roundoff (2^-24, 2^-53), the absolute floor of its subnormal range (the
// smallest normal, which also covers a device flushing subnormals to zero) and the magnitude
// from which a value rounds to infinity. Per reduction: how many roundings one result can go
// through in the device's fixed order (docs/numerics.md "Reduction order on the device").

import DRCIR

/// Accuracy of ops and dtypes, as used by `ErrorBounds`.
public enum Tolerance {
  /// The ulp bound of one op's result on a device (docs/numerics.md "OpenCL accuracy"); 0 for
  /// exact ops. `dtype` is the dtype the op computes in.
  public static func ulps(_ op: Op, dtype: DType) -> Double {
    guard dtype.isFloat else { return 0 }
    switch op {
    case .unary(let u):
      switch u {
      case .sqrt: return dtype == .float32 ? 3 : 0.5
      // Generated code (CLExpLogCode.swift): measured within 1 ulp of glibc (expm1 2),
      // plus glibc's own error; float32 exp is the device builtin.
      case .exp: return dtype == .float32 ? 3 : 2
      case .log: return 2
      case .sin, .cos: return 4
      case .tan, .tanh: return 5
      case .erf: return 16
      case .neg, .abs, .floor, .ceil, .logicalNot, .rint, .invert: return 0
      case .log1p: return 2
      case .expm1, .log2, .log10: return 3
      case .asin, .acos, .sinh, .cosh, .asinh, .acosh: return 4
      case .atan, .atanh: return 5
      case .cbrt: return 2
      case .exp2: return 3
      }
    case .binary(let b):
      switch b {
      case .add, .sub, .mul: return 0.5
      case .div: return dtype == .float32 ? 2.5 : 0.5
      // float64: the generated pow (CLPow.swift, 1 ulp measured); float32 keeps OpenCL's bound,
      // since devices without cl_khr_fp64 compute it with the builtin.
      case .pow: return dtype == .float64 ? 2 : 16
      case .atan2: return 6
      default: return 0
      }
    case .cast, .reduce, .matmul, .arange, .update, .scan: return 0.5
    default: return 0
    }
  }

  /// The ulp bound (in float64 ulps) of the float64 oracle's own result: 0.5 where it is
  /// correctly rounded, 4 for the libm functions (glibc documents at most 2-3 on x86-64).
  public static func oracleUlps(_ op: Op) -> Double {
    switch op {
    case .unary(let u):
      switch u {
      case .exp, .log, .sin, .cos, .tan, .tanh, .erf, .expm1, .log1p, .log2, .log10, .asin, .acos,
        .atan, .sinh, .cosh, .asinh, .acosh, .atanh, .cbrt, .exp2:
        return 4
      case .sqrt: return 0.5
      default: return 0
      }
    case .binary(let b):
      switch b {
      case .pow, .atan2: return 4
      case .add, .sub, .mul, .div: return 0.5
      default: return 0
      }
    case .cast, .reduce, .matmul, .arange, .update, .scan: return 0.5
    default: return 0
    }
  }

  /// Half the distance from 1 to the next value of `dtype` (0 for exact dtypes).
  public static func unitRoundoff(_ dtype: DType) -> Double {
    switch dtype {
    case .float32: return 0x1p-24
    case .float64: return 0x1p-53
    default: return 0
    }
  }

  /// The absolute error one rounding can commit in the subnormal range of `dtype`: the smallest
  /// normal number, so a device that flushes subnormals to zero stays within it.
  public static func subnormalFloor(_ dtype: DType) -> Double {
    switch dtype {
    case .float32: return 0x1p-126
    case .float64: return 0x1p-1022
    default: return 0
    }
  }

  /// The smallest magnitude that rounds to infinity in `dtype` (infinity for exact dtypes).
  public static func overflowThreshold(_ dtype: DType) -> Double {
    switch dtype {
    case .float32: return 0x1.ffffffp127
    case .float64: return .greatestFiniteMagnitude
    default: return .infinity
    }
  }

  /// The most additions one result of a float sum of `n` terms goes through on the device:
  /// `partials` reductions (one output point, n >= 1024) add ceil(n/256) block points, up to 16
  /// lanes twice and 256 partials; serial reductions add all n in order (or along the row, W
  /// lanes of about n/W points each, then the W lanes and the rest: no more than n).
  public static func sumDepth(n: Int, points: Int) -> Int {
    guard points == 1 && n >= 1024 else { return max(n, 1) }
    return min(n, (n + 255) / 256 + 2 * 16 + 256)
  }

  /// The additions of the reference's pairwise sum of `n` terms (blocks of 8, then pairs).
  public static func pairwiseDepth(n: Int) -> Int {
    var depth = 8
    var blocks = (n + 7) / 8
    while blocks > 1 {
      blocks = (blocks + 1) / 2
      depth += 1
    }
    return depth
  }

  /// gamma_k = k u / (1 - k u), the relative bound of k successive roundings (infinity when
  /// k u >= 1).
  public static func gamma(_ k: Int, _ u: Double) -> Double {
    let ku = Double(k) * u
    return ku < 1 ? ku / (1 - ku) : .infinity
  }
}
