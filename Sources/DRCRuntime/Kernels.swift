// Shared building blocks of the reference kernels: broadcasting shapes and tight map loops.
//
// Elementwise kernels broadcast every operand to the result shape, gather each into a row-major
// typed array (free when already contiguous) and run one of the `map` loops below over raw
// buffers. The loops are generic and specialised per element type by the compiler.

import DRCIR

enum Kernels {
  /// NumPy's broadcast of two shapes: right-aligned, each pair equal or one of them 1.
  static func broadcastShape(_ a: [Int], _ b: [Int]) throws -> [Int] {
    guard let shape = ShapeRules.broadcast(a, b) else {
      throw InterpreterError("shapes \(a) and \(b) do not broadcast")
    }
    return shape
  }

  /// Throws unless a kernel's result shape is the node's recorded one; kernels call this
  /// before allocating, so a node cannot make tiny operands claim a huge result.
  static func expect(_ shape: [Int], _ expected: [Int]) throws {
    guard shape == expected else {
      throw InterpreterError("result shape \(shape) differs from the node's \(expected)")
    }
  }

  /// `f` applied to every element.
  @inline(__always)
  static func map<A, R>(_ a: [A], _ f: (A) -> R) -> [R] {
    let n = a.count
    return [R](unsafeUninitializedCapacity: n) { out, done in
      a.withUnsafeBufferPointer { x in
        guard let o = out.baseAddress else { return }
        for i in 0..<n { (o + i).initialize(to: f(x[i])) }
      }
      done = n
    }
  }

  /// `f` applied to every pair of same-index elements (equal counts).
  @inline(__always)
  static func map<A, B, R>(_ a: [A], _ b: [B], _ f: (A, B) -> R) -> [R] {
    let n = min(a.count, b.count)
    return [R](unsafeUninitializedCapacity: n) { out, done in
      a.withUnsafeBufferPointer { x in
        b.withUnsafeBufferPointer { y in
          guard let o = out.baseAddress else { return }
          for i in 0..<n { (o + i).initialize(to: f(x[i], y[i])) }
        }
      }
      done = n
    }
  }

  /// `f` applied to every triple of same-index elements (equal counts).
  @inline(__always)
  static func map<A, B, C, R>(_ a: [A], _ b: [B], _ c: [C], _ f: (A, B, C) -> R) -> [R] {
    let n = min(a.count, b.count, c.count)
    return [R](unsafeUninitializedCapacity: n) { out, done in
      a.withUnsafeBufferPointer { x in
        b.withUnsafeBufferPointer { y in
          c.withUnsafeBufferPointer { z in
            guard let o = out.baseAddress else { return }
            for i in 0..<n { (o + i).initialize(to: f(x[i], y[i], z[i])) }
          }
        }
      }
      done = n
    }
  }

  /// Integer power by repeated squaring with wrapping; negative exponents per docs/ops.md.
  static func intPow<T: IntElement>(_ base: T, _ exponent: T) -> T {
    if exponent < 0 {
      if base == 1 { return 1 }
      if base == -1 { return exponent & 1 == 0 ? 1 : -1 }
      return 0
    }
    var result: T = 1
    var b = base
    var e = exponent
    while e > 0 {
      if e & 1 == 1 { result = result &* b }
      e >>= 1
      if e > 0 { b = b &* b }
    }
    return result
  }

  /// The larger of two values; NaN if either is NaN.
  @inline(__always)
  static func maximum<T: HostElement>(_ a: T, _ b: T) -> T {
    if a.isNaNValue { return a }
    if b.isNaNValue { return b }
    return a.isLess(than: b) ? b : a
  }

  /// The smaller of two values; NaN if either is NaN.
  @inline(__always)
  static func minimum<T: HostElement>(_ a: T, _ b: T) -> T {
    if a.isNaNValue { return a }
    if b.isNaNValue { return b }
    return b.isLess(than: a) ? b : a
  }
}
