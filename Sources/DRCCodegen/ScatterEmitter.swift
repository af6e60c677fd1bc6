// Scatter kernels (`scatter`, `scatter_add`): values written or added at computed positions of
// each line along the kernel's one inner axis.
//
// One work-item per line (outer point): it copies its line of the target into the output, then
// walks the positions in index order, writing (`scatter`: the last write to a position wins) or
// adding (`scatter_add`: every value accumulates in index order, each sum rounded to the dtype)
// the line's value for each position. So the result is exactly the reference's, repeats
// included, with no atomics. A negative position counts from the end once; one outside the line
// is skipped (the plan's bounds check reports it, so no result reaches the caller). Integer sums
// go through the unsigned type so they wrap as the reference's do. Every value is addressed
// through the kernel's affine maps: a line's first element plus the position times its stride.

import DRCIR
import DRCPlan

/// Emits the function of a scatter kernel.
struct ScatterEmitter {
  let kernel: Kernel

  /// The kernel's function.
  func emit(signature: (String, Bool) -> String) throws -> [CodePrinter] {
    guard kernel.inner.count == 1, kernel.body.count == 1, kernel.stores.count == 1,
      case .scatterLine(let op, let arg, let map, let s) = kernel.body[0].op,
      let store = kernel.stores.first, store.value == 0,
      [arg, s.indices, s.values].allSatisfy({ $0 >= 0 && $0 < kernel.args.count })
    else {
      throw CodegenError(kernel: kernel.name, "a scatter kernel holds exactly one scatter line")
    }
    func start(_ m: IndexMap) -> (base: String, stride: Int) {
      Addressing.lineStart(m, outer: kernel.outer)
    }
    let (xBase, xStride) = start(map)
    let (oBase, oStride) = start(store.map)
    let (kBase, kStride) = start(s.indexMap)
    let (vBase, vStride) = start(s.valueMap)
    let dtype = kernel.body[0].dtype
    let n = kernel.inner[0]
    let out = "a\(store.arg)[ob + \(oStride)L * j]"
    let value = "a\(s.values)[vb + \(vStride)L * t]"
    let write: String
    switch (op, dtype) {
    case (.scatter, _):
      write = "\(out) = \(value);"
    case (.scatterAdd, .int32), (.scatterAdd, .int64):
      let (t, u) = (CLSyntax.scalarType(dtype), CLSyntax.unsignedType(dtype))
      write = "\(out) = (\(t))((\(u))\(out) + (\(u))\(value));"
    case (.scatterAdd, _):
      write = "\(out) = \(out) + \(value);"
    }
    var p = CodePrinter()
    p.block(signature("", false)) { p in
      p.lines(
        Addressing.lineWorkItem(
          outer: kernel.outer, bases: [("xb", xBase), ("ob", oBase), ("kb", kBase), ("vb", vBase)]))
      p.line(
        "// The line, then each position's value \(op == .scatter ? "written" : "added") in index order."
      )
      p.block("for (long j = 0; j < \(n)L; ++j)") {
        $0.line("\(out) = a\(arg)[xb + \(xStride)L * j];")
      }
      p.block("for (long t = 0; t < \(s.count)L; ++t)") { p in
        p.line("long j = (long)a\(s.indices)[kb + \(kStride)L * t];")
        p.line("if (j < 0) j += \(n)L;")
        p.line("if (j < 0 || j >= \(n)L) continue;  // reported by the plan's bounds check")
        p.line(write)
      }
    }
    return [p]
  }
}
