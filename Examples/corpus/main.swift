// The corpus: NumPy programs from public sources (npbench, SciPy, scikit-learn, picoGPT), each
// ported line by line to DRCArray in its own file, with its NumPy original in python/.
// The first argument names the program, the rest are its sizes; every program makes its inputs
// with `det` (Inputs.swift), bit-identical to the NumPy side's, and names its outputs as the
// NumPy original returns them. Tests/DRCDriverTests/CorpusTests.swift records each program,
// runs it on OpenCL and compares with expected/<name>.json (tools/make-corpus-expected.py).
// Usage: corpus <program> [sizes...]   (corpus with no arguments lists the programs)

import DRCArray
import Foundation

/// Every program: its name (as the Python file's) and its entry point over the size arguments.
let programs: [(name: String, run: ([Int]) throws -> Void)] = [
  ("go_fast", goFastProgram),
  ("rosen", rosenProgram),
  ("rosen_der", rosenDerProgram),
  ("logsumexp", logSumExpProgram),
  ("softmax", softmaxProgram),
  ("mlp", mlpProgram),
  ("arc_distance", arcDistanceProgram),
  ("jacobi_2d", jacobi2DProgram),
  ("heat_3d", heat3DProgram),
  ("hdiff", hdiffProgram),
  ("nbody", nbodyProgram),
  ("kmeans_distances", kmeansDistancesProgram),
  ("covariance", covarianceProgram),
  ("fdtd_2d", fdtd2DProgram),
  ("gpt2_ffn", gpt2FFNProgram),
  ("layer_norm", layerNormProgram),
  ("attention", attentionProgram),
  ("linear_classifier", linearClassifierProgram),
  ("moving_average", movingAverageProgram),
  ("compute", computeProgram),
  ("gemver", gemverProgram),
  ("conv2d_bias", conv2dBiasProgram),
  ("vadv", vadvProgram),
  ("kmeans_step", kmeansStepProgram),
  ("batchnorm", batchNormProgram),
  ("stats", statsProgram),
  ("cross_entropy", crossEntropyProgram),
  ("gauss_logpdf", gaussLogpdfProgram),
  ("ranking", rankingProgram),
  ("azimint", azimintProgram),
  ("lu_syrk", luSyrkProgram),
  ("cg", cgProgram),
  ("adam", adamProgram),
  ("lstm", lstmProgram),
  ("logreg", logregProgram),
  ("pca_power", pcaPowerProgram),
  ("floyd_warshall", floydWarshallProgram),
  ("cholesky_trisolv", choleskyTrisolvProgram),
  ("mandelbrot", mandelbrotProgram),
  ("wave_heat", waveHeatProgram),
  ("cosine_sim", cosineSimProgram),
  ("transformer_bits", transformerBitsProgram),
  ("int_ops", intOpsProgram),
  ("masks_mixed", masksMixedProgram),
  ("seidel_gru", seidelGRUProgram),
]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let program = programs.first(where: { $0.name == name }) else {
  print(
    "usage: corpus <program> [sizes...]; programs: "
      + programs.map(\.name).joined(separator: ", "))
  exit(arguments.isEmpty ? 0 : 2)
}
let sizes = arguments.dropFirst().compactMap { Int($0) }
guard sizes.count == arguments.count - 1 else {
  print("error: sizes must be integers: \(arguments.dropFirst().joined(separator: " "))")
  exit(2)
}
do {
  try program.run(sizes)
  // Subscript assignments report their errors late: surface any before exiting 0.
  try DRC.check()
} catch {
  print("error: \(error)")
  exit(1)
}
