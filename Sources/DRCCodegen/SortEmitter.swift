// Sort kernels (sort, argsort): lines ordered along the kernel's one inner axis.
//
// `serial`: each work-item orders one line (outer point). The line is copied into its output
// (the values for `sort`, the positions 0..n-1 for `argsort`) and heapsorted there in place:
// O(n log n) compares, no scratch memory, lines in parallel. One long line takes the `partials`
// strategy instead (`SortEmitter+Blocked.swift`): blocks heapsorted in parallel, then merged in
// parallel. The order is `<` with every NaN after every number; `argsort` compares (value,
// position) pairs, a total order, so its result is the one stable order whatever the heap or
// the merges do, and equals the reference's. `sort`'s equal values are interchangeable (-0 and
// +0 compare equal). Every value is addressed through the kernel's affine maps: the line's first
// element plus the inner coordinate times its flat stride.

import DRCIR
import DRCPlan

/// Emits the functions of a sort kernel.
struct SortEmitter {
  let kernel: Kernel

  /// How one line is read and written, and how two of its elements compare.
  struct Line {
    /// The first input element of the line (`ib`'s value) and the flat stride along it.
    var inBase: String
    var inStride: Int
    /// The first output element and the stride.
    var outBase: String
    var outStride: Int
    var input: String
    var output: String
    var keyDType: DType
    var op: SortOp

    /// Output element `i` of the line (`ob` in scope).
    func element(_ i: String) -> String { "\(output)[ob + \(outStride)L * (\(i))]" }
    /// The key at position `p` of the input line (`ib` in scope).
    func key(_ p: String) -> String { "\(input)[ib + \(inStride)L * (\(p))]" }
    /// `x < y` in the sort order (NaN last).
    func less(_ x: String, _ y: String) -> String {
      keyDType.isFloat ? "((\(x) < \(y)) || (isnan(\(y)) && !isnan(\(x))))" : "(\(x) < \(y))"
    }
    /// `ib` and `ob`: where the line starts in the input and in the output (the outer
    /// coordinates in scope).
    var starts: [String] { ["const long ib = \(inBase);", "const long ob = \(outBase);"] }

    /// Statements declaring `int name`: whether the line entry `x` (a value for `sort`, a
    /// position for `argsort`) sorts strictly before the entry `y`.
    func before(_ x: String, _ y: String, _ name: String) -> [String] {
      let t = CLSyntax.scalarType(keyDType)
      if op == .sort {
        return [
          "const \(t) x_\(name) = \(x);",
          "const \(t) y_\(name) = \(y);",
          "const int \(name) = \(less("x_\(name)", "y_\(name)"));",
        ]
      }
      return [
        "const long p_\(name) = \(x);",
        "const long q_\(name) = \(y);",
        "const \(t) x_\(name) = \(key("p_\(name)"));",
        "const \(t) y_\(name) = \(key("q_\(name)"));",
        "const int \(name) = \(less("x_\(name)", "y_\(name)")) || "
          + "(!\(less("y_\(name)", "x_\(name)")) && p_\(name) < q_\(name));",
      ]
    }
  }

  /// The kernel's function(s).
  func emit(signature: (String, Bool) -> String) throws -> [CodePrinter] {
    guard kernel.inner.count == 1, kernel.body.count == 1, kernel.stores.count == 1,
      case .sortLine(let op, let arg, let map) = kernel.body[0].op,
      let store = kernel.stores.first, store.value == 0, arg >= 0, arg < kernel.args.count
    else {
      throw CodegenError(kernel: kernel.name, "a sort kernel holds exactly one sorted line")
    }
    let rank = kernel.outer.count
    /// The first element of the line and the flat stride along it, for a map over the full space.
    func start(_ m: IndexMap) -> (base: String, stride: Int) {
      let (offset, strides) = m.linear
      let terms = (0..<rank).filter { kernel.outer[$0] > 1 }.map { (strides[$0], "i\($0)") }
      return (Addressing.affine(offset, terms), strides.count > rank ? strides[rank] : 0)
    }
    let (inBase, inStride) = start(map)
    let (outBase, outStride) = start(store.map)
    let line = Line(
      inBase: inBase, inStride: inStride, outBase: outBase, outStride: outStride,
      input: "a\(arg)", output: "a\(store.arg)", keyDType: kernel.args[arg].dtype, op: op)
    if kernel.strategy == .partials {
      guard kernel.outer.allSatisfy({ $0 == 1 }) else {
        throw CodegenError(kernel: kernel.name, "a blocked sort needs a single line")
      }
      return try emitBlocked(signature: signature, line: line)
    }
    let n = kernel.inner[0]
    var p = CodePrinter()
    p.block(signature("", false)) { p in
      p.line("const long gid = (long)get_global_id(0);")
      p.line("if (gid >= \(kernel.outer.reduce(1, *))L) return;")
      p.lines(Addressing(space: kernel.outer).coordinates(of: "gid", prefix: "i", type: "long"))
      p.lines(line.starts)
      p.line(
        op == .sort
          ? "// The line's values, then heapsorted in place (NaN last)."
          : "// The positions 0..n-1, then heapsorted by (value, position): the stable order.")
      p.block("for (long k = 0; k < \(n)L; ++k)") {
        $0.line("\(line.element("k")) = \(op == .sort ? line.key("k") : "k");")
      }
      p.append(heapsort(line, at: { line.element($0) }, count: "\(n)L"))
    }
    return [p]
  }

  /// Statements heapsorting the `count` entries `at(0) ...` in place (a max-heap built from the
  /// middle down, then its top moved behind it one entry at a time).
  func heapsort(_ line: Line, at: (String) -> String, count: String) -> CodePrinter {
    let t = CLSyntax.scalarType(kernel.body[0].dtype)
    func swap(_ i: String, _ j: String) -> String {
      "{ const \(t) t = \(at(i)); \(at(i)) = \(at(j)); \(at(j)) = t; }"
    }
    var p = CodePrinter()
    p.line("long start = (\(count)) / 2L;")
    p.line("long end = \(count);")
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
          p.lines(line.before(at("child"), at("child + 1L"), "right"))
          p.line("if (right) ++child;")
        }
        p.lines(line.before(at("root"), at("child"), "down"))
        p.line("if (!down) break;")
        p.line(swap("root", "child"))
        p.line("root = child;")
      }
    }
    return p
  }
}
