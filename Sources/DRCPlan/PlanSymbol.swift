// One symbolic length in a plan: the sites that depend on it, and instantiation at a new size.
//
// `drc compile a.json b.json` compiles one program recorded at two sizes; every integer of the
// plan that differs between the two is a site `factor * n + offset` (an input's length, a
// buffer's bytes, a kernel's iteration extent, a map's buffer extent, a total such as the bytes a
// run moves, which adds a scalar result's fixed bytes to the arrays' n-proportional ones).
// Instantiating the plan at another `n` rewrites those sites, with overflow-checked arithmetic,
// and nothing else; the result is verified like any plan before it runs, so a size the program
// cannot take is refused, never run out of bounds. Kernels marked `dynamic` read their own
// varying extent (in the instantiated plan) as an argument, so one program serves every size.
//
// Buffer sizes are products of extents (`8 * n * n` for an n x n float64 array), which two
// recordings cannot tell from a line, so they are never sites: after the extents are
// instantiated, each buffer's size is recomputed as the largest array it holds (an input, a
// value a launch writes, an output, a read-back), overflow-checked, and the device-memory total
// as their sum. `DynamicCompilation` checks that this reproduces the memory planner's sizes at
// every recorded size before it accepts the plan.

import DRCIR
import Foundation

/// A symbolic length of a plan.
public struct PlanSymbol: Codable, Hashable, Sendable {
  /// A plan integer that equals `factor * n + offset`.
  public struct Site: Codable, Hashable, Sendable {
    /// JSON path from the plan's root: object keys and array indices.
    public var path: [String]
    /// The multiple of `n` the integer is.
    public var factor: Int
    /// The constant added (nil: 0, so plans of proportional sites keep their form).
    public var offset: Int?
    /// A second symbol the integer is also proportional to (`factor * n * m + offset`; `n` itself
    /// for `n * n`): the element count of a flattened N-D array. Never on an input's axis.
    public var times: String?
    /// Creates a site.
    public init(path: [String], factor: Int, offset: Int = 0, times: String? = nil) {
      self.path = path
      self.factor = factor
      self.offset = offset == 0 ? nil : offset
      self.times = times
    }

    /// `factor * n + offset`, or an error naming the site when it overflows (an affine site).
    public func value(_ n: Int, symbol: String) throws -> Int {
      try value([symbol: n], symbol: symbol)
    }

    /// `factor * n (* m) + offset` with the symbols' values `sizes`, or an error naming the site
    /// when it overflows or a symbol has no value.
    public func value(_ sizes: [String: Int], symbol: String) throws -> Int {
      let where_ = "\(symbol) = \(sizes[symbol] ?? 0) at \(path.joined(separator: "/"))"
      guard let n = sizes[symbol], let m = times.map({ sizes[$0] }) ?? 1 else {
        throw PlanError("no value for a symbol at \(path.joined(separator: "/"))")
      }
      let base = try Checked.multiply(n, m, where_)
      return try Checked.add(try Checked.multiply(factor, base, where_), offset ?? 0, where_)
    }

    /// The relation as text: `n`, `2n`, `n + 2`, `n - 1`, `n*m`, `2n*n - 1`.
    public func relation(_ symbol: String) -> String {
      let product = times.map { "\(symbol)*\($0)" } ?? symbol
      let base = factor == 1 ? product : "\(factor)\(product)"
      let c = offset ?? 0
      return c == 0 ? base : c > 0 ? "\(base) + \(c)" : "\(base) - \(c.magnitude)"
    }
  }
  /// The symbol's name in generated code and messages.
  public var name: String
  /// Its values in the recordings the plan was compiled from (the plan is instantiated at the first).
  public var recorded: [Int]
  /// Every site that scales with it.
  public var sites: [Site]
  /// Whether its value is a call argument: the program's sizes came from a parameter of the
  /// program (an integer it was run with), not from an input's shape, so no input gives it.
  public var given: Bool?

  /// Creates a symbol.
  public init(name: String, recorded: [Int], sites: [Site], given: Bool? = nil) {
    self.name = name
    self.recorded = recorded
    self.sites = sites
    self.given = given
  }

  /// The (input, axis) pairs whose extent is exactly `n`.
  public var inputAxes: [(input: Int, axis: Int)] {
    inputRelations.filter { $0.site.factor == 1 && ($0.site.offset ?? 0) == 0 }.map {
      ($0.input, $0.axis)
    }
  }

  /// Every input axis whose extent depends on `n`, with its relation (`n`, `n + 2`, `2n`).
  public var inputRelations: [(input: Int, axis: Int, site: Site)] {
    sites.compactMap { site in
      guard site.times == nil, site.path.count == 4, site.path[0] == "inputs",
        site.path[2] == "shape",
        let i = Int(site.path[1]), let a = Int(site.path[3])
      else { return nil }
      return (i, a, site)
    }
  }
}

