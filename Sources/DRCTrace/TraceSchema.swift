// The Codable schema of trace format v1: the contract between `drc record` and `drc compile`.
//
// A trace is a program recorded as a flat list of nodes in topological order. Everything here is
// plain data (strings, integers, arrays) so that untrusted input can be decoded without
// interpretation; the IR lowering turns op names, dtypes and attributes into typed values and
// reports what is wrong with each node. See docs/trace-format.md for the field-by-field contract.

/// The identifying constants of the trace format this build reads and writes.
public enum TraceFormat {
  /// The value of the top-level `format` field.
  public static let tag = "drc-trace"
  /// The only trace version this build understands (its additive minor versions: `TraceMinor`).
  public static let version = 1
  /// drc's own version, written into every trace and generated file.
  public static let drcVersion = "0.1.0"
  /// The `producer` string written by this build.
  public static var producer: String { "drc \(drcVersion)" }
}

/// A whole recorded program.
public struct Trace: Codable, Equatable, Sendable {
  /// Always `TraceFormat.tag`.
  public var format: String
  /// Always `TraceFormat.version` for traces this build accepts.
  public var version: Int
  /// The additive minor version the trace declares (`TraceMinor`): the optional `minor` field,
  /// 0 when absent. Every op of the trace must have been added in this minor or an earlier one.
  public var minor: Int
  /// The tool and version that wrote the trace, e.g. `drc 0.1.0`.
  public var producer: String
  /// The program's name, an identifier; it names generated kernels and stubs.
  public var program: String
  /// Named array inputs of the program, in declaration order.
  public var inputs: [TraceInput]
  /// Named runtime scalars, passed as kernel arguments rather than baked in.
  public var params: [TraceParam]
  /// The operations, in topological order, with ids 0, 1, 2, ...
  public var nodes: [TraceNode]
  /// Named results of the program.
  public var outputs: [TraceOutput]
  /// Points where the program read a value back to the host; they split it into segments.
  public var readbacks: [TraceReadback]

  /// Creates a trace; the format tag, version and producer default to this build's, and the
  /// minor version to the smallest that covers the ops of `nodes` (`TraceMinor.required`).
  public init(
    program: String, inputs: [TraceInput] = [], params: [TraceParam] = [],
    nodes: [TraceNode] = [], outputs: [TraceOutput] = [], readbacks: [TraceReadback] = [],
    format: String = TraceFormat.tag, version: Int = TraceFormat.version, minor: Int? = nil,
    producer: String = TraceFormat.producer
  ) {
    self.format = format
    self.version = version
    self.minor = minor ?? TraceMinor.required(nodes: nodes)
    self.producer = producer
    self.program = program
    self.inputs = inputs
    self.params = params
    self.nodes = nodes
    self.outputs = outputs
    self.readbacks = readbacks
  }

  private enum CodingKeys: String, CodingKey {
    case format, version, minor, producer, program, inputs, params, nodes, outputs, readbacks
  }

  /// Decodes a trace as a synthesized decoder would, with `minor` optional (absent is 0).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    format = try c.decode(String.self, forKey: .format)
    version = try c.decode(Int.self, forKey: .version)
    minor = try c.decodeIfPresent(Int.self, forKey: .minor) ?? 0
    producer = try c.decode(String.self, forKey: .producer)
    program = try c.decode(String.self, forKey: .program)
    inputs = try c.decode([TraceInput].self, forKey: .inputs)
    params = try c.decode([TraceParam].self, forKey: .params)
    nodes = try c.decode([TraceNode].self, forKey: .nodes)
    outputs = try c.decode([TraceOutput].self, forKey: .outputs)
    readbacks = try c.decode([TraceReadback].self, forKey: .readbacks)
  }

  /// Encodes a trace, leaving `minor` out when it is 0 (as `TraceWriter` does).
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(format, forKey: .format)
    try c.encode(version, forKey: .version)
    if minor != 0 { try c.encode(minor, forKey: .minor) }
    try c.encode(producer, forKey: .producer)
    try c.encode(program, forKey: .program)
    try c.encode(inputs, forKey: .inputs)
    try c.encode(params, forKey: .params)
    try c.encode(nodes, forKey: .nodes)
    try c.encode(outputs, forKey: .outputs)
    try c.encode(readbacks, forKey: .readbacks)
  }
}

/// A named array input: its dtype, its shape and, optionally, its recorded values.
public struct TraceInput: Codable, Equatable, Sendable {
  /// An identifier, unique among inputs and params.
  public var name: String
  /// One of `bool`, `int32`, `int64`, `float32`, `float64`.
  public var dtype: String
  /// Dimensions, each non-negative.
  public var shape: [Int]
  /// The recorded values, when saved.
  public var data: TraceData?

  /// Creates an input declaration.
  public init(name: String, dtype: String, shape: [Int], data: TraceData? = nil) {
    self.name = name
    self.dtype = dtype
    self.shape = shape
    self.data = data
  }
}

