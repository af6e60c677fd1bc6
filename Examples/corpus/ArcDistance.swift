// arc_distance (npbench pythran/arc_distance, from the Pythran benchmarks), ported from
// python/arc_distance.py: great-circle distances between pairs of points given in radians, one
// elementwise expression of sin, cos, sqrt and arctan2.

import DRCArray

/// `arc_distance(theta_1, phi_1, theta_2, phi_2)`: the haversine distance on the unit sphere.
func arcDistance(_ theta_1: NDArray, _ phi_1: NDArray, _ theta_2: NDArray, _ phi_2: NDArray)
  throws -> NDArray
{
  // temp = np.sin((theta_2 - theta_1) / 2)**2 + np.cos(theta_1) * np.cos(
  //     theta_2) * np.sin((phi_2 - phi_1) / 2)**2
  let temp =
    try sin((theta_2 - theta_1) / 2) ** 2 + cos(theta_1) * cos(theta_2)
    * sin((phi_2 - phi_1) / 2) ** 2
  // distance_matrix = 2 * (np.arctan2(np.sqrt(temp), np.sqrt(1 - temp)))
  let distance_matrix = try 2 * (atan2(sqrt(temp), sqrt(1 - temp)))
  // return distance_matrix
  return distance_matrix
}

/// `corpus arc_distance [n]`: n pairs of points.
func arcDistanceProgram(_ sizes: [Int]) throws {
  let n = size(sizes, 0, 4096)
  // theta_1 = det((n,), 13, -1.5, 1.5)
  let theta_1 = try detInput("theta_1", [n], seed: 13, -1.5, 1.5)
  // phi_1 = det((n,), 14, -3.0, 3.0)
  let phi_1 = try detInput("phi_1", [n], seed: 14, -3.0, 3.0)
  // theta_2 = det((n,), 15, -1.5, 1.5)
  let theta_2 = try detInput("theta_2", [n], seed: 15, -1.5, 1.5)
  // phi_2 = det((n,), 16, -3.0, 3.0)
  let phi_2 = try detInput("phi_2", [n], seed: 16, -3.0, 3.0)
  try report("distance", try arcDistance(theta_1, phi_1, theta_2, phi_2))
}