extension Plan {
  /// This plan with its (one) symbol set to `n` (verified), or the plan itself when it has none.
  public func instantiated(_ n: Int) throws -> Plan {
    guard !symbols.isEmpty else { return self }
    return try instantiated([n])
  }

  /// This plan with symbol i set to `values[i]` (verified); the plan itself at the values it
  /// was compiled at or when it has no symbol.
  public func instantiated(_ values: [Int]) throws -> Plan {
    guard !symbols.isEmpty, values != symbols.map({ $0.recorded.first ?? 0 }) else { return self }
    guard values.count == symbols.count else {
      throw PlanError("\(values.count) values for \(symbols.count) symbols")
    }
    let data = try jsonData()
    guard var root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw PlanError("plan is not an object")
    }
    let sizes = Dictionary(
      zip(symbols.map(\.name), values), uniquingKeysWith: { first, _ in first })
    for (symbol, n) in zip(symbols, values) {
      guard n >= 1, n <= 1 << 40 else { throw PlanError("\(symbol.name) = \(n) is out of range") }
      for site in symbol.sites {
        let value: Int
        do { value = try site.value(sizes, symbol: symbol.name) } catch {
          throw PlanError("\(symbol.name) = \(n) overflows a size (\(error))")
        }
        guard value >= 0 else {
          throw PlanError(
            "\(symbol.name) = \(n) is too small: \(site.path.joined(separator: "/")) = \(site.relation(symbol.name)) would be \(value)"
          )
        }
        root = try PlanSymbol.set(root, site.path[...], value) as? [String: Any] ?? root
      }
    }
    var plan = try Plan.read(try JSONSerialization.data(withJSONObject: root))
    try plan.deriveBufferSizes()
    for (i, param) in plan.params.enumerated() {
      guard let formula = param.derived else { continue }
      plan.params[i].recorded = try formula.scalar(sizes, as: param.dtype).description
    }
    // The symbols' own checks hold at the recorded lengths (the template was verified with
    // them); the instantiated plan is verified as the fixed-size plan it now is.
    plan.symbols = []
    try PlanVerifier.check(plan)
    plan.symbols = symbols
    return plan
  }
}

extension Plan {
  /// The scalar parameters in plan order: given values converted to the declared dtype, the
  /// recorded value for each one not given.
  public func parameterValues(_ given: [String: Scalar]) throws -> [Scalar] {
    try params.map { p in
      if p.derived != nil, given[p.name] != nil {
        throw PlanError(
          "parameter '\(p.name)' is computed from the sizes (\(p.derived?.text ?? "")); do not pass it"
        )
      }
      if let v = given[p.name] { return v.converted(to: p.dtype) }
      guard let v = Scalar.parse(p.recorded, as: p.dtype) else {
        throw PlanError("no value for parameter '\(p.name)'")
      }
      return v
    }
  }
}

extension PlanSymbol {
  /// `tree` with the integer at `path` replaced by `value`.
  static func set(_ tree: Any, _ path: ArraySlice<String>, _ value: Int) throws -> Any {
    guard let key = path.first else { return value }
    if var object = tree as? [String: Any], let child = object[key] {
      object[key] = try set(child, path.dropFirst(), value)
      return object
    }
    if var array = tree as? [Any], let index = Int(key), index >= 0, index < array.count {
      array[index] = try set(array[index], path.dropFirst(), value)
      return array
    }
    throw PlanError("symbol site \(path.joined(separator: "/")) is not in the plan")
  }
}

extension Plan {
  /// Every buffer's bytes recomputed from the largest array it holds (buffers holding none
  /// keep theirs), and `stats.peakBytes` as their sum; overflow-checked.
  public mutating func deriveBufferSizes() throws {
    var largest = [Int?](repeating: nil, count: buffers.count)
    func hold(_ buffer: Int?, _ shape: [Int]?, _ dtype: DType?, _ what: String) throws {
      guard let buffer, let shape, let dtype, buffer >= 0, buffer < buffers.count else { return }
      let bytes = try Checked.bytes(shape, dtype, what)
      largest[buffer] = max(largest[buffer] ?? 0, bytes)
    }
    for input in inputs { try hold(input.buffer, input.shape, input.dtype, "input \(input.name)") }
    for value in values { try hold(value.buffer, value.shape, value.dtype, "value n\(value.node)") }
    for output in outputs {
      try hold(output.buffer, output.shape, output.dtype, "output \(output.name)")
    }
    for (s, step) in steps.enumerated() where step.kind == .readback {
      try hold(step.buffer, step.shape, step.dtype, "read-back step \(s)")
    }
    var total = 0
    for b in buffers.indices {
      if let bytes = largest[b] { buffers[b].bytes = bytes }
      total = try Checked.add(total, buffers[b].bytes, "the total size of the buffers")
    }
    stats.peakBytes = total
  }
}
