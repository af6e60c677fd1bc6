// Random size-generic programs: one structure per seed, recorded at any sizes (n, m).
//
// `drc fuzz` checks programs at one size. A plan compiled from two recordings must also be right
// at sizes nobody recorded, so `SymbolicFuzz` draws a program whose structure depends on the
// seed alone: every random choice is made before any size is known, and every extent is a
// `Dim` (`n + k`, `m + k` or a fixed number). Inputs of rank 1 and 2 over n, m, n + 2, m + 1
// and 3; steps are elementwise ops with broadcasting (equal shapes, a row, a scalar), a constant
// of the size (`n` or `m - 1`, as a program computing with its own size makes), reductions along
// one axis (sum, max, mean, argmax, with and without keepdims), scans (cumsum, cumprod), slices
// `[a : d - b]`,
// transposes and matrix products. `check` records it at (10, 13) and (17, 21) (two symbols),
// compiles one symbolic plan, and runs it on the device at other sizes against the float64
// oracle (`OutputCheck`).

import DRCIR
import DRCPlan
import DRCReplay
import DRCRuntime
import DRCTrace
import Foundation

/// Random programs whose structure does not depend on their sizes.
public enum SymbolicFuzz {
  /// An extent: symbol 0 (n) or 1 (m) plus an offset, or a fixed number (`symbol` nil).
  struct Dim: Hashable {
    var symbol: Int?
    var offset: Int
    /// Its value at the sizes `(n, m)`.
    func value(_ sizes: (Int, Int)) -> Int {
      offset + (symbol == 0 ? sizes.0 : symbol == 1 ? sizes.1 : 0)
    }
  }

  /// One value of the program: its node and its shape as dims.
  struct Value {
    var node: Int
    var dims: [Dim]
    var dtype: DType
  }

  /// The program of `seed` at sizes n and m (both at least 5).
  public static func program(seed: UInt64, n: Int, m: Int) -> Graph {
    var rng = FuzzRandom(state: seed &* 0x9E37_79B9_7F4A_7C15 &+ 0x5EED)
    var graph = Graph(name: "symfuzz_\(seed)")
    var values: [Value] = []
    let sizes = (n, m)
    let choices = [
      Dim(symbol: 0, offset: 0), Dim(symbol: 1, offset: 0), Dim(symbol: 0, offset: 2),
      Dim(symbol: 1, offset: 1), Dim(symbol: nil, offset: 3),
    ]
    func add(_ op: Op, _ operands: [Int], _ dims: [Dim], _ dtype: DType) -> Value {
      let shape = dims.map { $0.value(sizes) }
      let id = graph.add(
        op, operands, dtype: dtype, shape: shape, loc: "sym.swift:\(graph.nodes.count + 1)")
      let v = Value(node: id, dims: dims, dtype: dtype)
      values.append(v)
      return v
    }
    for i in 0..<rng.int(1...3) {
      var dims = (0..<rng.int(1...2)).map { _ in rng.pick(choices) }
      // The first input's first axis has a symbol, so the sizes vary.
      if i == 0 { dims[0] = rng.pick(Array(choices.prefix(4))) }
      let dtype = rng.pick([DType.float32, .float64])
      graph.inputs.append(
        InputDecl(name: "x\(i)", dtype: dtype, shape: dims.map { $0.value(sizes) }))
      _ = add(.input("x\(i)"), [], dims, dtype)
    }
    for _ in 0..<rng.int(3...9) {
      // Steps take float operands (an argmax's positions end the program or go unused).
      let floats = values.filter(\.dtype.isFloat)
      guard let recent = floats.last else { break }
      let x = rng.chance(0.6) ? recent : rng.pick(floats)
      switch rng.int(0...9) {
      case 0, 1:
        let op = rng.pick([UnaryOp.neg, .abs, .sin, .tanh])
        _ = add(.unary(op), [x.node], x.dims, x.dtype)
      case 2, 3:
        // Another value of the same shape, a row of its last extent, or a scalar.
        let partners = values.filter {
          $0.dtype == x.dtype && ($0.dims == x.dims || $0.dims == Array(x.dims.suffix(1)))
        }
        let op = rng.pick([BinaryOp.add, .sub, .mul, .maximum])
        if let y = partners.isEmpty || rng.chance(0.3) ? nil : rng.pick(partners) {
          _ = add(.binary(op), [x.node, y.node], x.dims, x.dtype)
        } else {
          let c = add(.full(.float(Double(rng.int(-8...8)) / 4)), [], [], x.dtype)
          _ = add(.binary(op), [x.node, c.node], x.dims, x.dtype)
        }
      case 4:
        // A constant of the size: n, or m - 1, as the program computes it (of a symbol an
        // input has: a size no input carries is not the plan's to know).
        let known = Set(graph.inputs.indices.flatMap { values[$0].dims.compactMap(\.symbol) })
        guard let symbol = known.sorted().randomElement(using: &rng) else { continue }
        let value = symbol == 0 ? Double(n) : Double(m - 1)
        let c = add(.full(.float(value).converted(to: x.dtype)), [], [], x.dtype)
        _ = add(.binary(.div), [x.node, c.node], x.dims, x.dtype)
      case 5, 6:
        guard !x.dims.isEmpty, x.dtype.isFloat else { continue }
        let axis = rng.int(0...(x.dims.count - 1))
        if rng.chance(0.25) {
          // A running sum or product along the axis (every point kept).
          _ = add(
            .scan(rng.pick([ScanOp.cumsum, .cumprod]), axis: axis), [x.node], x.dims, x.dtype)
          continue
        }
        let keep = rng.chance(0.3)
        let op = rng.pick([ReduceOp.sum, .max, .mean, .argmax])
        var dims = x.dims
        if keep { dims[axis] = Dim(symbol: nil, offset: 1) } else { dims.remove(at: axis) }
        _ = add(
          .reduce(op, axes: [axis], keepdims: keep), [x.node], dims,
          op == .argmax ? .int64 : x.dtype)
      case 7:
        guard
          let axis = x.dims.indices.filter({ x.dims[$0].symbol != nil }).randomElement(
            using: &rng)
        else { continue }
        let (a, b) = (rng.int(0...2), rng.int(0...1))
        // At most 3 off a symbol in all, so every size from 5 up leaves 2.
        guard x.dims[axis].offset - a - b >= -3 else { continue }
        var dims = x.dims
        dims[axis].offset -= a + b
        let ranges = x.dims.indices.map { k -> SliceRange in
          let d = x.dims[k].value(sizes)
          return k == axis
            ? SliceRange(start: a, stop: d - b, step: 1) : SliceRange(start: 0, stop: d, step: 1)
        }
        _ = add(.slice(ranges), [x.node], dims, x.dtype)
      case 8:
        guard x.dims.count == 2 else { continue }
        _ = add(.transpose([1, 0]), [x.node], [x.dims[1], x.dims[0]], x.dtype)
      default:
        // x [a, b] @ y [b] or y [b, c].
        guard x.dims.count == 2, x.dtype.isFloat else { continue }
        let partners = values.filter {
          $0.dtype == x.dtype && ($0.dims.count == 1 || $0.dims.count == 2)
            && $0.dims.first == x.dims[1]
        }
        guard let y = partners.isEmpty ? nil : rng.pick(partners) else { continue }
        _ = add(.matmul, [x.node, y.node], [x.dims[0]] + y.dims.dropFirst(), x.dtype)
      }
    }
    let last = values[values.count - 1].node
    graph.outputs = [OutputDecl(name: "out", node: last)]
    if rng.chance(0.5), let other = values.dropLast().filter({ !$0.dims.isEmpty }).last?.node,
      other != last, graph.nodes[other].op.name != "input"
    {
      graph.outputs.append(OutputDecl(name: "also", node: other))
    }
    return graph
  }
}

