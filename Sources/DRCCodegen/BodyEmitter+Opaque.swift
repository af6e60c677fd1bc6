// Operands hidden from the OpenCL compiler's constant folding.
//
// drc folds the ops whose results it can reproduce bit for bit (`ConstantFolding`); an op on
// constants alone that it declines (a transcendental function, `pow`, float32 division) is
// computed by the device. Left as literals, its operands let the device compiler evaluate it
// while compiling, in its own library: PoCL 3.1's LLVM does that wrongly for some of them
// (`rint(sinh(-0x1.fffffffffffffp+1023))` and `drc_dpow(16, -0x1.fffffep+127)` at one lane per
// work-item drop every store of the kernel, or crash the compiler), while the same functions on
// values it cannot see are right. So the operands of an op whose operands are all constants are
// read through a `volatile` copy: the function runs as it does on data, at the cost of one
// private load per work-item, and only in kernels that compute with constants alone.

/// The constant-operand rule of `BodyEmitter`.
extension BodyEmitter {
  /// `refs`, the operands `operands` of value `i`, each read through a `volatile` copy when all
  /// of them are values of constants alone; `refs` unchanged otherwise.
  mutating func opaque(_ i: Int, _ operands: [Int], _ refs: [ValueRef]) -> [ValueRef] {
    guard !operands.isEmpty, operands.allSatisfy(constantValues.contains) else { return refs }
    return refs.enumerated().map { k, r in
      let name = "c\(i)_\(k)"
      let type = CLSyntax.type(r.dtype, width: r.uniform ? 1 : width)
      out.line("volatile \(type) \(name) = \(r.name);")
      return ValueRef(name: name, dtype: r.dtype, uniform: r.uniform)
    }
  }
}
