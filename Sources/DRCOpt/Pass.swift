// The contract every optimisation pass follows, and the options and remarks they share.
//
// A pass takes a verified graph and returns a new graph that computes the same outputs and
// read-backs. Passes never mutate in place: each one rebuilds the node list through
// `GraphRewriter`, which keeps ids dense and topological and remaps the interface. The pass
// manager verifies the result after every pass, so a pass that breaks a rule is reported with its
// name and the offending node instead of failing somewhere downstream.

import DRCIR

/// Options that change what passes may do.
public struct OptimiserOptions: Sendable, Equatable {
  /// Allow rewrites that are not exact under IEEE-754 (reassociation, `pow(x, 0.5) -> sqrt(x)`,
  /// division by a constant to multiplication by its reciprocal). Off by default.
  public var fastMath: Bool
  /// Creates options.
  public init(fastMath: Bool = false) { self.fastMath = fastMath }
}

/// A note a pass leaves about what it did or declined to do, for `--remarks` and `drc explain`.
public struct Remark: Sendable, Equatable, CustomStringConvertible {
  /// The pass that made the remark.
  public var pass: String
  /// The node concerned, in the graph the pass received, when there is one.
  public var node: Int?
  /// The node's source location, when known.
  public var loc: String?
  /// What happened.
  public var message: String

  /// Creates a remark.
  public init(pass: String, node: Int? = nil, loc: String? = nil, _ message: String) {
    self.pass = pass
    self.node = node
    self.loc = loc
    self.message = message
  }

  /// `pass: node N (file:line): message`.
  public var description: String {
    var text = pass + ":"
    if let node { text += " node \(node)" }
    if let loc { text += " (\(loc))" }
    return text + " " + message
  }
}

/// What a pass can see besides its graph: the options, and a place to leave remarks.
public final class PassContext {
  /// The options in force.
  public let options: OptimiserOptions
  /// Remarks left so far, in order.
  public private(set) var remarks: [Remark] = []

  /// Creates a context.
  public init(options: OptimiserOptions = OptimiserOptions()) { self.options = options }

  /// Records a remark.
  public func remark(_ remark: Remark) { remarks.append(remark) }
}

/// One graph-to-graph transformation.
public protocol Pass {
  /// The pass's name on the command line (`--dump-after NAME`), e.g. `dce`.
  var name: String { get }
  /// Returns a graph equivalent to `graph` (same outputs, same read-backs).
  func run(_ graph: Graph, context: PassContext) throws -> Graph
}
