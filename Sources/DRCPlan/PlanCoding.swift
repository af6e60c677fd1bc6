// JSON encoding of plans: versioned, deterministic, exact.
//
// Keys are written sorted, so equal plans are equal bytes. Body values are flat objects
// (`{"op": "binary", "fn": "add", "args": [3, 4], "dtype": "float32"}`), constants are exact text
// (hex floats). Reading checks the format tag and version and every op name, so a plan written
// by another drc version is refused with a message rather than misread.

import DRCIR
import Foundation

/// A plan file that cannot be read.
public struct PlanError: Error, CustomStringConvertible, Equatable {
  /// What is wrong.
  public var message: String
  /// Creates an error.
  public init(_ message: String) { self.message = message }
  /// The message.
  public var description: String { message }
}

extension ScatterSources: Codable {
  private enum Keys: String, CodingKey {
    case indices
    case indexMap = "index_map"
    case values
    case valueMap = "value_map"
    case count
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    self.init(
      indices: try c.decode(Int.self, forKey: .indices),
      indexMap: try c.decode(IndexMap.self, forKey: .indexMap),
      values: try c.decode(Int.self, forKey: .values),
      valueMap: try c.decode(IndexMap.self, forKey: .valueMap),
      count: try c.decode(Int.self, forKey: .count))
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: Keys.self)
    try c.encode(indices, forKey: .indices)
    try c.encode(indexMap, forKey: .indexMap)
    try c.encode(values, forKey: .values)
    try c.encode(valueMap, forKey: .valueMap)
    try c.encode(count, forKey: .count)
  }
}

extension KernelValue: Codable {
  private enum Keys: String, CodingKey {
    case op, fn, args, arg, map, value, coefficients, offset, lo, hi, dtype, inner, node, extent
    case sources, rows
  }

  /// Decodes a body value.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    dtype = try c.decode(DType.self, forKey: .dtype)
    inner = try c.decodeIfPresent(Bool.self, forKey: .inner) ?? false
    node = try c.decodeIfPresent(Int.self, forKey: .node)
    let args = try c.decodeIfPresent([Int].self, forKey: .args) ?? []
    func arg(_ i: Int) throws -> Int {
      guard i < args.count else { throw PlanError("body value needs \(i + 1) operands") }
      return args[i]
    }
    func fn<T: RawRepresentable<String>>(_: T.Type) throws -> T {
      let name = try c.decode(String.self, forKey: .fn)
      guard let f = T(rawValue: name) else { throw PlanError("unknown function '\(name)'") }
      return f
    }
    switch try c.decode(String.self, forKey: .op) {
    case "load":
      op = .load(
        arg: try c.decode(Int.self, forKey: .arg), map: try c.decode(IndexMap.self, forKey: .map))
    case "gather":
      op = .gather(
        arg: try c.decode(Int.self, forKey: .arg), map: try c.decode(IndexMap.self, forKey: .map),
        index: try arg(0), extent: try c.decode(Int.self, forKey: .extent))
    case "sort_line":
      op = .sortLine(
        try fn(SortOp.self), arg: try c.decode(Int.self, forKey: .arg),
        map: try c.decode(IndexMap.self, forKey: .map))
    case "scatter_line":
      op = .scatterLine(
        try fn(ScatterOp.self), arg: try c.decode(Int.self, forKey: .arg),
        map: try c.decode(IndexMap.self, forKey: .map),
        sources: try c.decode(ScatterSources.self, forKey: .sources))
    case "solve_line":
      op = .solveLine(
        try fn(MatrixOp.self), rows: try c.decode(Int.self, forKey: .rows),
        arg: try c.decode(Int.self, forKey: .arg),
        map: try c.decode(IndexMap.self, forKey: .map))
    case "param": op = .param(arg: try c.decode(Int.self, forKey: .arg))
    case "constant":
      let text = try c.decode(String.self, forKey: .value)
      guard let s = Scalar.parse(text, as: dtype) else {
        throw PlanError("bad \(dtype) constant '\(text)'")
      }
      op = .constant(s)
    case "index":
      op = .index(
        coefficients: try c.decode([Int].self, forKey: .coefficients),
        offset: try c.decode(Int.self, forKey: .offset))
    case "in_range":
      op = .inRange(
        coefficients: try c.decode([Int].self, forKey: .coefficients),
        offset: try c.decode(Int.self, forKey: .offset),
        lo: try c.decode(Int.self, forKey: .lo), hi: try c.decode(Int.self, forKey: .hi))
    case "unary": op = .unary(try fn(UnaryOp.self), try arg(0))
    case "binary": op = .binary(try fn(BinaryOp.self), try arg(0), try arg(1))
    case "select": op = .select(try arg(0), try arg(1), try arg(2))
    case "cast": op = .cast(try arg(0))
    case "accumulate": op = .accumulate(try fn(ReduceOp.self), try arg(0))
    case "scan": op = .scan(try fn(ScanOp.self), try arg(0))
    case let other: throw PlanError("unknown body op '\(other)'")
    }
  }

  /// Encodes a body value.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: Keys.self)
    try c.encode(dtype, forKey: .dtype)
    if inner { try c.encode(true, forKey: .inner) }
    try c.encodeIfPresent(node, forKey: .node)
    if !op.operands.isEmpty { try c.encode(op.operands, forKey: .args) }
    switch op {
    case .load(let a, let map):
      try c.encode("load", forKey: .op)
      try c.encode(a, forKey: .arg)
      try c.encode(map, forKey: .map)
    case .gather(let a, let map, _, let extent):
      try c.encode("gather", forKey: .op)
      try c.encode(a, forKey: .arg)
      try c.encode(map, forKey: .map)
      try c.encode(extent, forKey: .extent)
    case .scatterLine(let f, let a, let map, let sources):
      try c.encode("scatter_line", forKey: .op)
      try c.encode(f.rawValue, forKey: .fn)
      try c.encode(a, forKey: .arg)
      try c.encode(map, forKey: .map)
      try c.encode(sources, forKey: .sources)
    case .sortLine(let f, let a, let map):
      try c.encode("sort_line", forKey: .op)
      try c.encode(f.rawValue, forKey: .fn)
      try c.encode(a, forKey: .arg)
      try c.encode(map, forKey: .map)
    case .solveLine(let f, let rows, let a, let map):
      try c.encode("solve_line", forKey: .op)
      try c.encode(f.rawValue, forKey: .fn)
      try c.encode(rows, forKey: .rows)
      try c.encode(a, forKey: .arg)
      try c.encode(map, forKey: .map)
    case .param(let a):
      try c.encode("param", forKey: .op)
      try c.encode(a, forKey: .arg)
    case .constant(let s):
      try c.encode("constant", forKey: .op)
      try c.encode(s.description, forKey: .value)
    case .index(let coefficients, let offset):
      try c.encode("index", forKey: .op)
      try c.encode(coefficients, forKey: .coefficients)
      try c.encode(offset, forKey: .offset)
    case .inRange(let coefficients, let offset, let lo, let hi):
      try c.encode("in_range", forKey: .op)
      try c.encode(coefficients, forKey: .coefficients)
      try c.encode(offset, forKey: .offset)
      try c.encode(lo, forKey: .lo)
      try c.encode(hi, forKey: .hi)
    case .unary(let f, _):
      try c.encode("unary", forKey: .op)
      try c.encode(f.rawValue, forKey: .fn)
    case .binary(let f, _, _):
      try c.encode("binary", forKey: .op)
      try c.encode(f.rawValue, forKey: .fn)
    case .select: try c.encode("select", forKey: .op)
    case .cast: try c.encode("cast", forKey: .op)
    case .accumulate(let f, _):
      try c.encode("accumulate", forKey: .op)
      try c.encode(f.rawValue, forKey: .fn)
    case .scan(let f, _):
      try c.encode("scan", forKey: .op)
      try c.encode(f.rawValue, forKey: .fn)
    }
  }
}

