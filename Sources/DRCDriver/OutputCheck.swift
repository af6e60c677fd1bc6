// Checking a program's outputs against the float64 oracle: the one entry point for `drc run`,
// device tests and fuzzers.
//
// `OutputCheck.oracle` runs the error-bound pass (ErrorBounds.swift) and keeps each output's
// oracle value and per-element bounds; `OutputCheck.compare` compares device values with them
// (Agreement.swift) and returns one `OutputVerdict` per output, saying what was compared, the
// largest error and the bound there, how many ops (in which dtypes) the bound comes from, and
// whether the output passes.

import DRCIR
import DRCRuntime
import Foundation

/// The check of one output.
public struct OutputVerdict: Encodable, Sendable, CustomStringConvertible {
  public var name: String
  public var dtype: String
  public var shape: [Int]
  /// Largest |device - oracle|.
  public var maxAbsoluteError: Double
  /// Where it occurs (row-major coordinates).
  public var worstIndex: [Int]
  /// The bound at that element.
  public var bound: Double
  /// Largest error / bound over bounded elements (at most 1 when the output passes).
  public var closestRatio: Double
  /// Elements outside their bounds.
  public var failures: Int
  /// The first of them, if any.
  public var firstFailure: [Int]?
  /// Elements whose bound is infinite (overflow or a condition the model cannot bound).
  public var unbounded: Int
  /// Ops that round on the output's path, by the dtype they compute in.
  public var roundingOps: [String: Int]
  /// Whether every element is within its bound.
  public var passes: Bool
  /// Why it failed before any element was compared (a missing output), if it did.
  public var problem: String?
  /// Set when the output passed against the reference in the program's own dtypes instead of
  /// the float64 oracle (see `OutputCheck.reconsider`).
  public var note: String?

  /// `y float32[4096]: max abs error 2.4e-07 at [17] (bound 3.1e-06 from 12 ops in float32) ok`.
  public var description: String {
    let head = "\(name) \(dtype)\(shape)"
    if let problem { return "\(head): \(problem) MISMATCH" }
    let total = roundingOps.values.reduce(0, +)
    let parts = roundingOps.sorted { $0.key < $1.key }.map { "\($0.value) in \($0.key)" }
    let from =
      total == 0
      ? "from exact ops"
      : parts.count == 1
        ? "from \(total) ops in \(roundingOps.keys.first ?? "")"
        : "from \(total) ops: \(parts.joined(separator: ", "))"
    func g(_ x: Double) -> String { String(format: "%.3g", x) }
    var text =
      "\(head): max abs error \(g(maxAbsoluteError)) at \(worstIndex) (bound \(g(bound)) \(from)"
    if unbounded > 0 { text += "; \(unbounded) elements unbounded" }
    if failures > 0, let first = firstFailure {
      text += "; \(failures) outside their bounds, first at \(first)"
    }
    if let note { text += "; \(note)" }
    return text + ") " + (passes ? "ok" : "MISMATCH")
  }
}

/// Checking outputs against the float64 oracle with per-element error bounds.
public enum OutputCheck {
  /// Each output's oracle value and bounds, by output name.
  public static func oracle(graph: Graph, inputs: [String: HostArray]) throws -> [String:
    BoundedValue]
  {
    let values = try ErrorBounds.run(
      graph: graph, inputs: inputs, keep: Set(graph.outputs.map(\.node)))
    var result: [String: BoundedValue] = [:]
    for output in graph.outputs { result[output.name] = values[output.node] }
    return result
  }

