// compute (npbench compute): np.clip and arithmetic on int64 arrays.

import DRCArray

func compute(_ array_1: NDArray, _ array_2: NDArray, _ a: Int, _ b: Int, _ c: Int) throws -> NDArray
{
  // return np.clip(array_1, 2, 10) * a + array_2 * b + c
  return try clip(array_1, min: 2, max: 10) * a + array_2 * b + c
}

func computeProgram(_ sizes: [Int]) throws {
  let (m, n) = (size(sizes, 0, 64), size(sizes, 1, 96))
  let array_1 = try detInput("array_1", [m, n], seed: 41, 0.0, 16.0).astype(.int64)
  let array_2 = try detInput("array_2", [m, n], seed: 42, 0.0, 16.0).astype(.int64)
  let out = try compute(array_1, array_2, 4, 3, 9)
  try report("out", out)
}
