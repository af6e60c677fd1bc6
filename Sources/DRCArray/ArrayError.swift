// The error every array operation throws: the operation, what is wrong, and the caller's line.
//
// Shape and dtype mistakes in a user's program must surface as Swift errors at the call site,
// never as crashes inside the library, so every public operation is `throws(ArrayError)`.

/// An error from an array operation, naming the operation, the problem and the call site.
public struct ArrayError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The operation, e.g. `add` or `reshape`.
  public var op: String
  /// What is wrong, with the shapes and dtypes involved.
  public var message: String
  /// `file:line` of the call, when known.
  public var location: String?

  /// Creates an error.
  public init(op: String, _ message: String, location: String? = nil) {
    self.op = op
    self.message = message
    self.location = location
  }

  /// `file:line: op: message`.
  public var description: String {
    (location.map { "\($0): " } ?? "") + "\(op): \(message)"
  }
}
