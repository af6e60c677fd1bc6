// The corpus (Examples/corpus): public NumPy programs ported line by line to DRCArray. Each test
// records one program with `drc record`, compiles it, runs it on the OpenCL device and compares
// every output with its NumPy original's on the same inputs (Examples/corpus/expected, written by
// tools/make-corpus-expected.py), and checks that fusion made fewer kernel launches than one
// per op and moved no more bytes. (Distinct kernels are not the measure: an unfused plan shares
// one kernel between ops of the same form, so a fused plan can have more of them, as `cg` does,
// while launching half as many.)

import DRCDriver
import Foundation
import XCTest

final class CorpusTests: XCTestCase {
  /// Every corpus program, as tools/make-corpus-expected.py and Examples/corpus/main.swift list it.
  static let programs = [
    "go_fast", "rosen", "rosen_der", "logsumexp", "softmax", "mlp", "arc_distance", "jacobi_2d",
    "heat_3d", "hdiff", "nbody", "kmeans_distances", "covariance", "fdtd_2d", "gpt2_ffn",
    "layer_norm", "attention", "linear_classifier", "moving_average", "compute", "gemver",
    "conv2d_bias", "vadv", "kmeans_step", "batchnorm", "stats", "cross_entropy", "gauss_logpdf",
    "ranking", "azimint", "lu_syrk", "cg", "adam", "lstm", "logreg", "pca_power", "floyd_warshall",
    "cholesky_trisolv", "mandelbrot", "wave_heat", "cosine_sim", "transformer_bits", "int_ops",
    "masks_mixed", "seidel_gru",
  ]

  /// Where this test class keeps the recorded traces.
  nonisolated(unsafe) static var directory: URL?

  override class func tearDown() {
    if let directory { try? FileManager.default.removeItem(at: directory) }
    super.tearDown()
  }

  /// Records, compiles and runs `name`, then checks fusion and every output against NumPy.
  @discardableResult
  func check(_ name: String) throws -> CorpusRun {
    if Self.directory == nil { Self.directory = try Repo.temporaryDirectory() }
    let run: CorpusRun
    do {
      run = try CorpusRun(name, directory: Self.directory!)
    } catch let error where "\(error)".contains("no OpenCL platform") {
      throw XCTSkip("OpenCL unavailable: \(error)")
    }
    XCTAssertLessThan(
      run.fused.launches, run.unfused.launches, "\(name): fusion made no fewer launches")
    XCTAssertLessThanOrEqual(
      run.fused.bytesMoved, run.unfused.bytesMoved, "\(name): fusion moved more bytes")
    let comparisons = run.comparisons()
    XCTAssertFalse(comparisons.isEmpty, name)
    for c in comparisons {
      XCTAssertTrue(c.passes, "\(name).\(c)")
    }
    print(
      "corpus \(name): \(run.fused.launches) launches (\(run.fused.kernels) kernels) fused, "
        + "\(run.unfused.launches) (\(run.unfused.kernels)) unfused; "
        + comparisons.map(\.description).joined(separator: "; "))
    return run
  }

  func testEveryProgramHasAPortAndExpectedValues() throws {
    let main = try String(contentsOfFile: Repo.path("Examples/corpus/main.swift"), encoding: .utf8)
    let tool = try String(
      contentsOfFile: Repo.path("tools/make-corpus-expected.py"), encoding: .utf8)
    XCTAssertGreaterThanOrEqual(Self.programs.count, 12)
    for name in Self.programs {
      XCTAssertTrue(main.contains("(\"\(name)\", "), "\(name) missing from main.swift")
      XCTAssertTrue(tool.contains("\"\(name)\""), "\(name) missing from the tool")
      XCTAssertTrue(
        FileManager.default.fileExists(atPath: Repo.path("Examples/corpus/python/\(name).py")), name
      )
      XCTAssertNoThrow(try CorpusExpected(name: name), name)
    }
  }

