import WeftJSON

/// One reason a request does not match its operation: where (`path`, `query`, `header`, `body`), what (a
/// parameter's name, or a JSON Pointer into the body) and why.
public struct MockProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the problem is: `path`, `query`, `header` or `body`.
    public var location: String
    /// The parameter or header's name, or a JSON Pointer into the body (`""` for the whole body).
    public var name: String
    /// What is wrong, for people.
    public var message: String

    /// A problem.
    public init(_ location: String, _ name: String, _ message: String) {
        self.location = location
        self.name = name
        self.message = message
    }

    /// `query parameter `limit`: expected an integer, found a string`.
    public var description: String {
        switch location {
        case "body": name.isEmpty ? "body: \(message)" : "body \(name): \(message)"
        case "header": "header `\(name)`: \(message)"
        default: "\(location) parameter `\(name)`: \(message)"
        }
    }

    /// `{"in": "query", "name": "limit", "message": "..."}`; body problems carry `pointer` instead of `name`.
    var json: JSON {
        location == "body"
            ? ["in": "body", "pointer": .string(name), "message": .string(message)]
            : ["in": .string(location), "name": .string(name), "message": .string(message)]
    }
}
