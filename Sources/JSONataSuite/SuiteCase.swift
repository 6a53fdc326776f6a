import WeftJSON

/// One case of a JSONata conformance suite laid out like the official one: `groups/<group>/*.json`.
public struct SuiteCase: Sendable {
    /// What a case expects.
    public enum Expectation: Sendable {
        /// No value at all.
        case undefined
        /// This value (array order ignored when `unordered`).
        case result(JSON, unordered: Bool)
        /// An error with this code (and token, when given).
        case error(code: String, token: String?)
        /// Nothing recognisable: the case is malformed.
        case unknown
    }

    /// `group/file.json`, with `#n` for files that hold several cases.
    public var name: String
    public var expression: String
    /// The input; `nil` means undefined.
    public var input: JSON?
    public var bindings: [String: JSON]
    public var expectation: Expectation
    /// Milliseconds allowed, when the case bounds evaluation.
    public var timeLimit: Int?
    /// Maximum evaluation depth, when the case bounds evaluation.
    public var depth: Int?
}
