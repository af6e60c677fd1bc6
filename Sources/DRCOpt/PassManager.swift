// Runs an ordered list of passes with the verifier after each one.
//
// The manager is the only way the compiler optimises a graph. It refuses a graph that does not
// verify before the first pass (bad input never reaches a pass) and checks the result of every
// pass; a failure there is a compiler bug, reported as a `PassError` naming the pass and the
// offending nodes. It can print the IR after a named pass (or all of them) and records how long
// each pass took and how many nodes it left.

import DRCIR
import DRCTrace
import Foundation

/// A pass produced a graph that breaks the IR's rules: a bug in that pass.
public struct PassError: Error, CustomStringConvertible {
  /// The pass that broke the graph.
  public var pass: String
  /// The verifier's findings on its result.
  public var diagnostics: [Diagnostic]

  /// `internal error: pass 'cse' produced an invalid graph: ...`.
  public var description: String {
    "internal error: pass '\(pass)' produced an invalid graph:\n"
      + diagnostics.map { "  " + $0.description }.joined(separator: "\n")
  }
}

/// How one pass went.
public struct PassTiming: Sendable, Equatable {
  /// The pass's name.
  public var pass: String
  /// Wall time in seconds, including the verifier run after it.
  public var seconds: Double
  /// Node count after the pass.
  public var nodes: Int
}

/// Runs passes in order, verifying after each.
public struct PassManager {
  /// The passes, in order.
  public var passes: [any Pass]
  /// Print the IR after these passes (`all` for every pass) through `dump`.
  public var dumpAfter: Set<String> = []
  /// Where dumps go (standard error by default).
  public var dump: (String) -> Void = { text in FileHandle.standardError.write(Data(text.utf8)) }

  /// Creates a manager for `passes`.
  public init(passes: [any Pass]) { self.passes = passes }

  /// The default pipeline, in order.
  public static func standard() -> PassManager {
    PassManager(passes: Passes.standard)
  }

  /// Verifies `graph`, runs every pass, and returns the result with per-pass timings.
  public func run(_ graph: Graph, context: PassContext) throws -> (Graph, [PassTiming]) {
    try Verifier.check(graph)
    var current = graph
    var timings: [PassTiming] = []
    for pass in passes {
      let start = DispatchTime.now().uptimeNanoseconds
      let next = try pass.run(current, context: context)
      let problems = Verifier.diagnose(next)
      if !problems.isEmpty { throw PassError(pass: pass.name, diagnostics: problems) }
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
      timings.append(PassTiming(pass: pass.name, seconds: seconds, nodes: next.nodes.count))
      if dumpAfter.contains("all") || dumpAfter.contains(pass.name) {
        dump("// after \(pass.name): \(next.nodes.count) nodes\n" + Printer.print(next))
      }
      current = next
    }
    return (current, timings)
  }
}
