// 1-D heat (FTCS) and 2-D wave (np.roll Laplacian, leapfrog), ported from python/wave_heat.py.

import DRCArray
import Foundation

func heat1D(_ u: NDArray, _ r: Double, _ steps: Int) throws -> NDArray {
  for _ in 0..<steps {
    // u[1:-1] = u[1:-1] + r * (u[2:] - 2 * u[1:-1] + u[:-2])
    // The natural `u[.s(1, -1)] + r * (u[2...] - 2 * u[.s(1, -1)] + u[.s(nil, -2)])` fails at run
    // time (Swift reads the subscripts as Doubles because r is a Double): name the views' type.
    let (mid, right, left): (NDArray, NDArray, NDArray) = (u[.s(1, -1)], u[2...], u[.s(nil, -2)])
    u[.s(1, -1)] = try mid + r * (right - 2 * mid + left)
  }
  return u
}

func wave2D(_ u0: NDArray, _ c: Double, _ dt: Double, _ dx: Double, _ steps: Int) throws -> (
  NDArray, NDArray
) {
  var uPrev = try u0.copy()
  var u = try u0.copy()
  // coef = (c * dt / dx) ** 2
  let coef = pow(c * dt / dx, 2)
  for _ in 0..<steps {
    // lap = (np.roll(u, 1, axis=0) + np.roll(u, -1, axis=0) +
    //        np.roll(u, 1, axis=1) + np.roll(u, -1, axis=1) - 4 * u)
    let lap =
      try roll(u, 1, axis: 0) + roll(u, -1, axis: 0) + roll(u, 1, axis: 1) + roll(u, -1, axis: 1)
      - 4 * u
    // u_next = 2 * u - u_prev + coef * lap
    let uNext = try 2 * u - uPrev + coef * lap
    (uPrev, u) = (u, uNext)
  }
  return (u, uPrev)
}

func waveHeatProgram(_ sizes: [Int]) throws {
  let (n, ny, nx, steps) = (
    size(sizes, 0, 101), size(sizes, 1, 7), size(sizes, 2, 33), size(sizes, 3, 25)
  )
  // x = np.linspace(0.0, 1.0, n)
  let x = try linspace(0.0, 1.0, n)
  // u = np.sin(np.pi * x) + 0.1 * det((n,), 51)
  let u = try sin(Double.pi * x) + 0.1 * detInput("u_noise", [n], seed: 51)
  // u[0] = 0.0; u[-1] = 0.0
  u[0] = 0.0
  u[-1] = 0.0
  let h = try heat1D(u, 0.4, steps)
  let u0 = try detInput("u0", [ny, nx], seed: 52, 0.0, 1.0)
  let (w, wp) = try wave2D(u0, 1.0, 0.1, 0.5, steps)
  // energy = np.sum(w ** 2) + np.sum((w - wp) ** 2)
  let energy = try (w ** 2).sum() + ((w - wp) ** 2).sum()
  try report("heat", h)
  try report("wave", w)
  try report("energy", energy)
}
