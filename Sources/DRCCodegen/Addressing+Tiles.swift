// Coordinates of a matrix product's row tile (`LaunchGeometry.tileRows`).
//
// A tiled product's work-item computes the same W columns of R consecutive rows. Each row's
// vector gets its coordinates from the tile's flat row and its column directly, not by dividing
// a flat point index: the last coordinate is then one value, named once, for every row of the
// tile, and so is every index that does not move with the row (B[k, j...] of A @ B). The device
// compiler then loads such a value once per inner step for all R rows.

extension Addressing {
  /// Lines defining the coordinates of a matrix product tile's vector (`LaunchGeometry.tileRows`):
  /// the W points from column `column` of flat row `row` (over every axis but the last), which W
  /// divides, so no lane leaves the row: `b0, b1, ...` and, where lanes need them, `q0, q1, ...`.
  /// The last coordinate is `column` itself, for every row of the tile alike.
  func tileCoordinates(row: String, column: String, width: Int, needsBase: Bool, needsLanes: Bool)
    -> [String]
  {
    let space = Array(self.space.prefix(laneAxes ?? self.space.count))
    guard needsBase || needsLanes, let last = space.indices.last else { return [] }
    var lines = Addressing(space: Array(space.dropLast())).coordinates(
      of: row, prefix: "b", type: "long")
    lines.append("const long b\(last) = \(column);")
    if needsLanes {
      let lanes = "(long\(width))(" + (0..<width).map(String.init).joined(separator: ", ") + ")"
      for k in 0..<last { lines.append("const long\(width) q\(k) = (long\(width))(b\(k));") }
      lines.append("const long\(width) q\(last) = b\(last) + \(lanes);")
    }
    return lines
  }

}
