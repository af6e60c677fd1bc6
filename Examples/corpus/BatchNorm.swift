// Batch normalisation forward and backward (CS231n), ported from python/batchnorm.py.

import DRCArray

func batchnormForward(_ x: NDArray, _ gamma: NDArray, _ beta: NDArray, _ eps: Double) throws
  -> (NDArray, (NDArray, NDArray, NDArray))
{
  let mu = try x.mean(axis: 0)
  let xmu = try x - mu
  let v = try variance(x, axis: 0)
  let sqrtvar = try sqrt(v + eps)
  let ivar = try 1.0 / sqrtvar
  let xhat = try xmu * ivar
  let out = try gamma * xhat + beta
  return (out, (xhat, gamma, ivar))
}

func batchnormBackwardAlt(_ dout: NDArray, _ cache: (NDArray, NDArray, NDArray)) throws
  -> (NDArray, NDArray, NDArray)
{
  let (xhat, gamma, ivar) = cache
  let N = dout.shape[0]
  let dbeta = try sum(dout, axis: 0)
  let dgamma = try sum(xhat * dout, axis: 0)
  let dxhat = try dout * gamma
  // dx = ivar / N * (N * dxhat - dxhat.sum(axis=0) - xhat * (dxhat * xhat).sum(axis=0))
  let dx = try ivar / N * (N * dxhat - dxhat.sum(axis: 0) - xhat * (dxhat * xhat).sum(axis: 0))
  return (dx, dgamma, dbeta)
}

func batchNormProgram(_ sizes: [Int]) throws {
  let (n, d) = (size(sizes, 0, 128), size(sizes, 1, 32))
  let x = try detInput("x", [n, d], seed: 101, -3.0, 5.0, float32: true)
  let gamma = try detInput("gamma", [d], seed: 102, 0.5, 1.5, float32: true)
  let beta = try detInput("beta", [d], seed: 103, float32: true)
  let dout = try detInput("dout", [n, d], seed: 104, float32: true)
  let (out, cache) = try batchnormForward(x, gamma, beta, 1e-5)
  let (dx, dgamma, dbeta) = try batchnormBackwardAlt(dout, cache)
  try report("out", out)
  try report("dx", dx)
  try report("dgamma", dgamma)
  try report("dbeta", dbeta)
}
