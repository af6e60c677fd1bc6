// nbody (npbench nbody, `getAcc` from Philip Mocz's "Create Your Own N-body Simulation"),
// ported from python/nbody.py: softened gravitational accelerations of N particles from all
// pairwise separations (N x N by broadcasting a column against its transpose).
//
// One line differs in form: `inv_r3[inv_r3 > 0] = inv_r3[inv_r3 > 0]**(-1.5)` reads a masked
// array, whose shape depends on the data (drc has no such value). It is written
// `inv_r3[inv_r3 > 0] = inv_r3**(-1.5)`, which stores the same values in the same elements.

import DRCArray

/// `getAcc(pos, mass, G, softening)`: pos is N x 3, mass N x 1; the result is N x 3.
func getAcc(_ pos: NDArray, _ mass: NDArray, _ G: Double, _ softening: Double) throws -> NDArray {
  // x = pos[:, 0:1]
  let x = pos[.all, 0..<1]
  // y = pos[:, 1:2]
  let y = pos[.all, 1..<2]
  // z = pos[:, 2:3]
  let z = pos[.all, 2..<3]
  // dx = x.T - x
  let dx = try x.T - x
  // dy = y.T - y
  let dy = try y.T - y
  // dz = z.T - z
  let dz = try z.T - z
  // inv_r3 = (dx**2 + dy**2 + dz**2 + softening**2)
  let inv_r3 = try (dx ** 2 + dy ** 2 + dz ** 2 + softening * softening)
  // inv_r3[inv_r3 > 0] = inv_r3[inv_r3 > 0]**(-1.5)
  let positive = try inv_r3 > 0.0
  inv_r3[positive] = try pow(inv_r3, -1.5)
  // ax = G * (dx * inv_r3) @ mass
  let ax = try matmul(G * (dx * inv_r3), mass)
  // ay = G * (dy * inv_r3) @ mass
  let ay = try matmul(G * (dy * inv_r3), mass)
  // az = G * (dz * inv_r3) @ mass
  let az = try matmul(G * (dz * inv_r3), mass)
  // a = np.hstack((ax, ay, az))
  let a = try hstack([ax, ay, az])
  // return a
  return a
}

/// `corpus nbody [n]`: n particles in [-1, 1)^3 with masses in [0.5, 1.5) / n; G = 1.
func nbodyProgram(_ sizes: [Int]) throws {
  let n = size(sizes, 0, 128)
  // pos = det((n, 3), 23, -1.0, 1.0)
  let pos = try detInput("pos", [n, 3], seed: 23, -1.0, 1.0)
  // mass = det((n, 1), 24, 0.5, 1.5) / n
  let mass = try input(
    "mass", det([n, 1], seed: 24, 0.5, 1.5).map { $0 / Double(n) }, shape: [n, 1])
  // getAcc(pos, mass, 1.0, 0.1)
  try report("a", try getAcc(pos, mass, 1.0, 0.1))
}
