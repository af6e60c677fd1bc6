// Element addresses of loads and stores: from an affine `IndexMap` to OpenCL C index expressions.
//
// Scalar code has the iteration coordinates `i0, i1, ...` (long) of its point in scope. Vector
// code of an elementwise kernel covers the consecutive points `p0 .. p0+W-1` and picks the
// cheapest exact form per access: a map that is affine in the flat point index (`off + s*p`)
// gives one `vloadN`/`vstoreN` when s is 1 and a splat when s is 0; when rows are a multiple of W
// long, every vector lies in one row, so the last axis's stride decides the same way from the
// coordinates `b0, b1, ...` of `p0`, and when they are not, a vector that lies in one row still
// reads with one `vloadN`, or one element for a map constant along the row (a scalar test on `b`,
// else a gather); anything else gathers lane by lane
// from per-lane coordinate vectors `q0, q1, ...`; a clamped map that would otherwise be one
// `vloadN` (a stencil read) checks per vector, with scalar arithmetic on `p0`'s coordinates,
// whether clamping would change any lane: when not (the interior), one `vloadN`; at the edges,
// a gather. The branch is uniform per work-item, never per element.

import DRCPlan

/// How a vector access reaches its W elements.
enum VectorAccess: Equatable {
  /// Every lane reads the same element (scalar index expression, fixed per work-item).
  case uniform(String)
  /// Lanes read consecutive elements starting at the scalar index expression.
  case contiguous(String)
  /// Lane l reads the element given by lane l of this long vector expression.
  case gather(String)
  /// Lane l reads the element given by the l-th scalar index expression (lanes whose
  /// coordinates are plain offsets of `p0`'s, which compilers see through, unlike vector lanes).
  case lanes([String])
  /// A map that is contiguous from `start` wherever the W lanes lie in one row (and, clamped,
  /// where clamping changes nothing): read with `vloadN` when the scalar condition `whole` holds,
  /// else gather.
  case clampedContiguous(start: String, gather: String, whole: String)
  /// A map that does not move along the last axis (a value broadcast along rows): every lane
  /// reads the element at `start` wherever the W lanes lie in one row (the scalar condition
  /// `whole`), else gather.
  case rowUniform(start: String, gather: String, whole: String)
}

/// Index arithmetic over one iteration space.
struct Addressing {
  /// Extents of the iteration axes the maps read.
  let space: [Int]
  /// Lane mode of a reduction: vector lanes are consecutive points of the first `laneAxes` axes
  /// (the outer space) and the remaining axes are scalar loop coordinates `i...`; nil for
  /// elementwise code, whose lanes are consecutive points of the whole space.
  var laneAxes: Int? = nil
  /// Whether the first point `p0` of every vector is a multiple of W (elementwise kernels). A
  /// partial reduction's block starts anywhere, so its W points may cross a row even when the
  /// row length is a multiple of W.
  var alignedStart = true

  /// The first lines of a line kernel's work-item: its id, the bound test, its coordinates
  /// `i0...` over `outer`, and `const long name = base;` for each of `bases`.
  static func lineWorkItem(outer: [Int], bases: [(name: String, base: String)]) -> [String] {
    ["const long gid = (long)get_global_id(0);", "if (gid >= \(outer.reduce(1, *))L) return;"]
      + Addressing(space: outer).coordinates(of: "gid", prefix: "i", type: "long")
      + bases.map { "const long \($0.name) = \($0.base);" }
  }

  /// The first element of a line and the flat stride along it, for a map over `outer` plus one
  /// line axis, in the coordinates `i0...` of the outer point (line kernels: sorts, scatters,
  /// solves).
  static func lineStart(_ map: IndexMap, outer: [Int]) -> (base: String, stride: Int) {
    let rank = outer.count
    let (offset, strides) = map.linear
    let terms = (0..<rank).filter { outer[$0] > 1 }.map { (strides[$0], "i\($0)") }
    return (affine(offset, terms), strides.count > rank ? strides[rank] : 0)
  }

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

  /// Whether the map reads one element for every point of the space (of the lanes, in lane
  /// mode).
  func isUniform(_ map: IndexMap) -> Bool {
    let live = (0..<map.spaceRank).filter {
      $0 < space.count && space[$0] > 1 && $0 < (laneAxes ?? space.count)
    }
    return live.allSatisfy { k in map.coefficients.allSatisfy { $0[k] == 0 } }
  }

