// The recording session: the graph being built, the interface names, and writing the trace.
//
// Every array operation goes through `Session.shared.emit`, which checks the operation with the
// IR's type rules, computes its value eagerly with the reference interpreter, and, when recording
// is on (the `DRC_RECORD` environment variable names the output file), appends a node with the
// caller's source line. The trace is written when the program exits or calls `DRC.flush()`.

import DRCIR
import DRCLazy
import DRCRuntime
import DRCTrace
import Foundation

/// The process-wide recorder.
final class Session: @unchecked Sendable {
  static let shared = Session()

  let lock = NSLock()
  private(set) var outputPath: String?
  private(set) var saveInputs: Bool
  var graph: Graph
  var inputCounter = 0
  var inputValues: [String: HostArray] = [:]
  var pendingError: ArrayError?
  var flushed = false
  /// How operations are computed when not recording (DeviceMode.swift).
  var mode: ExecutionMode
  let locator = SourceLocator()

  private init() {
    let env = ProcessInfo.processInfo.environment
    outputPath = env["DRC_RECORD"].flatMap { $0.isEmpty ? nil : $0 }
    saveInputs = env["DRC_SAVE_INPUTS"] == "1"
    graph = Graph(name: Session.programName(env["DRC_PROGRAM"]))
    mode = Session.environmentMode()
    // Registered even when not recording: a failed assignment must still fail the run.
    atexit { Session.shared.flushAtExit() }
  }

  /// Starts a new recording into `path`, discarding anything recorded so far (for tests).
  func restart(recordingTo path: String?, saveInputs: Bool = false, program: String = "test") {
    lock.lock()
    defer { lock.unlock() }
    outputPath = path
    self.saveInputs = saveInputs
    graph = Graph(name: program)
    inputValues = [:]
    inputCounter = 0
    pendingError = nil
    flushed = false
  }

  /// Whether operations are being recorded.
  var isRecording: Bool { outputPath != nil }

  /// The program's name: `DRC_PROGRAM`, else the executable's name, made an identifier.
  static func programName(_ given: String?) -> String {
    let raw =
      given ?? CommandLine.arguments.first.map { URL(fileURLWithPath: $0).lastPathComponent }
      ?? "program"
    var name = String(
      raw.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") ? $0 : "_" }.prefix(64))
    if name.isEmpty || name.first?.isNumber == true { name = "p_" + name }
    return String(name.prefix(64))
  }

  /// The location to record: the explicit call site, else the caller found on the stack.
  ///
  /// Without recording, stack-derived locations are only worth their cost for errors (`force`).
  func location(_ site: CallSite?, force: Bool = false) -> String? {
    switch site {
    case .source(let file, let line): return locator.location(file: file, line: line)
    case .resolved(let loc): return loc
    case nil: return isRecording || force ? locator.callerLocation() : nil
    }
  }

  /// Checks, evaluates and records one operation.
  func emit(
    _ op: Op, _ operands: [Value], dtype: DType, shape: [Int], site: CallSite?
  ) throws(ArrayError) -> Value {
    if let pending = takePendingError() { throw pending }
    let deferring = isDeferring
    // Device mode keeps locations too, so a failing or diverging segment names its lines; an
    // operator's (from the stack) is symbolicated only if it is ever shown.
    let loc = isRecording || (deferring && site != nil) ? location(site) : nil
    let declared = ValueType(dtype, shape)
    let types = operands.map { ValueType($0.dtype, $0.shape) }
    let inferred: ValueType
    do {
      inferred = try TypeInference.infer(op, types, declared: declared)
    } catch {
      throw ArrayError(op: op.name, error.message, location: loc ?? location(site, force: true))
    }
    if deferring {
      do {
        let caller = site == nil ? locator.callerSite() : nil
        let locator = self.locator
        return Value(
          lazy: try LazyEngine.shared.node(
            op, operands.map(\.lazyNode), dtype: inferred.dtype, shape: inferred.shape, loc: loc,
            locate: caller.map { c in { c.resolve(locator) } }))
      } catch {
        throw ArrayError(op: op.name, "\(error)", location: loc ?? location(site, force: true))
      }
    }
    let node = Node(
      id: graph.nodes.count, op: op, operands: operands.compactMap(\.node), dtype: inferred.dtype,
      shape: inferred.shape, loc: loc)
    let result: HostArray
    do {
      var hosts: [HostArray] = []
      for operand in operands { hosts.append(try operand.host()) }
      result = try Evaluation.evaluate(node, hosts)
    } catch {
      throw ArrayError(op: op.name, "\(error)", location: loc ?? location(site, force: true))
    }
    guard isRecording else { return Value(array: result, node: nil) }
    lock.lock()
    defer { lock.unlock() }
    var recorded = node
    recorded.id = graph.nodes.count
    graph.nodes.append(recorded)
    return Value(array: result, node: recorded.id)
  }

  /// Records a source node (input or param) whose value the program supplies.
  func source(_ op: Op, value: HostArray, site: CallSite?) -> Value {
    guard isRecording else { return unrecorded(value, site: site) }
    lock.lock()
    defer { lock.unlock() }
    let id = graph.add(op, dtype: value.dtype, shape: value.shape, loc: location(site))
    return Value(array: value, node: id)
  }

  /// A value made from host data when not recording: deferred in device mode, so that every use
  /// of it reads the one device copy.
  func unrecorded(_ value: HostArray, site: CallSite?) -> Value {
    guard isDeferring else { return Value(array: value, node: nil) }
    return Value(lazy: LazyEngine.shared.hostNode(value, loc: location(site)))
  }

  /// A fresh generated input name: `in0`, `in1`, ...
  func nextInputName() -> String {
    lock.lock()
    defer { lock.unlock() }
    while true {
      let name = "in\(inputCounter)"
      inputCounter += 1
      if !graph.inputs.contains(where: { $0.name == name }) { return name }
    }
  }

  /// Remembers an error that a subscript setter could not throw; the next operation throws it.
  func postpone(_ error: ArrayError) {
    lock.lock()
    defer { lock.unlock() }
    if pendingError == nil { pendingError = error }
  }

  /// Forgets the pending error if it is `error` (thrown by now where its array was used).
  func settle(_ error: ArrayError) {
    lock.lock()
    defer { lock.unlock() }
    if pendingError == error { pendingError = nil }
  }

  /// Takes the pending error, if any.
  func takePendingError() -> ArrayError? {
    lock.lock()
    defer { lock.unlock() }
    let e = pendingError
    pendingError = nil
    return e
  }
}

/// Where an operation was called from.
enum CallSite {
  /// An explicit `#filePath`, `#line` pair.
  case source(String, Int)
  /// A location already resolved (or known to be absent).
  case resolved(String?)
}
