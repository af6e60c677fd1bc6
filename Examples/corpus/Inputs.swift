// Deterministic inputs and the programs' small helpers.
//
// `det` is python/corpus_inputs.py's `det` in Swift: an integer hash of each element's index
// turned into a float64 in [lo, hi) by one division, one multiplication and one addition, all
// correctly rounded, so both sides make bit-identical values. float32 inputs are those values
// rounded to nearest on both sides. The values become named program inputs (`drc record
// --save-inputs` keeps them in the trace), so the compiled program runs on exactly the NumPy
// original's data.

import DRCArray
import Foundation

/// The float64 values of `corpus_inputs.det(shape, seed, lo, hi)`, in row-major order.
func det(_ shape: [Int], seed: Int, _ lo: Double = -1, _ hi: Double = 1) -> [Double] {
  let count = shape.reduce(1, *)
  return (0..<count).map { i in
    let u = Double((i * 7919 + seed * 104729) % 10007) / 10007.0
    return lo + (hi - lo) * u
  }
}

/// The program input `name` holding `det(shape, seed, lo, hi)`, float64 or (`float32`) rounded.
func detInput(
  _ name: String, _ shape: [Int], seed: Int, _ lo: Double = -1, _ hi: Double = 1,
  float32: Bool = false, file: String = #filePath, line: Int = #line
) throws -> NDArray {
  let values = det(shape, seed: seed, lo, hi)
  if float32 {
    return try input(name, values.map { Float($0) }, shape: shape, file: file, line: line)
  }
  return try input(name, values, shape: shape, file: file, line: line)
}

/// The size argument at `index`, else `fallback`.
func size(_ sizes: [Int], _ index: Int, _ fallback: Int) -> Int {
  index < sizes.count ? sizes[index] : fallback
}

/// Names `array` as output `name` and prints its checksum (as the benchmark programs do).
func report(_ name: String, _ array: NDArray, file: String = #filePath, line: Int = #line) throws {
  try output(name, array, file: file, line: line)
  print(name, "checksum", String(format: "%.17g", try DRC.checksum(array)))
}