  /// Whether every work-item's contiguous vector access of `map` starts a whole number of
  /// W-element vectors from the buffer's start: elementwise code (its `p0` is a multiple of W)
  /// over a flat map with unit stride and an offset that is a multiple of W. Buffers start
  /// aligned to `CL_DEVICE_MEM_BASE_ADDR_ALIGN` (at least 64 bytes), so such an access may go
  /// through a pointer to the vector type.
  func startsAligned(_ map: IndexMap, width: Int) -> Bool {
    guard laneAxes == nil, alignedStart, [2, 4, 8, 16].contains(width), flatStride(map) == 1
    else { return false }
    let off = map.linear.offset
    return off >= 0 && off % width == 0
  }

  /// The element stride per flat point when `map` is affine in the flat index, else nil.
  func flatStride(_ map: IndexMap) -> Int? {
    if map.clamp { return nil }
    let (_, strides) = map.linear
    let rowMajor = IndexMap.rowMajorStrides(space)
    let live = (0..<map.spaceRank).filter { $0 < space.count && space[$0] > 1 }
    guard let last = live.last else { return 0 }
    let s = strides[last]
    // The product is not bounded by the plan verifier (a huge transposed array overflows it).
    return live.allSatisfy({
      let (product, overflow) = s.multipliedReportingOverflow(by: rowMajor[$0])
      return !overflow && strides[$0] == product
    }) ? s : nil
  }

  /// The vector form of an access by W consecutive points from `p0`; sets the needs it uses.
  func vector(_ map: IndexMap, width: Int, needsBase: inout Bool, needsLanes: inout Bool)
    -> VectorAccess
  {
    if let axes = laneAxes {
      return laneVector(
        map, width: width, axes: axes, needsBase: &needsBase, needsLanes: &needsLanes)
    }
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
    if alignedStart, !map.clamp, let lastExtent = space.last, lastExtent % width == 0 {
      needsBase = true
      let start = element(map, coordinate: { "b\($0)" })
      let s = strides[space.count - 1]
      if s == 1 { return .contiguous(start) }
      if s == 0 { return .uniform(start) }
      return .gather("(\(start) + \(s)L * \(lanes))")
    }
    needsLanes = true
    if !map.clamp, [0, 1].contains(strides[space.count - 1]), let last = space.last,
      last >= width, space.count > 1
    {
      // Rows not a multiple of W: most vectors still lie in one row and read consecutively, or
      // (a value broadcast along the row, softmax's row maximum over 1000 classes) one element.
      needsBase = true
      let start = element(map, coordinate: { "b\($0)" })
      let gather = element(map, coordinate: { "q\($0)" })
      let whole = "b\(space.count - 1) + \(width)L <= \(last)L"
      if strides[space.count - 1] == 0 {
        return .rowUniform(start: start, gather: gather, whole: whole)
      }
      return .clampedContiguous(start: start, gather: gather, whole: whole)
    }
    var unclamped = map
    unclamped.clamp = false
    if map.clamp, flatStride(unclamped) == 1, let whole = unclampedCondition(map, width: width) {
      needsBase = true
      let start = Addressing.affine(unclamped.linear.offset, [(1, "p0")])
      return .clampedContiguous(
        start: start, gather: element(map, coordinate: { "q\($0)" }), whole: whole)
    }
    return .gather(element(map, coordinate: { "q\($0)" }))
  }

  /// The vector form of an access in lane mode: uniform when no lane axis moves the map (its
  /// index then uses the loop coordinates), one `vloadN` when the lanes read consecutive
  /// elements (stride 1 along the last lane axis, within one row), else a gather.
  private func laneVector(
    _ map: IndexMap, width: Int, axes: Int, needsBase: inout Bool, needsLanes: inout Bool
  ) -> VectorAccess {
    let lanes = Array(space.prefix(axes))
    func coordinate(_ prefix: String) -> (Int) -> String {
      { $0 < axes ? "\(prefix)\($0)" : "i\($0)" }
    }
    if isUniform(map) { return .uniform(element(map, coordinate: { "i\($0)" })) }
    let live = (0..<axes).filter { lanes[$0] > 1 }
    if live.count == 1, let axis = live.first,
      map.clamp || map.linear.strides[axis] != 1 || axis != axes - 1
    {
      // One lane axis: lane l is point b + l along it, with no wrap; scalar indices per lane.
      needsBase = true
      return .lanes(
        (0..<width).map { l in
          element(
            map, coordinate: { $0 == axis ? "(b\($0) + \(l)L)" : $0 < axes ? "b\($0)" : "i\($0)" })
        })
    }
    let gather = element(map, coordinate: coordinate("q"))
    if !map.clamp, let last = live.last, last == axes - 1, map.linear.strides[last] == 0 {
      // A value that does not move along the last lane axis (a matrix product's left operand,
      // A[i, k] for the lanes j..j+W-1 of row i): one element per vector where the W lanes lie
      // in one row, which every vector does when W divides the row (p0 is a multiple of W).
      needsBase = true
      let start = element(map, coordinate: coordinate("b"))
      if lanes[last] % width == 0 { return .uniform(start) }
      needsLanes = true
      if lanes[last] >= width {
        return .rowUniform(
          start: start, gather: gather, whole: "b\(last) + \(width)L <= \(lanes[last])L")
      }
      return .gather(gather)
    }
    guard !map.clamp, let last = live.last, last == axes - 1, map.linear.strides[last] == 1 else {
      needsLanes = true
      return .gather(gather)
    }
    needsBase = true
    let start = element(map, coordinate: coordinate("b"))
    if live.count == 1 || lanes[last] % width == 0 { return .contiguous(start) }
    needsLanes = true
    if lanes[last] >= width {
      return .clampedContiguous(
        start: start, gather: gather, whole: "b\(last) + \(width)L <= \(lanes[last])L")
    }
    return .gather(gather)
  }

