// Matrix products with NumPy's 1-D/2-D rules.
//
// Both operands are converted to the promoted dtype; a 1-D left operand acts as a row, a 1-D
// right operand as a column, and those unit axes are dropped from the result. Each result
// element accumulates sequentially over k from 0: `((0 + a0*b0) + a1*b1) + ...`, in the result
// dtype, with wrapping for integers and no fused multiply-add for floats.

import DRCIR

extension Reference {
  /// Evaluates `a @ b` for ranks 1 and 2.
  static func matmul(_ a: HostArray, _ b: HostArray, expected: [Int]) throws -> HostArray {
    guard (1...2).contains(a.rank), (1...2).contains(b.rank) else {
      throw InterpreterError("matmul supports rank 1 and 2 operands, not \(a.shape) and \(b.shape)")
    }
    let m = a.rank == 2 ? a.shape[0] : 1
    let n = a.shape[a.rank - 1]
    let nb = b.shape[0]
    let p = b.rank == 2 ? b.shape[1] : 1
    guard n == nb else {
      throw InterpreterError("matmul inner dimensions differ: \(a.shape) and \(b.shape)")
    }
    var shape = [Int]()
    if a.rank == 2 { shape.append(m) }
    if b.rank == 2 { shape.append(p) }
    try Kernels.expect(shape, expected)
    switch DType.promote(a.dtype, b.dtype) {
    case .bool: throw InterpreterError("matmul needs numeric operands, not bool")
    case .int32: return product(a, b, m, n, p, shape, Int32.self, { $0 &+ $1 }, { $0 &* $1 })
    case .int64: return product(a, b, m, n, p, shape, Int64.self, { $0 &+ $1 }, { $0 &* $1 })
    case .float32: return product(a, b, m, n, p, shape, Float.self, { $0 + $1 }, { $0 * $1 })
    case .float64: return product(a, b, m, n, p, shape, Double.self, { $0 + $1 }, { $0 * $1 })
    }
  }

  private static func product<T: HostElement & Numeric>(
    _ a: HostArray, _ b: HostArray, _ m: Int, _ n: Int, _ p: Int, _ shape: [Int], _: T.Type,
    _ add: (T, T) -> T, _ mul: (T, T) -> T
  ) -> HostArray {
    let x = a.values(as: T.self)
    let y = b.values(as: T.self)
    var out = [T](repeating: 0, count: m * p)
    out.withUnsafeMutableBufferPointer { o in
      x.withUnsafeBufferPointer { x in
        y.withUnsafeBufferPointer { y in
          for i in 0..<m {
            for k in 0..<n {
              let aik = x[i * n + k]
              for j in 0..<p { o[i * p + j] = add(o[i * p + j], mul(aik, y[k * p + j])) }
            }
          }
        }
      }
    }
    return .make(out, shape: shape)
  }
}
