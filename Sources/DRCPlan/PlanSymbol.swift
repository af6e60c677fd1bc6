// One symbolic length in a plan: the sites that scale with it, and instantiation at a new size.
//
// `drc compile a.json b.json` compiles one program recorded at two sizes; every integer of the
// plan that differs between the two is a site `factor * n` (an input's length, a buffer's bytes,
// a kernel's iteration extent, a map's buffer extent, a total). Instantiating the plan at another
// `n` rewrites those sites and nothing else; the result is verified like any plan before it
// runs, so a size the program cannot take is refused, never run out of bounds. Kernels marked
// `dynamic` read `n` as an argument, so one program serves every size.

import DRCIR
import Foundation

/// A symbolic length of a plan.
public struct PlanSymbol: Codable, Hashable, Sendable {
  /// A plan integer that equals `factor * n`.
  public struct Site: Codable, Hashable, Sendable {
    /// JSON path from the plan's root: object keys and array indices.
    public var path: [String]
    /// The multiple of `n` the integer is.
    public var factor: Int
    /// Creates a site.
    public init(path: [String], factor: Int) {
      self.path = path
      self.factor = factor
    }
  }
  /// The symbol's name in generated code and messages.
  public var name: String
  /// Its values in the recordings the plan was compiled from (the plan is instantiated at the first).
  public var recorded: [Int]
  /// Every site that scales with it.
  public var sites: [Site]

  /// Creates a symbol.
  public init(name: String, recorded: [Int], sites: [Site]) {
    self.name = name
    self.recorded = recorded
    self.sites = sites
  }

  /// The (input, axis) pairs whose extent is `n`.
  public var inputAxes: [(input: Int, axis: Int)] {
    sites.compactMap { site in
      guard site.path.count == 4, site.path[0] == "inputs", site.path[2] == "shape",
        site.factor == 1,
        let i = Int(site.path[1]), let a = Int(site.path[3])
      else { return nil }
      return (i, a)
    }
  }
}

extension Plan {
  /// This plan with its symbol set to `n` (verified), or the plan itself when it has no symbol.
  public func instantiated(_ n: Int) throws -> Plan {
    guard let symbol, n != symbol.recorded.first else { return self }
    guard n >= 1, n <= 1 << 40 else { throw PlanError("\(symbol.name) = \(n) is out of range") }
    let data = try jsonData()
    guard var root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw PlanError("plan is not an object")
    }
    for site in symbol.sites {
      let (value, overflow) = site.factor.multipliedReportingOverflow(by: n)
      if overflow { throw PlanError("\(symbol.name) = \(n) overflows a size") }
      root = try PlanSymbol.set(root, site.path[...], value) as? [String: Any] ?? root
    }
    var plan = try Plan.read(try JSONSerialization.data(withJSONObject: root))
    plan.symbol = symbol
    try PlanVerifier.check(plan)
    return plan
  }
}

extension Plan {
  /// The scalar parameters in plan order: given values converted to the declared dtype, the
  /// recorded value for each one not given.
  public func parameterValues(_ given: [String: Scalar]) throws -> [Scalar] {
    try params.map { p in
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
