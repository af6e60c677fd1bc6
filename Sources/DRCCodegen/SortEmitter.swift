// Sort kernels (sort, argsort): each work-item orders one line along the kernel's inner axis.
//
// The line is copied into its output (the values for `sort`, the positions 0..n-1 for
// `argsort`) and heapsorted there in place: O(n log n) compares, no scratch memory, one
// work-item per line (outer point), lines in parallel. The order is `<` with every NaN after
// every number; `argsort` compares (value, position) pairs, a total order, so the result is the
// one stable order and equals the reference's whatever the heap does. `sort`'s equal values are
// interchangeable (-0 and +0 compare equal). Every value is addressed through the kernel's
// affine maps: the line's first element plus the inner coordinate times its flat stride.

import DRCIR
import DRCPlan

/// Emits the function of a sort kernel.
struct SortEmitter {
  let kernel: Kernel

  /// The kernel function.
  func emit(signature: String) throws -> CodePrinter {
    guard kernel.inner.count == 1, kernel.body.count == 1, kernel.stores.count == 1,
      case .sortLine(let op, let arg, let map) = kernel.body[0].op,
      let store = kernel.stores.first, store.value == 0, arg >= 0, arg < kernel.args.count
    else {
      throw CodegenError(kernel: kernel.name, "a sort kernel holds exactly one sorted line")
    }
    let rank = kernel.outer.count
    let lines = kernel.outer.reduce(1, *)
    let n = kernel.inner[0]
    let key = kernel.args[arg].dtype
    let keyType = CLSyntax.scalarType(key)
    let outType = CLSyntax.scalarType(kernel.body[0].dtype)
    /// The first element of the line and the flat stride along it, for a map over the full space.
    func line(_ m: IndexMap) -> (base: String, stride: Int) {
      let (offset, strides) = m.linear
      let terms = (0..<rank).filter { kernel.outer[$0] > 1 }.map { (strides[$0], "i\($0)") }
      return (Addressing.affine(offset, terms), strides.count > rank ? strides[rank] : 0)
    }
    let (inBase, inStride) = line(map)
    let (outBase, outStride) = line(store.map)
    let input = "a\(arg)"
    let output = "a\(store.arg)"
    func element(_ i: String) -> String { "\(output)[ob + \(outStride)L * (\(i))]" }
    func keyOf(_ position: String) -> String { "\(input)[ib + \(inStride)L * (\(position))]" }
    /// `x < y` in the sort order (NaN last).
    func less(_ x: String, _ y: String) -> String {
      key.isFloat ? "((\(x) < \(y)) || (isnan(\(y)) && !isnan(\(x))))" : "(\(x) < \(y))"
    }
    /// Statements declaring `int name` = whether element `i` sorts before element `j`.
    func before(_ i: String, _ j: String, _ name: String) -> [String] {
      if op == .sort {
        return [
          "const \(keyType) x_\(name) = \(element(i));",
          "const \(keyType) y_\(name) = \(element(j));",
          "const int \(name) = \(less("x_\(name)", "y_\(name)"));",
        ]
      }
      return [
        "const long p_\(name) = \(element(i));",
        "const long q_\(name) = \(element(j));",
        "const \(keyType) x_\(name) = \(keyOf("p_\(name)"));",
        "const \(keyType) y_\(name) = \(keyOf("q_\(name)"));",
        "const int \(name) = \(less("x_\(name)", "y_\(name)")) || "
          + "(!\(less("y_\(name)", "x_\(name)")) && p_\(name) < q_\(name));",
      ]
    }
    func swap(_ i: String, _ j: String) -> String {
      "{ const \(outType) t = \(element(i)); \(element(i)) = \(element(j)); \(element(j)) = t; }"
    }
    var p = CodePrinter()
    p.block(signature) { p in
      p.line("const long gid = (long)get_global_id(0);")
      p.line("if (gid >= \(lines)L) return;")
      p.lines(Addressing(space: kernel.outer).coordinates(of: "gid", prefix: "i", type: "long"))
      p.line("const long ib = \(inBase);")
      p.line("const long ob = \(outBase);")
      p.line(
        op == .sort
          ? "// The line's values, then heapsorted in place (NaN last)."
          : "// The positions 0..n-1, then heapsorted by (value, position): the stable order.")
      p.block("for (long k = 0; k < \(n)L; ++k)") {
        $0.line("\(element("k")) = \(op == .sort ? keyOf("k") : "k");")
      }
      p.line("long start = \(n / 2)L;")
      p.line("long end = \(n)L;")
      p.block("while (end > 1L)") { p in
        p.line("// Building the heap while start > 0, then moving its top behind the heap.")
        p.block("if (start > 0L)") { $0.line("--start;") }
        p.block("else") { p in
          p.line("--end;")
          p.line(swap("0L", "end"))
        }
        p.line("long root = start;")
        p.block("while (2L * root + 1L < end)") { p in
          p.line("long child = 2L * root + 1L;")
          p.block("if (child + 1L < end)") { p in
            p.lines(before("child", "child + 1L", "right"))
            p.line("if (right) ++child;")
          }
          p.lines(before("root", "child", "down"))
          p.line("if (!down) break;")
          p.line(swap("root", "child"))
          p.line("root = child;")
        }
      }
    }
    return p
  }
}