  /// The scalar condition, over the coordinates `b0, b1, ...` of `p0`, under which the W lanes of
  /// a clamped map lie in one row of the space and every unclamped coordinate is in range, so
  /// clamping changes nothing and the lanes read consecutive elements. The coordinates are affine
  /// in the lane, so checking the first and last lane suffices. Nil when no vector can qualify.
  func unclampedCondition(_ map: IndexMap, width: Int) -> String? {
    let live = (0..<map.spaceRank).filter { $0 < space.count && space[$0] > 1 }
    guard let last = space.indices.last else { return nil }
    var conditions: [String] = []
    if space.count > 1 {
      guard space[last] >= width else { return nil }
      conditions.append("b\(last) + \(width)L <= \(space[last])L")
    }
    for j in map.shape.indices {
      let terms = live.map { (map.coefficients[j][$0], "b\($0)") }.filter { $0.0 != 0 }
      let step = live.contains(last) ? map.coefficients[j][last] : 0
      let low = map.offsets[j] + min(step, 0) * (width - 1)
      let high = map.offsets[j] + max(step, 0) * (width - 1)
      let top = map.shape[j] - 1
      if terms.isEmpty {
        if low < 0 || high > top { return nil }
        continue
      }
      conditions.append("\(Addressing.affine(low, terms)) >= 0L")
      conditions.append("\(Addressing.affine(high, terms)) <= \(top)L")
    }
    return conditions.isEmpty ? "1" : conditions.joined(separator: " && ")
  }

  /// Lines defining what vector code over the W points from `p0` uses: the coordinates
  /// `b0, b1, ...` of `p0` (`needsBase`) and the per-lane coordinates `q0, q1, ...`
  /// (`needsLanes`, long vectors). Lane coordinates come from `p0`'s by adding the lane to the
  /// last axis and carrying into earlier axes, with no per-lane division; this is exact when the
  /// last axis is at least W long (a lane then wraps at most once). Otherwise each lane's flat
  /// index is divided out.
  func vectorCoordinates(width: Int, needsBase: Bool, needsLanes: Bool) -> [String] {
    if let axes = laneAxes {
      return Addressing(space: Array(space.prefix(axes))).vectorCoordinates(
        width: width, needsBase: needsBase, needsLanes: needsLanes)
    }
    let lanes = "(long\(width))(" + (0..<width).map(String.init).joined(separator: ", ") + ")"
    guard needsLanes else {
      return needsBase ? coordinates(of: "p0", prefix: "b", type: "long") : []
    }
    guard let last = space.last, last >= width else {
      return (needsBase ? coordinates(of: "p0", prefix: "b", type: "long") : [])
        + ["const long\(width) q = p0 + \(lanes);"]
        + coordinates(of: "q", prefix: "q", type: "long\(width)")
    }
    var lines = coordinates(of: "p0", prefix: "b", type: "long")
    var carry: String? = nil
    let firstLive = space.firstIndex { $0 > 1 }
    for k in stride(from: space.count - 1, through: 0, by: -1) {
      let n = space[k]
      let sum = k == space.count - 1 ? "b\(k) + \(lanes)" : "b\(k) + \(carry ?? "0L")"
      if n <= 1 {
        lines.append("const long\(width) q\(k) = 0;")
        continue
      }
      if k == firstLive {
        // The first axis that moves never overflows: every lane's point exists (and its extent,
        // which may be a symbolic length, does not appear).
        lines.append("const long\(width) q\(k) = \(sum);")
        continue
      }
      lines.append("const long\(width) r\(k) = \(sum);")
      lines.append("const long\(width) c\(k) = -(r\(k) >= \(n)L);")
      lines.append("const long\(width) q\(k) = r\(k) - \(n)L * c\(k);")
      carry = "c\(k)"
    }
    return lines
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
