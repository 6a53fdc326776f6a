import WeftJSON

/// How to check that a connection works: one of the app's actions, called with a fixed input — a cheap read such
/// as "the current user" or "the shop". Its success means the address and the credentials are right.
public struct ConnectionTest: Sendable, Equatable {
    /// The action to call.
    public var action = ""
    /// Where `action` is written.
    public var actionLocation: SourceLocation?
    /// The action's input (none by default).
    public var input: JSON = [:]

    /// An empty test.
    public init() {}

    static var spec: Spec<ConnectionTest> {
        let object = ObjectSpec(
            "ConnectionTest",
            description: "The action that checks a connection: a cheap read whose success proves the credentials.",
            initial: ConnectionTest.init,
            fields: [
                .field("action", \.action, .identifier, required: true, "One of the app's actions."),
                .field("input", \.input, .json, "The action's input."),
            ]
        ).spec
        return Spec(schema: object.schema) { value, reader in
            guard var test = object.read(value, &reader) else { return nil }
            test.actionLocation = value["action"]?.location
            return test
        }
    }
}
