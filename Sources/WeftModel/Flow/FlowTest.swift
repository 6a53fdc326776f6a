import Collections
import WeftJSON

/// A hermetic test of a flow: a trigger payload, mocked outputs for steps that call out, and expectations.
public struct FlowTest: Sendable {
    public var name = ""
    /// The message: for webhooks `{ body, headers, query }`, otherwise the message itself.
    public var trigger: JSON = .null
    /// Outputs of steps that would call out, by step id.
    public var mocks: OrderedDictionary<String, JSON> = [:]
    /// Steps that fail, by step id, with the error message.
    public var failures: OrderedDictionary<String, String> = [:]
    /// Expected values at paths such as `create.input.entity.id`, `order.output`, `create.state` or `run.state`.
    public var expect: OrderedDictionary<String, JSON> = [:]
    /// Overrides of the flow's variables.
    public var variables: OrderedDictionary<String, JSON> = [:]
    public var location = SourceLocation(file: "", line: 1, column: 1)
    /// Where entries are written: `mocks.<step>`, `failures.<step>`, `expect.<path>`.
    public var keyLocations: [String: SourceLocation] = [:]

    static var spec: Spec<FlowTest> {
        let object = ObjectSpec(
            "FlowTest", description: "A hermetic test of the flow.", initial: FlowTest.init,
            fields: [
                .field("name", \.name, .string(), required: true, "What the test shows."),
                .field("trigger", \.trigger, .json, "The trigger's message."),
                .field(
                    "mocks", \.mocks, .map(of: .json, key: .identifier), "Step outputs instead of calls, by step id."),
                .field("failures", \.failures, .map(of: .string(), key: .identifier), "Steps that fail, by step id."),
                .field("expect", \.expect, .map(of: .json), "Expected values by path (`step.output.x`, `run.state`)."),
                .field("vars", \.variables, .map(of: .json), "Variables for this test."),
            ]
        ).spec
        return Spec(schema: object.schema) { value, reader in
            guard var test = object.read(value, &reader) else { return nil }
            test.location = value.location
            for section in ["mocks", "failures", "expect"] {
                for member in value[section]?.members ?? [] {
                    test.keyLocations["\(section).\(member.key)"] = member.keyLocation
                }
            }
            return test
        }
    }
}