  /// Compares `device` outputs with the oracle's, one verdict per output of `graph`.
  public static func compare(
    graph: Graph, oracle: [String: BoundedValue], device: [String: HostArray]
  ) -> [OutputVerdict] {
    graph.outputs.map { output in
      let node =
        output.node >= 0 && output.node < graph.nodes.count ? graph.nodes[output.node] : nil
      let dtype = node?.dtype ?? .float64
      let shape = node?.shape ?? []
      var verdict = OutputVerdict(
        name: output.name, dtype: dtype.rawValue, shape: shape, maxAbsoluteError: 0,
        worstIndex: [], bound: 0, closestRatio: 0, failures: 0, firstFailure: nil, unbounded: 0,
        roundingOps: roundingOps(graph, output.node), passes: false, problem: nil, note: nil)
      guard let want = oracle[output.name] else {
        verdict.problem = "no oracle value"
        return verdict
      }
      guard let got = device[output.name] else {
        verdict.problem = "no device value"
        return verdict
      }
      guard got.dtype == dtype else {
        verdict.problem = "device value is \(got.dtype)"
        return verdict
      }
      let a = Agreement.compare(got, want.value, bound: want.bound, dtype: dtype)
      verdict.maxAbsoluteError = a.maxAbsolute
      verdict.worstIndex = coordinates(a.worst, shape)
      verdict.bound = a.maxAbsolute == 0 ? (want.bound.max() ?? 0) : a.boundAtWorst
      verdict.closestRatio = a.closestRatio
      verdict.failures = a.failures
      verdict.firstFailure = a.firstFailure.map { coordinates($0, shape) }
      verdict.unbounded = a.unbounded
      verdict.passes = a.passes
      return verdict
    }
  }

  /// Looks again at outputs that failed against the float64 oracle: one passes when it agrees,
  /// within the same bounds (exactly for integers and bools), with the reference interpreter
  /// computing in the program's own dtypes. The oracle computes float32 nodes in float64, so
  /// where a float32 value crosses a discontinuity (it overflows to infinity or underflows to
  /// zero, a comparison or a cast to an integer or bool changes, NaN comes from an infinity) the
  /// oracle and a correct device part; the reference follows the device's dtypes exactly.
  public static func reconsider(
    _ verdicts: [OutputVerdict], graph: Graph, oracle: [String: BoundedValue],
    inputs: [String: HostArray], device: [String: HostArray]
  ) throws -> [OutputVerdict] {
    guard verdicts.contains(where: { !$0.passes && $0.problem == nil }) else { return verdicts }
    let reference = try Interpreter(graph: graph).run(inputs: inputs)
    return verdicts.map { verdict in
      guard !verdict.passes, verdict.problem == nil, let want = oracle[verdict.name],
        let r = reference[verdict.name], let got = device[verdict.name],
        let dtype = DType(rawValue: verdict.dtype), r.dtype == got.dtype
      else { return verdict }
      let a = Agreement.compare(got, r, bound: want.bound, dtype: dtype)
      guard a.passes else { return verdict }
      var v = verdict
      v.passes = true
      v.note =
        "agrees with the reference in the program's dtypes (the float64 oracle parts"
        + " from it across an overflow, underflow, comparison or cast)"
      return v
    }
  }

  /// Runs the oracle on `inputs` and compares `device` with it.
  public static func check(graph: Graph, inputs: [String: HostArray], device: [String: HostArray])
    throws -> [OutputVerdict]
  {
    compare(graph: graph, oracle: try oracle(graph: graph, inputs: inputs), device: device)
  }

  /// Row-major coordinates of flat index `i` in `shape`.
  static func coordinates(_ i: Int, _ shape: [Int]) -> [Int] {
    var rest = i
    var out = [Int](repeating: 0, count: shape.count)
    for axis in shape.indices.reversed() where shape[axis] > 0 {
      out[axis] = rest % shape[axis]
      rest /= shape[axis]
    }
    return out
  }

  /// The nodes that round on the way to `node`, counted by the dtype they compute in.
  static func roundingOps(_ graph: Graph, _ node: Int) -> [String: Int] {
    var seen = Set<Int>()
    var stack = [node]
    var counts: [String: Int] = [:]
    while let n = stack.popLast() {
      guard n >= 0 && n < graph.nodes.count, seen.insert(n).inserted else { continue }
      let x = graph.nodes[n]
      stack.append(contentsOf: x.operands)
      var rounds = Tolerance.ulps(x.op, dtype: x.dtype) > 0
      if case .cast = x.op, let from = x.operands.first, from >= 0 && from < graph.nodes.count {
        rounds = ErrorBounds.rounds(from: graph.nodes[from].dtype, to: x.dtype)
      }
      if rounds { counts[x.dtype.rawValue, default: 0] += 1 }
    }
    return counts
  }
}
