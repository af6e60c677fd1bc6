// Errors and options of the reference interpreter.
//
// Every failure is a thrown `InterpreterError`, never a trap: traces come from outside and may be
// hostile. An error raised while evaluating a node names that node, its op and its source
// location, so a message reads like `node 7 (div) at main.swift:12: operands ...`.

import DRCIR

/// A failure while building host arrays or interpreting a graph.
public struct InterpreterError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The node being evaluated, when known.
  public var node: Int?
  /// That node's op name, when known.
  public var op: String?
  /// That node's `file:line`, when known.
  public var loc: String?
  /// What went wrong.
  public var message: String

  /// Creates an error not (yet) tied to a node.
  public init(_ message: String) {
    self.message = message
  }

  /// Creates an error about `node`.
  public init(node: Node, _ message: String) {
    self.node = node.id
    self.op = node.op.name
    self.loc = node.loc
    self.message = message
  }

  /// `node 7 (div) at main.swift:12: message`, or just the message.
  public var description: String {
    guard let node else { return message }
    var text = "node \(node)"
    if let op { text += " (\(op))" }
    if let loc { text += " at \(loc)" }
    return text + ": " + message
  }
}

/// How the interpreter computes.
public struct InterpreterOptions: Sendable, Equatable {
  /// Compute every float32 node in float64 (results are float64 arrays): the accuracy oracle.
  public var float64Oracle: Bool
  /// The most bytes a run may hold at once (inputs and live values), and so the largest result
  /// one node may allocate; larger claims throw before anything is allocated.
  public var memoryLimitBytes: Int

  /// The default: `MemoryBudget.limit()` (`DRC_MEMORY_LIMIT`, else 60% of physical memory).
  public static let defaultMemoryLimit = MemoryBudget.limit()

  /// Creates options.
  public init(
    float64Oracle: Bool = false, memoryLimitBytes: Int = InterpreterOptions.defaultMemoryLimit
  ) {
    self.float64Oracle = float64Oracle
    self.memoryLimitBytes = memoryLimitBytes
  }
}