extension Plan: Codable {
  private enum Keys: String, CodingKey {
    case format, version, producer, program
    case traceSHA256 = "trace_sha256"
    case inputs, params, outputs
    case buffers, kernels, steps, values, stats, symbol, symbols, checks
  }

  /// Decodes a plan, refusing other formats and versions.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    let format = try c.decode(String.self, forKey: .format)
    guard format == PlanFormat.tag else { throw PlanError("not a drc plan (format '\(format)')") }
    let version = try c.decode(Int.self, forKey: .version)
    guard version == PlanFormat.version else {
      throw PlanError(
        "plan format version \(version) is not supported (this drc reads \(PlanFormat.version))")
    }
    program = try c.decode(String.self, forKey: .program)
    traceSHA256 = try c.decodeIfPresent(String.self, forKey: .traceSHA256)
    inputs = try c.decode([PlanInput].self, forKey: .inputs)
    params = try c.decode([PlanParam].self, forKey: .params)
    outputs = try c.decode([PlanOutput].self, forKey: .outputs)
    buffers = try c.decode([PlanBuffer].self, forKey: .buffers)
    kernels = try c.decode([Kernel].self, forKey: .kernels)
    steps = try c.decode([PlanStep].self, forKey: .steps)
    values = try c.decode([PlanValue].self, forKey: .values)
    stats = try c.decode(PlanStats.self, forKey: .stats)
    // One symbol is written as `symbol` (the form plans had before there could be several).
    symbols =
      try c.decodeIfPresent([PlanSymbol].self, forKey: .symbols)
      ?? c.decodeIfPresent(PlanSymbol.self, forKey: .symbol).map { [$0] } ?? []
    checks = try c.decodeIfPresent([PlanCheck].self, forKey: .checks) ?? []
  }

  /// Encodes a plan with its format tag and version.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: Keys.self)
    try c.encode(PlanFormat.tag, forKey: .format)
    try c.encode(PlanFormat.version, forKey: .version)
    try c.encode(program, forKey: .program)
    try c.encodeIfPresent(traceSHA256, forKey: .traceSHA256)
    try c.encode(inputs, forKey: .inputs)
    try c.encode(params, forKey: .params)
    try c.encode(outputs, forKey: .outputs)
    try c.encode(buffers, forKey: .buffers)
    try c.encode(kernels, forKey: .kernels)
    try c.encode(steps, forKey: .steps)
    try c.encode(values, forKey: .values)
    try c.encode(stats, forKey: .stats)
    if symbols.count == 1 {
      try c.encode(symbols[0], forKey: .symbol)
    } else if !symbols.isEmpty {
      try c.encode(symbols, forKey: .symbols)
    }
    if !checks.isEmpty { try c.encode(checks, forKey: .checks) }
  }

  /// The plan as deterministic JSON text.
  public func jsonData() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    var data = try encoder.encode(self)
    data.append(0x0A)
    return data
  }

  /// Reads a plan from JSON.
  public static func read(_ data: Data) throws -> Plan {
    do {
      return try JSONDecoder().decode(Plan.self, from: data)
    } catch let error as PlanError {
      throw error
    } catch {
      throw PlanError("malformed plan: \(error)")
    }
  }
}
