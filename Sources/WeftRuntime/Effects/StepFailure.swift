/// Why a step attempt failed, and whether trying again may help.
public struct StepFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure.
    public enum Kind: String, Sendable {
        /// A JSONata expression failed.
        case expression
        /// The remote side answered with an unaccepted HTTP status.
        case httpStatus = "http_status"
        /// The request could not be sent or no answer came (connection refused, reset, DNS).
        case transport
        case timeout
        /// An input or output did not match its schema.
        case validation
        /// The step's own logic refused (a conversion failed, a file exists, ...).
        case step
        /// A test declared this step to fail, or a mock is missing.
        case mock
        /// The configuration is wrong (unknown app, missing connection).
        case configuration
        /// The run was cancelled (its task was cancelled) before or while the step ran.
        case cancelled
    }

    public var kind: Kind
    public var message: String
    /// For `httpStatus`: the status code.
    public var status: Int?
    /// A wait the remote side asked for (`Retry-After`).
    public var retryAfter: Duration?
    /// Whether another attempt may succeed; decided by the retry policy for HTTP statuses.
    public var retryable: Bool

    /// Creates a failure.
    public init(
        _ kind: Kind, _ message: String, status: Int? = nil, retryAfter: Duration? = nil, retryable: Bool? = nil
    ) {
        self.kind = kind
        self.message = message
        self.status = status
        self.retryAfter = retryAfter
        switch kind {
        case .transport, .timeout: self.retryable = retryable ?? true
        case .httpStatus: self.retryable = retryable ?? true
        default: self.retryable = retryable ?? false
        }
    }

    public var description: String {
        if let status { return "\(kind.rawValue) \(status): \(message)" }
        return "\(kind.rawValue): \(message)"
    }
}
