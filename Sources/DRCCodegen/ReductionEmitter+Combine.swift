// How a reduction's accumulators start and combine: identities, update statements, and the
// checked op, operand and dtype of each accumulation (shared by the serial, partial, vector and
// final-combination code of ReductionEmitter and by ScanEmitter).
//
// Sums start from 0, products from 1, min/max (and argmin/argmax values) from the identity that
// every value beats (+-inf, the integer extremes, false/true); an update is the binary op in the
// accumulation dtype (CLOps, so integer sums wrap). argmin/argmax accumulate the operand's own
// values and yield an int64 position (ReductionEmitter+Index.swift).

import DRCIR
import DRCPlan

extension ReductionEmitter {
  /// The identity literal of `op` in dtype `d`.
  static func identity(_ op: ReduceOp, _ d: DType) -> String {
    switch (op, d) {
    case (.argmax, _): return identity(.max, d)
    case (.argmin, _): return identity(.min, d)
    case (.prod, _): return CLSyntax.literal(.int(1), d)
    case (.sum, _), (.mean, _): return CLSyntax.literal(.int(0), d)
    case (.max, .bool), (.min, .bool): return CLSyntax.literal(.bool(op == .min), d)
    case (.max, .int32): return CLSyntax.literal(.int(Int64(Int32.min)), d)
    case (.min, .int32): return CLSyntax.literal(.int(Int64(Int32.max)), d)
    case (.max, .int64): return CLSyntax.literal(.int(Int64.min), d)
    case (.min, .int64): return CLSyntax.literal(.int(Int64.max), d)
    case (.max, _): return CLSyntax.literal(.float(-.infinity), d)
    case (.min, _): return CLSyntax.literal(.float(.infinity), d)
    }
  }

  /// `acc = combine(acc, x)` for reduction `op` in dtype `d`.
  static func update(_ op: ReduceOp, _ acc: String, _ x: String, _ d: DType, ops: inout CLOps)
    throws -> String
  {
    let binary: BinaryOp
    switch op {
    case .sum, .mean: binary = .add
    case .prod: binary = .mul
    case .min: binary = .minimum
    case .max: binary = .maximum
    case .argmin, .argmax: throw CodegenError("\(op.rawValue) keeps a position: indexUpdate")
    }
    if d == .bool && (binary == .add || binary == .mul) {
      throw CodegenError("\(op.rawValue) of bool needs a cast first")
    }
    let e = try ops.binary(binary, acc, x, from: d, fromB: d, to: d) { _, _ in [] }
    return "\(acc) = \(e);"
  }

  /// The accumulation at value `i`: its op, operand and dtype, checked.
  func accumulation(_ i: Int) throws -> (ReduceOp, Int, DType) {
    let v = kernel.body[i]
    guard case .accumulate(let op, let a) = v.op else {
      throw CodegenError(kernel: kernel.name, "not an accumulation")
    }
    let from = kernel.body[a].dtype
    if op.isIndex {
      // The accumulator holds the operand's values; the result is the int64 position.
      guard v.dtype == .int64, kernel.body[a].inner else {
        throw CodegenError(
          kernel: kernel.name, node: v.node,
          "\(op.rawValue) of \(from) into \(v.dtype) is not supported")
      }
      return (op, a, from)
    }
    let ok = from == v.dtype || (!from.isFloat && op != .min && op != .max)
    guard ok, kernel.body[a].inner else {
      throw CodegenError(
        kernel: kernel.name, node: v.node,
        "\(op.rawValue) of \(from) into \(v.dtype) is not supported")
    }
    return (op, a, v.dtype)
  }

  /// Declares each accumulation's accumulator at its identity (and an argmin/argmax's
  /// position), at `width` lanes.
  func declareAccumulators(
    _ accumulations: [Int], into p: inout CodePrinter, width: Int = 1, suffix: String = ""
  ) throws {
    for a in accumulations {
      let (op, _, d) = try accumulation(a)
      let identity = ReductionEmitter.identity(op, d)
      let type = CLSyntax.type(d, width: width)
      p.line("\(type) acc\(a)\(suffix) = \(width > 1 ? "(\(type))(\(identity))" : identity);")
      if op.isIndex {
        p.line(
          width > 1
            ? "long\(width) idx\(a)\(suffix) = (long\(width))(-1L);"
            : "long idx\(a)\(suffix) = -1L;")
      }
    }
  }
}

extension String {
  /// The string with the first occurrence of `target` replaced.
  func replacingFirst(_ target: String, with replacement: String) -> String {
    guard let r = range(of: target) else { return self }
    return replacingCharacters(in: r, with: replacement)
  }
}
