// Op attributes of a trace node, and the per-axis slice record used by `slice` and `update`.
//
// Every attribute of every op lives in one struct of optionals; which ones an op needs is decided
// by the IR lowering. Decoding is strict: an unknown attribute key is an error, so a misspelt
// attribute can never be silently ignored.

/// Attributes of a node; each op reads the few it needs.
public struct TraceAttrs: Codable, Equatable, Sendable {
  /// The input or param name for `input` and `param` nodes.
  public var name: String?
  /// An exactly printed scalar: the fill value of `full`.
  public var value: String?
  /// The exactly printed first value of `arange`.
  public var start: String?
  /// The exactly printed increment of `arange`.
  public var step: String?
  /// Axes for reductions, `expand_dims` and `squeeze`.
  public var axes: [Int]?
  /// Whether reduced axes are kept with length 1.
  public var keepdims: Bool?
  /// The permutation of `transpose`.
  public var perm: [Int]?
  /// The axis of `iota` and `concatenate`.
  public var axis: Int?
  /// Per-axis ranges of `slice` and `update`.
  public var slice: [TraceSlice]?

  /// Creates attributes; every field defaults to absent.
  public init(
    name: String? = nil, value: String? = nil, start: String? = nil, step: String? = nil,
    axes: [Int]? = nil, keepdims: Bool? = nil, perm: [Int]? = nil, axis: Int? = nil,
    slice: [TraceSlice]? = nil
  ) {
    self.name = name
    self.value = value
    self.start = start
    self.step = step
    self.axes = axes
    self.keepdims = keepdims
    self.perm = perm
    self.axis = axis
    self.slice = slice
  }

  /// Whether every attribute is absent (such attributes are not written).
  public var isEmpty: Bool {
    name == nil && value == nil && start == nil && step == nil && axes == nil && keepdims == nil
      && perm == nil && axis == nil && slice == nil
  }

  private enum CodingKeys: String, CodingKey, CaseIterable {
    case name, value, start, step, axes, keepdims, perm, axis, slice
  }

  /// Decodes attributes, rejecting keys this version does not define.
  public init(from decoder: any Decoder) throws {
    let any = try decoder.container(keyedBy: AnyKey.self)
    for key in any.allKeys where CodingKeys(rawValue: key.stringValue) == nil {
      throw DecodingError.dataCorruptedError(
        forKey: key, in: any, debugDescription: "unknown attribute '\(key.stringValue)'")
    }
    let c = try decoder.container(keyedBy: CodingKeys.self)
    name = try c.decodeIfPresent(String.self, forKey: .name)
    value = try c.decodeIfPresent(String.self, forKey: .value)
    start = try c.decodeIfPresent(String.self, forKey: .start)
    step = try c.decodeIfPresent(String.self, forKey: .step)
    axes = try c.decodeIfPresent([Int].self, forKey: .axes)
    keepdims = try c.decodeIfPresent(Bool.self, forKey: .keepdims)
    perm = try c.decodeIfPresent([Int].self, forKey: .perm)
    axis = try c.decodeIfPresent(Int.self, forKey: .axis)
    slice = try c.decodeIfPresent([TraceSlice].self, forKey: .slice)
  }
}

/// One axis of a slice in normalised form: indices `start, start+step, ...` while before `stop`.
///
/// `start` is in `0..<dim` when the range is non-empty; `stop` is exclusive in the direction of
/// `step` and may be `-1` for a negative step that runs to index 0; `step` is never 0.
public struct TraceSlice: Codable, Equatable, Sendable {
  /// The first index.
  public var start: Int
  /// The exclusive bound, in the direction of `step`.
  public var stop: Int
  /// The increment, non-zero, possibly negative.
  public var step: Int

  /// Creates a slice range.
  public init(start: Int, stop: Int, step: Int) {
    self.start = start
    self.stop = stop
    self.step = step
  }
}

/// A coding key that accepts any string, used to find unknown keys.
struct AnyKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}