  func testAPerturbedExpectedValueFailsTheComparison() throws {
    let run = try check("rosen_der")
    var expected = run.expected
    var der = try XCTUnwrap(expected.outputs["der"])
    XCTAssertTrue(run.comparisons().allSatisfy(\.passes))
    // One element off by 100 times the tolerance of the output's scale.
    let scale = der.values.map(Swift.abs).max() ?? 1
    der.values[500] += 100 * 1e-12 * scale
    expected.outputs["der"] = der
    let perturbed = run.comparisons(expected)
    XCTAssertEqual(perturbed.count, 1)
    XCTAssertFalse(perturbed[0].passes, "\(perturbed[0])")
    XCTAssertEqual(perturbed[0].normwiseError, 100e-12, accuracy: 10e-12)
    // An expected -inf where the device has a finite value fails too.
    der.values[500] = -.infinity
    expected.outputs["der"] = der
    XCTAssertFalse(run.comparisons(expected)[0].passes)
  }

  func testGoFast() throws { try check("go_fast") }
  func testRosen() throws { try check("rosen") }
  func testRosenDer() throws { try check("rosen_der") }
  func testLogSumExp() throws { try check("logsumexp") }
  func testSoftmax() throws { try check("softmax") }
  func testMLP() throws { try check("mlp") }
  func testArcDistance() throws { try check("arc_distance") }
  func testJacobi2D() throws { try check("jacobi_2d") }
  func testHeat3D() throws { try check("heat_3d") }
  func testHDiff() throws { try check("hdiff") }
  func testNBody() throws { try check("nbody") }
  func testKMeansDistances() throws { try check("kmeans_distances") }
  func testCovariance() throws { try check("covariance") }
  func testFDTD2D() throws { try check("fdtd_2d") }
  func testGPT2FFN() throws { try check("gpt2_ffn") }
  func testLayerNorm() throws { try check("layer_norm") }
  func testAttention() throws { try check("attention") }
  func testLinearClassifier() throws { try check("linear_classifier") }
  func testMovingAverage() throws { try check("moving_average") }
  // Ported on 2026-12-03 by a reviewer who had not seen the code, to find what breaks.
  func testCompute() throws { try check("compute") }
  func testGemver() throws { try check("gemver") }
  func testConv2DBias() throws { try check("conv2d_bias") }
  func testVAdv() throws { try check("vadv") }
  func testKMeansStep() throws { try check("kmeans_step") }
  func testBatchNorm() throws { try check("batchnorm") }
  func testStats() throws { try check("stats") }
  func testCrossEntropy() throws { try check("cross_entropy") }
  func testGaussLogpdf() throws { try check("gauss_logpdf") }
  func testRanking() throws { try check("ranking") }
  func testAzimint() throws { try check("azimint") }
  func testLUSyrk() throws { try check("lu_syrk") }
  func testCG() throws { try check("cg") }
  // Ported on 2026-12-03 by a second reviewer who had not seen the code.
  func testAdam() throws { try check("adam") }
  func testLSTM() throws { try check("lstm") }
  func testLogReg() throws { try check("logreg") }
  func testPCAPower() throws { try check("pca_power") }
  func testFloydWarshall() throws { try check("floyd_warshall") }
  func testCholeskyTrisolv() throws { try check("cholesky_trisolv") }
  func testMandelbrot() throws { try check("mandelbrot") }
  func testWaveHeat() throws { try check("wave_heat") }
  func testCosineSim() throws { try check("cosine_sim") }
  func testTransformerBits() throws { try check("transformer_bits") }
  func testIntOps() throws { try check("int_ops") }
  func testMasksMixed() throws { try check("masks_mixed") }
  func testSeidelGRU() throws { try check("seidel_gru") }

  /// The absolute bound of an iterative program is what it is checked against: the solution
  /// passes half the bound off (which the normwise 1e-12 would refuse) and fails 1.5 times off.
  func testAnIterativeSolutionIsCheckedAgainstItsAbsoluteBound() throws {
    let run = try check("cg")
    let bound = try XCTUnwrap(run.expected.absoluteTolerance["x"])
    func comparison(movingX7By delta: Double) throws -> CorpusComparison {
      var expected = run.expected
      var x = try XCTUnwrap(expected.outputs["x"])
      x.values[7] += delta
      expected.outputs["x"] = x
      return try XCTUnwrap(run.comparisons(expected).first { $0.name == "x" })
    }
    let inside = try comparison(movingX7By: 0.5 * bound)
    XCTAssertTrue(inside.passes, "\(inside)")
    XCTAssertGreaterThan(inside.normwiseError, 1e-12)
    let outside = try comparison(movingX7By: 1.5 * bound)
    XCTAssertFalse(outside.passes, "\(outside)")
  }
}
