// Counting the bytes a launch moves: each buffer it reads once, each element it writes once.
//
// A kernel may read one buffer through several maps (a stencil reads five shifted windows).
// Assuming each work-group's reads are served from cache once fetched, the traffic for that
// buffer is the union of the windows: computed exactly as a bounding box when every map moves
// each buffer axis with at most one iteration axis at unit stride, and otherwise bounded by the
// sum of the windows' footprints. Neither estimate exceeds the buffer's size.
//
// The minimum a program could move (`MinimumTraffic`) counts the elements of each input that
// some launch actually reads, marked exactly through the launches' index maps, and each output
// once; it never exceeds the bytes the launches move.

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
    for value in kernel.body {
      if case .load(let arg, let map) = value.op {
        maps[arg, default: []].append((map, value.inner ? kernel.fullSpace : kernel.outer))
      }
    }
    for (arg, list) in maps {
      reads[arg] = LaunchTraffic.union(list) * kernel.args[arg].dtype.size
    }
    readMaps = maps
    for store in kernel.stores {
      writes[store.arg, default: 0] += kernel.outer.reduce(1, *) * kernel.args[store.arg].dtype.size
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
struct MinimumTraffic {
  /// Per input node: which of its elements some launch reads.
  private var marked: [Int: [Bool]] = [:]
  /// Per input node: how many elements are marked.
  private var counts: [Int: Int] = [:]

  /// Records that a launch reads input `node` (`count` elements) through `maps`.
  mutating func read(node: Int, count: Int, through maps: [(IndexMap, [Int])]) {
    var seen = marked[node] ?? [Bool](repeating: false, count: max(count, 0))
    var total = counts[node] ?? 0
    for (map, space) in maps where total < seen.count {
      if space.contains(where: { $0 <= 0 }) { continue }
      var index = [Int](repeating: 0, count: space.count)
      while true {
        let e = map.element(at: index)
        if e >= 0 && e < seen.count && !seen[e] {
          seen[e] = true
          total += 1
        }
        var axis = space.count - 1
        while axis >= 0 {
          index[axis] += 1
          if index[axis] < space[axis] { break }
          index[axis] = 0
          axis -= 1
        }
        if axis < 0 { break }
      }
    }
    marked[node] = seen
    counts[node] = total
  }

  /// Bytes of the marked input elements plus `outputBytes`.
  func bytes(elementSize: (Int) -> Int, outputBytes: Int) -> Int {
    counts.reduce(outputBytes) { $0 + $1.value * elementSize($1.key) }
  }
}
