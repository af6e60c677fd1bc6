// The IR graph: typed nodes in topological order plus the program's interface.
//
// A `Graph` is what every later stage consumes: the verifier checks it, the interpreter runs it,
// the optimiser rewrites it and the code generator lowers it. Nodes refer to operands by index
// into `nodes`, always smaller than their own, so a graph is acyclic by construction.

import DRCTrace

/// One IR operation and its result type.
public struct Node: Hashable, Sendable {
  /// The node's index in its graph.
  public var id: Int
  /// What the node computes.
  public var op: Op
  /// Operand node ids, each smaller than `id`.
  public var operands: [Int]
  /// The result's element type.
  public var dtype: DType
  /// The result's shape.
  public var shape: [Int]
  /// `file:line` of the recorded call, when known.
  public var loc: String?

  /// Creates a node.
  public init(id: Int, op: Op, operands: [Int] = [], dtype: DType, shape: [Int], loc: String? = nil)
  {
    self.id = id
    self.op = op
    self.operands = operands
    self.dtype = dtype
    self.shape = shape
    self.loc = loc
  }

  /// The number of elements of the result.
  public var count: Int { shape.reduce(1, *) }
}

/// A named array input of the program.
public struct InputDecl: Hashable, Sendable {
  /// The input's name.
  public var name: String
  /// Its element type.
  public var dtype: DType
  /// Its shape.
  public var shape: [Int]
  /// Its recorded values, if the trace saved them.
  public var data: TraceData?

  /// Creates an input declaration.
  public init(name: String, dtype: DType, shape: [Int], data: TraceData? = nil) {
    self.name = name
    self.dtype = dtype
    self.shape = shape
    self.data = data
  }
}

/// A named runtime scalar and its recorded value.
public struct ParamDecl: Hashable, Sendable {
  /// The parameter's name.
  public var name: String
  /// Its element type.
  public var dtype: DType
  /// The value it had when recorded.
  public var value: Scalar

  /// Creates a parameter declaration.
  public init(name: String, dtype: DType, value: Scalar) {
    self.name = name
    self.dtype = dtype
    self.value = value
  }
}

/// A named result.
public struct OutputDecl: Hashable, Sendable {
  /// The output's name.
  public var name: String
  /// The node computing it.
  public var node: Int

  /// Creates an output binding.
  public init(name: String, node: Int) {
    self.name = name
    self.node = node
  }
}

/// A host read-back: node `node` was read when `position` nodes existed.
public struct Readback: Hashable, Sendable {
  /// The node read.
  public var node: Int
  /// The segment boundary: nodes with id < position ran before the read.
  public var position: Int
  /// `array`, `item` or `print`.
  public var kind: String
  /// `file:line` of the read.
  public var loc: String?

  /// Creates a read-back record.
  public init(node: Int, position: Int, kind: String, loc: String? = nil) {
    self.node = node
    self.position = position
    self.kind = kind
    self.loc = loc
  }
}

/// A value computed at run time that must be zero: the number of indices of a `take` outside
/// their axis. Runtimes read it after the run and fail with `message` when it is not.
public struct BoundsCheck: Hashable, Sendable {
  /// The node computing the count (int64, shape []).
  public var node: Int
  /// The node whose indices it counts.
  public var subject: Int
  /// The error, naming the subject node and its source line.
  public var message: String
  /// The first of the nodes computing the count (they run from here to `node`).
  public var first: Int

  /// Creates a check.
  public init(node: Int, subject: Int, message: String, first: Int) {
    self.node = node
    self.subject = subject
    self.message = message
    self.first = first
  }
}

/// A whole program in IR form.
public struct Graph: Hashable, Sendable {
  /// The program's name.
  public var name: String
  /// Array inputs in declaration order.
  public var inputs: [InputDecl]
  /// Runtime scalars in declaration order.
  public var params: [ParamDecl]
  /// Nodes in topological order; `nodes[i].id == i`.
  public var nodes: [Node]
  /// Named results.
  public var outputs: [OutputDecl]
  /// Host read-back points, in program order.
  public var readbacks: [Readback]
  /// Run-time checks the plan must make (`BoundsCheck`); added by plan construction, after the
  /// passes, each with an output of its own.
  public var checks: [BoundsCheck] = []

  /// Creates a graph.
  public init(
    name: String, inputs: [InputDecl] = [], params: [ParamDecl] = [], nodes: [Node] = [],
    outputs: [OutputDecl] = [], readbacks: [Readback] = []
  ) {
    self.name = name
    self.inputs = inputs
    self.params = params
    self.nodes = nodes
    self.outputs = outputs
    self.readbacks = readbacks
  }

  /// Appends a node, assigning its id, and returns the id.
  @discardableResult
  public mutating func add(
    _ op: Op, _ operands: [Int] = [], dtype: DType, shape: [Int], loc: String? = nil
  ) -> Int {
    let id = nodes.count
    nodes.append(Node(id: id, op: op, operands: operands, dtype: dtype, shape: shape, loc: loc))
    return id
  }

  /// The input declaration named `name`.
  public func input(named name: String) -> InputDecl? { inputs.first { $0.name == name } }

  /// The parameter declaration named `name`.
  public func param(named name: String) -> ParamDecl? { params.first { $0.name == name } }
}
