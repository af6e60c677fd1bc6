// Counting the bytes a launch moves: each buffer it reads once, each element it writes once.
//
// A kernel may read one buffer through several maps (a stencil reads five shifted windows).
// Assuming each work-group's reads are served from cache once fetched, the traffic for that
// buffer is the union of the windows: computed exactly as a bounding box when every map moves
// each buffer axis with at most one iteration axis at unit stride, and otherwise bounded by the
// sum of the windows' footprints. Neither estimate exceeds the buffer's size.
//
// The minimum a program could move (`MinimumTraffic`) counts the elements of each input that
// the launches read (the union of their windows, at most what they move from it) and each
// output once; it never exceeds the bytes the launches move.

import DRCPlan

/// Bytes read and written by one launch of a kernel.
struct LaunchTraffic {
  /// Bytes read, per kernel argument.
  var reads: [Int: Int] = [:]
  /// Bytes written, per kernel argument.
  var writes: [Int: Int] = [:]
  /// The maps each argument is read through, each with the iteration space it runs over.
  var readMaps: [Int: [(IndexMap, [Int])]] = [:]
  /// Total bytes read.
  var readBytes: Int { reads.values.reduce(0, +) }
  /// Total bytes written.
  var writeBytes: Int { writes.values.reduce(0, +) }

  /// The traffic of `kernel`.
  init(_ kernel: Kernel) {
    var maps: [Int: [(IndexMap, [Int])]] = [:]
    var gathered: [Int: Int] = [:]
    for value in kernel.body {
      let space = value.inner ? kernel.fullSpace : kernel.outer
      switch value.op {
      case .load(let arg, let map), .sortLine(_, let arg, let map),
        .solveLine(_, _, let arg, let map):
        maps[arg, default: []].append((map, space))
      case .scatterLine(_, let arg, let map, let s):
        maps[arg, default: []].append((map, space))
        let lines = kernel.outer + [s.count]
        maps[s.indices, default: []].append((s.indexMap, lines))
        maps[s.values, default: []].append((s.valueMap, lines))
      case .gather(let arg, let map, _, _):
        // One element per point, at most the whole buffer (which elements depends on the data).
        let points = space.reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue }
        let size = map.shape.reduce(1) { $0.multipliedReportingOverflow(by: $1).partialValue }
        gathered[arg, default: 0] += min(points, size)
      default: break
      }
    }
    for (arg, list) in maps {
      reads[arg] = LaunchTraffic.union(list) * kernel.args[arg].dtype.size
    }
    for (arg, elements) in gathered {
      reads[arg, default: 0] += elements * kernel.args[arg].dtype.size
    }
    readMaps = maps
    for store in kernel.stores {
      writes[store.arg, default: 0] +=
        kernel.storeSpace.reduce(1, *) * kernel.args[store.arg].dtype.size
    }
  }

  /// Elements touched by a set of maps, each over its space.
  static func union(_ list: [(IndexMap, [Int])]) -> Int {
    guard let first = list.first else { return 0 }
    let size = first.0.shape.reduce(1, *)
    let boxes = list.allSatisfy { entry in
      entry.0.shape == first.0.shape
        && entry.0.coefficients.allSatisfy { row in
          row.filter { $0 != 0 }.count <= 1 && row.allSatisfy { abs($0) <= 1 }
        }
    }
    if !boxes { return min(size, list.reduce(0) { $0 + $1.0.footprint(over: $1.1) }) }
    if list.contains(where: { $0.1.contains(0) }) { return 0 }
    var volume = 1
    for j in first.0.shape.indices {
      var lo = Int.max
      var hi = Int.min
      for (map, space) in list {
        let r = map.range(axis: j, space: space)
        lo = min(lo, max(0, r.lowerBound))
        hi = max(hi, min(first.0.shape[j] - 1, r.upperBound))
      }
      volume *= max(0, hi - lo + 1)
    }
    return min(size, volume)
  }
}

/// The least traffic a program could have: the input elements its launches read, and its
/// outputs written once.
///
/// Per input, the elements read are the union of every launch's windows (`LaunchTraffic.union`,
/// computed from the maps' ranges, never by visiting elements, so compile time does not grow
/// with the data), and never more than the bytes the launches read from it.
struct MinimumTraffic {
  /// Per input node: the maps launches read it through, each with its iteration space.
  private var maps: [Int: [(IndexMap, [Int])]] = [:]
  /// Per input node: the bytes the launches read from it.
  private var moved: [Int: Int] = [:]

  /// Records that a launch reads input `node` through `maps`, moving `bytes`.
  mutating func read(node: Int, bytes: Int, through list: [(IndexMap, [Int])]) {
    maps[node, default: []] += list
    moved[node, default: 0] += bytes
  }

  /// Bytes of the input elements read plus `outputBytes`.
  func bytes(elementSize: (Int) -> Int, outputBytes: Int) -> Int {
    maps.reduce(outputBytes) { total, entry in
      let touched = LaunchTraffic.union(entry.value) * elementSize(entry.key)
      return total + min(touched, moved[entry.key] ?? 0)
    }
  }
}
