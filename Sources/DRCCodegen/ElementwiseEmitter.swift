// Elementwise kernels: an explicitly vectorised body plus a scalar remainder.
//
// Work-item g covers the W consecutive outer points from p0 = g*W (W from
// `LaunchGeometry.vectorWidth`). When all W exist, the body runs once on vectors with no
// per-element branch; otherwise (only the last work-item, when the point count is not a multiple
// of W) a scalar loop finishes the points that exist. One branch per work-item, none per element,
// and none at all when W divides the point count.
// With W = 1 (GPUs) each work-item computes one point behind one bounds check.

import DRCIR
import DRCPlan

/// Emits the function of an elementwise kernel.
struct ElementwiseEmitter {
  let kernel: Kernel
  let locations: [Int: String]

  /// The kernel function; `helpers` gains the helper functions it calls.
  func emit(signature: String, helpers: inout Set<CLHelper>) throws -> CodePrinter {
    let width = LaunchGeometry.vectorWidth(kernel)
    let points = kernel.outer.reduce(1, *)
    if let i = kernel.body.indices.first(where: { kernel.body[$0].inner }) {
      throw CodegenError(
        kernel: kernel.name, node: kernel.body[i].node, "an elementwise kernel has an inner value")
    }
    var vector = BodyEmitter(
      kernel: kernel, locations: locations, width: width, space: kernel.outer)
    if width > 1 {
      for i in kernel.body.indices { try vector.emit(i) }
      for s in kernel.stores { try vector.store(s) }
    }
    var scalar = BodyEmitter(kernel: kernel, locations: locations, width: 1, space: kernel.outer)
    for i in kernel.body.indices { try scalar.emit(i) }
    for s in kernel.stores { try scalar.store(s) }
    helpers.formUnion(vector.ops.helpers)
    helpers.formUnion(scalar.ops.helpers)

    if kernel.symbolic == true {
      // Sizes are arguments, coordinates from the extents `zE<k>`: one point per work-item for
      // rank 1, else one row of the last axis per work-item (dividing once per row, not per
      // point: a 64-bit division by an argument costs tens of cycles).
      let rank = kernel.outer.count
      var p = CodePrinter()
      p.block(signature) { p in
        p.line("const long p = (long)get_global_id(0);")
        guard rank >= 2 else {
          p.block("if (p < zN)") { p in
            p.lines(SymbolicAddressing(kernel).coordinates())
            p.append(scalar.out)
          }
          return
        }
        let last = rank - 1
        p.line("if (zE\(last) == 0 || p >= zN / zE\(last)) return;")
        p.lines(SymbolicAddressing(kernel).coordinates(of: "p", first: 0, count: last))
        p.block("for (long i\(last) = 0; i\(last) < zE\(last); ++i\(last))") { p in
          p.append(scalar.out)
        }
      }
      return p
    }
    let addressing = Addressing(space: kernel.outer)
    // A dynamic kernel's point count is its argument `n`.
    let count = kernel.dynamic == true ? "n" : "\(points)L"
    var p = CodePrinter()
    if width == 1 {
      // One point per work-item (GPUs): neighbouring work-items touch neighbouring elements.
      p.block(signature) { p in
        p.line("const long p = (long)get_global_id(0);")
        p.block("if (p < \(count))") { p in
          p.lines(addressing.coordinates(of: "p", prefix: "i", type: "long"))
          p.append(scalar.out)
        }
      }
      return p
    }
    let remainder = points % width != 0 || points == 0 || kernel.dynamic == true
    p.block(signature) { p in
      p.line("const long p0 = (long)get_global_id(0) * \(width)L;")
      func body(_ p: inout CodePrinter) {
        p.line("// \(width) points per work-item, as vectors.")
        p.lines(
          addressing.vectorCoordinates(
            width: width, needsBase: vector.needsBase, needsLanes: vector.needsLanes))
        p.append(vector.out)
      }
      // Every work-item is whole when W divides the point count: no test at all (a test around
      // a body with branches inside halves PoCL's speed: 19.7 against 9.3 ms for 16M sincos).
      if remainder {
        p.block("if (p0 + \(width)L <= \(count))", body)
      } else {
        body(&p)
      }
      if remainder {
        p.block("else") { p in
          p.line("// The last work-item: the remaining points, one at a time.")
          p.block("for (long p = p0; p < \(count); ++p)") { p in
            p.lines(addressing.coordinates(of: "p", prefix: "i", type: "long"))
            p.append(scalar.out)
          }
        }
      }
    }
    return p
  }
}
