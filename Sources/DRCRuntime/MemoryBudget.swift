// The memory budget: how much a command may hold at once, checked before anything is allocated.
//
// A trace can claim arrays of any size. Each allocation is checked per node by the reference,
// but what kills a process is the total: the inputs, every value live at once, the device's
// buffers (which PoCL keeps in host memory) and the oracle's bounds together. The budget is
// `DRC_MEMORY_LIMIT` (bytes, or with a K, M, G or T suffix) or, by default, 60% of the machine's
// physical memory. `peak` walks a graph in order, freeing each value after its last use as the
// interpreters do, and reports the most bytes live at once and the node where that happens;
// every sum saturates instead of overflowing, so absurd shapes give a clear refusal.

import DRCIR
import Foundation

/// The memory a command may use at once.
public enum MemoryBudget {
  /// The environment variable that sets the budget.
  public static let environmentVariable = "DRC_MEMORY_LIMIT"

  /// The budget: `DRC_MEMORY_LIMIT` when set and valid, else 60% of physical memory.
  public static func limit(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> Int
  {
    if let text = environment[environmentVariable], let bytes = parse(text) { return bytes }
    let physical = ProcessInfo.processInfo.physicalMemory
    return Int(clamping: physical / 10 * 6)
  }

  /// Bytes from `123`, `512M`, `8G` (binary multiples); nil when not a non-negative size.
  public static func parse(_ text: String) -> Int? {
    var digits = text.trimmingCharacters(in: .whitespaces).uppercased()
    var scale = 1
    for (suffix, shift) in [("K", 10), ("M", 20), ("G", 30), ("T", 40)]
    where digits.hasSuffix(suffix) {
      digits.removeLast()
      scale = 1 << shift
    }
    guard let n = Int(digits), n >= 0 else { return nil }
    let (bytes, overflow) = n.multipliedReportingOverflow(by: scale)
    return overflow ? nil : bytes
  }

  /// `a + b`, saturating at `Int.max`.
  public static func add(_ a: Int, _ b: Int) -> Int {
    let (s, overflow) = a.addingReportingOverflow(b)
    return overflow ? Int.max : s
  }

  /// Elements of `shape` times `size`, saturating at `Int.max` (negative extents count as 0).
  public static func bytes(_ shape: [Int], size: Int) -> Int {
    var total = max(size, 0)
    for d in shape {
      let (p, overflow) = total.multipliedReportingOverflow(by: max(d, 0))
      if overflow { return Int.max }
      total = p
    }
    return total
  }

  /// The most bytes live at once when `graph` runs node by node, each value taking
  /// `bytesPerElement(node)` per element and freed after its last use (outputs are kept), and
  /// the node at which that peak is reached (nil for an empty graph).
  public static func peak(_ graph: Graph, bytesPerElement: (Node) -> Int) -> (
    bytes: Int, node: Int?
  ) {
    let nodes = graph.nodes
    var lastUse = [Int](repeating: -1, count: nodes.count)
    for node in nodes {
      for operand in node.operands where operand >= 0 && operand < nodes.count {
        lastUse[operand] = max(lastUse[operand], node.id)
      }
    }
    for output in graph.outputs where output.node >= 0 && output.node < nodes.count {
      lastUse[output.node] = nodes.count
    }
    var sizes = [Int](repeating: 0, count: nodes.count)
    var live = 0
    var best = (bytes: 0, node: Int?.none)
    for (i, node) in nodes.enumerated() {
      sizes[i] = bytes(node.shape, size: bytesPerElement(node))
      live = add(live, sizes[i])
      if live > best.bytes { best = (live, i) }
      for operand in node.operands where operand >= 0 && operand < i && lastUse[operand] == i {
        live -= min(sizes[operand], live)
        sizes[operand] = 0
      }
      if lastUse[i] < 0 {
        live -= min(sizes[i], live)
        sizes[i] = 0
      }
    }
    return best
  }

  /// A readable size: `4.0 GiB`, `512 B`.
  public static func text(_ bytes: Int) -> String {
    if bytes == Int.max { return "more than 8 EiB" }
    let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1024 && unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    return unit == 0 ? "\(bytes) B" : String(format: "%.1f %@", value, units[unit] as NSString)
  }
}
