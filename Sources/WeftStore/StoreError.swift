/// Why a store operation failed. The message is safe to show a tenant: it names the object, never SQL, paths or
/// other tenants' data.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure.
    public enum Code: String, Sendable {
        /// No such object (or not visible to this tenant: the two are indistinguishable on purpose).
        case notFound = "not_found"
        /// A unique name or key is already taken.
        case conflict
        /// The change breaks a rule of the data (an owner-less organization, a stale version).
        case invalid
        /// The database failed; the details went to the server log, not here.
        case unavailable
    }

    public var code: Code
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
