// Element addresses of loads and stores: from an affine `IndexMap` to OpenCL C index expressions.
//
// Scalar code has the iteration coordinates `i0, i1, ...` (long) of its point in scope. Vector
// code of an elementwise kernel covers the consecutive points `p0 .. p0+W-1` and picks the
// cheapest exact form per access: a map that is affine in the flat point index (`off + s*p`)
// gives one `vloadN`/`vstoreN` when s is 1 and a splat when s is 0; when rows are a multiple of W
// long, every vector lies in one row, so the last axis's stride decides the same way from the
// coordinates `b0, b1, ...` of `p0`; anything else (and every clamped map) gathers lane by lane
// from per-lane coordinate vectors `q0, q1, ...`; a clamped map that would otherwise be one
// `vloadN` (a stencil read) checks per vector whether clamping changed any lane and loads the
// vector whole when it did not.

import DRCPlan

/// How a vector access reaches its W elements.
enum VectorAccess: Equatable {
  /// Every lane reads the same element (scalar index expression, fixed per work-item).
  case uniform(String)
  /// Lanes read consecutive elements starting at the scalar index expression.
  case contiguous(String)
  /// Lane l reads the element given by lane l of this long vector expression.
  case gather(String)
  /// A clamped map that is contiguous from `start` wherever clamping changes nothing: read with
  /// `vloadN` when every lane of `gather` equals `start + l`, else gather.
  case clampedContiguous(start: String, gather: String)
}

/// Index arithmetic over one iteration space.
struct Addressing {
  /// Extents of the iteration axes the maps read.
  let space: [Int]

  /// `c + sum terms`, printed as a long expression without redundant zeros.
  static func affine(_ constant: Int, _ terms: [(Int, String)]) -> String {
    var parts: [String] = []
    for (c, name) in terms where c != 0 {
      parts.append(c == 1 ? name : "\(c)L * \(name)")
    }
    if constant != 0 || parts.isEmpty { parts.insert("\(constant)L", at: 0) }
    return parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " + ") + ")"
  }

  /// The element index of `map` at the point whose coordinates are named `coordinate(k)`.
  func element(_ map: IndexMap, coordinate: (Int) -> String) -> String {
    let live = (0..<map.spaceRank).filter { $0 < space.count && space[$0] > 1 }
    if !map.clamp {
      let (off, strides) = map.linear
      return Addressing.affine(off, live.map { (strides[$0], coordinate($0)) })
    }
    let rowStrides = IndexMap.rowMajorStrides(map.shape)
    var terms: [String] = []
    for j in map.shape.indices {
      let c = Addressing.affine(
        map.offsets[j], live.map { (map.coefficients[j][$0], coordinate($0)) })
      let clamped = "clamp(\(c), 0L, \(max(map.shape[j] - 1, 0))L)"
      terms.append(rowStrides[j] == 1 ? clamped : "\(rowStrides[j])L * \(clamped)")
    }
    return terms.isEmpty ? "0L" : "(" + terms.joined(separator: " + ") + ")"
  }

  /// Whether the map reads one element for every point of the space.
  func isUniform(_ map: IndexMap) -> Bool {
    let live = (0..<map.spaceRank).filter { $0 < space.count && space[$0] > 1 }
    return live.allSatisfy { k in map.coefficients.allSatisfy { $0[k] == 0 } }
  }

  /// The element stride per flat point when `map` is affine in the flat index, else nil.
  func flatStride(_ map: IndexMap) -> Int? {
    if map.clamp { return nil }
    let (_, strides) = map.linear
    let rowMajor = IndexMap.rowMajorStrides(space)
    let live = (0..<map.spaceRank).filter { $0 < space.count && space[$0] > 1 }
    guard let last = live.last else { return 0 }
    let s = strides[last]
    return live.allSatisfy({ strides[$0] == s * rowMajor[$0] }) ? s : nil
  }

  /// The vector form of an access by W consecutive points from `p0`; sets the needs it uses.
  func vector(_ map: IndexMap, width: Int, needsBase: inout Bool, needsLanes: inout Bool)
    -> VectorAccess
  {
    if isUniform(map) {
      return .uniform("\(map.element(at: Array(repeating: 0, count: map.spaceRank)))L")
    }
    let (off, strides) = map.linear
    let lanes = "(long\(width))(" + (0..<width).map(String.init).joined(separator: ", ") + ")"
    if let s = flatStride(map) {
      let start = Addressing.affine(off, [(s, "p0")])
      if s == 1 { return .contiguous(start) }
      return .gather("(\(start) + \(s)L * \(lanes))")
    }
    if !map.clamp, let lastExtent = space.last, lastExtent % width == 0 {
      needsBase = true
      let start = element(map, coordinate: { "b\($0)" })
      let s = strides[space.count - 1]
      if s == 1 { return .contiguous(start) }
      if s == 0 { return .uniform(start) }
      return .gather("(\(start) + \(s)L * \(lanes))")
    }
    needsLanes = true
    var unclamped = map
    unclamped.clamp = false
    if map.clamp, flatStride(unclamped) == 1 {
      let start = Addressing.affine(unclamped.linear.offset, [(1, "p0")])
      return .clampedContiguous(start: start, gather: element(map, coordinate: { "q\($0)" }))
    }
    return .gather(element(map, coordinate: { "q\($0)" }))
  }

  /// Lines defining `name0, name1, ...` (type `type`) as the coordinates of flat index `flat`.
  func coordinates(of flat: String, prefix: String, type: String) -> [String] {
    var lines: [String] = []
    var divisor = 1
    for k in stride(from: space.count - 1, through: 0, by: -1) {
      let n = space[k]
      if n <= 1 {
        lines.append("const \(type) \(prefix)\(k) = 0;")
        continue
      }
      let scaled = divisor == 1 ? flat : "(\(flat) / \(divisor)L)"
      let total = space.reduce(1, *)
      let value = divisor * n >= total ? scaled : "\(scaled) % \(n)L"
      lines.append("const \(type) \(prefix)\(k) = \(value);")
      divisor *= n
    }
    return lines.reversed()
  }
}