/// Saved values of an input: little-endian bytes, inline as base64 or in a sidecar file.
public struct TraceData: Codable, Hashable, Sendable {
  /// `inline` (the `base64` field holds the bytes) or `file` (the `file` field names them).
  public var encoding: String
  /// The bytes, base64-encoded, for `inline`.
  public var base64: String?
  /// A plain file name (no directories) beside the trace, for `file`.
  public var file: String?
  /// The byte count: element count times the dtype's size.
  public var bytes: Int
  /// Lower-case hex SHA-256 of the bytes.
  public var sha256: String

  /// Creates a data descriptor.
  public init(
    encoding: String, base64: String? = nil, file: String? = nil, bytes: Int, sha256: String
  ) {
    self.encoding = encoding
    self.base64 = base64
    self.file = file
    self.bytes = bytes
    self.sha256 = sha256
  }
}

/// A named runtime scalar and the value it had when recorded.
public struct TraceParam: Codable, Equatable, Sendable {
  /// An identifier, unique among inputs and params.
  public var name: String
  /// The scalar's dtype.
  public var dtype: String
  /// The value, printed exactly (hex float for floats, decimal for integers, true/false).
  public var value: String

  /// Creates a parameter declaration.
  public init(name: String, dtype: String, value: String) {
    self.name = name
    self.dtype = dtype
    self.value = value
  }
}

/// One operation of the program.
///
/// Attributes are held in a shared box: most nodes have none, and a million-node trace in memory
/// is then about half the size it would be with the attributes stored inline.
public struct TraceNode: Codable, Equatable, Sendable {
  /// The node's index in `nodes`.
  public var id: Int
  /// The op's name, e.g. `add`, `sum`, `slice`.
  public var op: String
  /// Operand node ids, each smaller than `id`.
  public var args: [Int]
  /// The result's dtype.
  public var dtype: String
  /// The result's shape.
  public var shape: [Int]
  /// `file:line` of the call that made the node.
  public var loc: String?
  private var attrsBox: AttrsBox?

  /// Op-specific attributes.
  public var attrs: TraceAttrs? {
    get { attrsBox?.value }
    set { attrsBox = newValue.map(AttrsBox.init) }
  }

  /// Creates a node.
  public init(
    id: Int, op: String, args: [Int] = [], dtype: String, shape: [Int], attrs: TraceAttrs? = nil,
    loc: String? = nil
  ) {
    self.id = id
    self.op = op
    self.args = args
    self.dtype = dtype
    self.shape = shape
    self.attrsBox = attrs.map(AttrsBox.init)
    self.loc = loc
  }

  private enum CodingKeys: String, CodingKey {
    case id, op, args, dtype, shape, attrs, loc
  }

  /// Decodes a node (the fields in declaration order, as a synthesized decoder would).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    id = try c.decode(Int.self, forKey: .id)
    op = try c.decode(String.self, forKey: .op)
    args = try c.decode([Int].self, forKey: .args)
    dtype = try c.decode(String.self, forKey: .dtype)
    shape = try c.decode([Int].self, forKey: .shape)
    attrsBox = try c.decodeIfPresent(TraceAttrs.self, forKey: .attrs).map(AttrsBox.init)
    loc = try c.decodeIfPresent(String.self, forKey: .loc)
  }

  /// Encodes a node, leaving absent fields out.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(id, forKey: .id)
    try c.encode(op, forKey: .op)
    try c.encode(args, forKey: .args)
    try c.encode(dtype, forKey: .dtype)
    try c.encode(shape, forKey: .shape)
    try c.encodeIfPresent(attrs, forKey: .attrs)
    try c.encodeIfPresent(loc, forKey: .loc)
  }

  /// Nodes are equal when all their fields are.
  public static func == (a: TraceNode, b: TraceNode) -> Bool {
    a.id == b.id && a.op == b.op && a.args == b.args && a.dtype == b.dtype && a.shape == b.shape
      && a.loc == b.loc && a.attrs == b.attrs
  }

  /// Immutable storage for a node's attributes (a new box is made on every change).
  private final class AttrsBox: Sendable {
    let value: TraceAttrs
    init(_ value: TraceAttrs) { self.value = value }
  }
}

/// A named result of the program.
public struct TraceOutput: Codable, Equatable, Sendable {
  /// An identifier, unique among outputs.
  public var name: String
  /// The node whose value is the output.
  public var node: Int

  /// Creates an output binding.
  public init(name: String, node: Int) {
    self.name = name
    self.node = node
  }
}

/// A point where the program read a value back to the host.
public struct TraceReadback: Codable, Equatable, Sendable {
  /// The node that was read.
  public var node: Int
  /// How many nodes had been recorded when the read happened (a segment boundary).
  public var position: Int
  /// `array` (whole array to host), `item` (one element) or `print`.
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
