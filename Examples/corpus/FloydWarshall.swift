// floyd_warshall (npbench polybench), ported from python/floyd_warshall.py (int32).

import DRCArray

func floydWarshall(_ path: NDArray) throws {
  for k in 0..<path.shape[0] {
    // path[:] = np.minimum(path[:], np.add.outer(path[:, k], path[k, :]))
    path[.all] = try minimum(path[.all], outer(path[.all, k], path[k, .all]) { try $0 + $1 })
  }
}

func floydWarshallProgram(_ sizes: [Int]) throws {
  let n = size(sizes, 0, 33)
  // i = np.arange(n, dtype=np.int32)
  let i = try arange(n, dtype: .int32)
  // path = (i[:, None] * i[None, :] % 7 + 1).astype(np.int32)
  let path = try (i[.all, .newAxis] * i[.newAxis, .all] % 7 + 1).astype(.int32)
  // path[(i[:, None] + i[None, :]) % 13 == 0] = 999
  path[try (i[.all, .newAxis] + i[.newAxis, .all]) % 13 == 0] = 999
  // path[i, i] = 0
  path[i, i] = 0
  try floydWarshall(path)
  try report("path", path)
}
