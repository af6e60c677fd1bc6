// Row tiles of matrix products: several rows of output points per work-item.
//
// A matrix product's work-item computes `lanes` consecutive output points of one row (its
// lanes), looping over k: each step loads A[i, k] once (the same for every lane) and a vector
// of B[k, j...]. That is one load of each operand per multiply-add vector, which keeps a CPU
// core's arithmetic units waiting on loads. With a row tile of R rows, a work-item computes the
// same columns of R consecutive rows (R vectors, R accumulations): each step loads the values
// shared by the rows (B's vector and whatever else does not move with the row) once and
// multiplies R rows' values by them. The emitter names the tile's column once, so the device
// compiler sees the shared loads as one. Each lane still accumulates its own output point in
// the reference's order: results are unchanged.
//
// A tile is applied only where every tile is whole (W divides the row length, R the row count)
// and leaves at least `minimumTiles` work-items; the plan records R (`vectorGroups`) whatever
// the sizes, so plans recorded at several sizes agree, and sizes decide where it applies.

extension LaunchGeometry {
  /// Rows per tile recorded for matrix products on targets with vector lanes: 8 rows of
  /// 4 float64 or 8 float32 lanes keep 8 accumulations in flight and load B once per 8 rows
  /// (PoCL, 2 cores, attention's [512, 512] @ [512, 64] float64 product, standalone timing,
  /// best of 8, three alternating runs: 1.7-2.1 ms one row per work-item, 0.53-1.07 ms with 4
  /// rows, 0.45-0.81 ms with 8, 1.28-1.88 ms with 16).
  public static let matmulTileRows = 8
  /// Work-items a tiled product keeps at least (else it runs one row per work-item, for the
  /// parallelism).
  public static let minimumTiles = 64

  /// Rows of `lanes` output points per work-item of a matrix product: the recorded
  /// `vectorGroups` or the largest power of two below it that divides the row count, where the
  /// product has fixed sizes, at least two output axes, more than one lane, W dividing its row
  /// length, and enough tiles; else 1.
  public static func tileRows(_ kernel: Kernel) -> Int {
    guard kernel.kind == .matmul, kernel.strategy == .serial, kernel.symbolic != true,
      kernel.dynamic != true, let recorded = kernel.vectorGroups, recorded > 1,
      kernel.outer.count >= 2, let n = kernel.outer.last, n > 0
    else { return 1 }
    let lanes = lanes(kernel)
    guard lanes > 1, n % lanes == 0 else { return 1 }
    let rows = count(kernel.outer) / n
    var r = 1
    while r * 2 <= min(recorded, maxGroups) { r *= 2 }
    while r > 1 {
      if rows % r == 0 && rows / r * (n / lanes) >= minimumTiles { return r }
      r /= 2
    }
    return 1
  }

  /// Whether `kernel` is a matrix product computed in row tiles (`tileRows` above 1).
  public static func rowTiled(_ kernel: Kernel) -> Bool { tileRows(kernel) > 1 }
}