extension SymbolicFuzz {
  /// The sizes programs are recorded at: n and m grow by 7 and 8, so they stay two symbols.
  public static let recorded = [(10, 13), (17, 21)]
  /// The unrecorded sizes each plan runs at: odd, small, non-square.
  public static let unrecorded = [(5, 6), (8, 23), (31, 7)]

  /// Records the program of `seed` at `recorded` into `directory`, compiles one symbolic plan,
  /// runs it on `device` at every `unrecorded` size, and returns what failed: an error
  /// compiling or running it, or an output outside the oracle's bounds (empty: it passed).
  public static func check(seed: UInt64, directory: URL, device: String?) -> [String] {
    do {
      let paths = try recorded.map { n, m -> String in
        let url = directory.appendingPathComponent("symfuzz_\(seed)_\(n)x\(m).json")
        try Data(TraceWriter.data(program(seed: seed, n: n, m: m).toTrace())).write(to: url)
        return url.path
      }
      let c = try DynamicCompilation.make(paths: paths, options: CompileOptions())
      let source = try Emission.source(of: c, requireCheck: false)
      let stub = try CompiledProgram(
        planJSON: String(decoding: try c.plan.jsonData(), as: UTF8.self), source: source,
        device: device)
      var failures: [String] = []
      for (n, m) in unrecorded {
        let graph = program(seed: seed, n: n, m: m)
        let inputs = try Interpreter.randomInputs(graph: graph, seed: seed &+ UInt64(n * 100 + m))
        let got = try stub.call(inputs: inputs, params: [:])
        for verdict in try OutputCheck.check(graph: graph, inputs: inputs, device: got)
        where !verdict.passes {
          failures.append("seed \(seed) at n = \(n), m = \(m): \(verdict)")
        }
      }
      return failures
    } catch {
      return ["seed \(seed): \(error)"]
    }
  }
}

extension FuzzRandom: RandomNumberGenerator {}
