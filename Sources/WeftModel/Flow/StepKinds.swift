import Collections
import WeftJSON

/// `app/action`: which action of which app an `action` step (or a poll trigger) calls.
public struct ActionReference: Sendable, Hashable, CustomStringConvertible {
    public var app: String
    public var action: String

    /// Creates a reference.
    public init(app: String, action: String) {
        self.app = app
        self.action = action
    }

    public var description: String { "\(app)/\(action)" }

    /// The spec of `app/action`.
    public static var spec: Spec<ActionReference> {
        Spec<String>.string(
            pattern: "^[a-z][a-z0-9_-]*/[a-z][a-z0-9_-]*$",
            check: { text in
                let parts = text.split(separator: "/", omittingEmptySubsequences: false)
                return parts.count == 2 && parts.allSatisfy({ Identifier.isValid(String($0)) })
                    ? nil : "`\(text)` is not an action reference"
            },
            hint: "write the app and the action separated by a slash, such as `shopify/list_orders`"
        ).map { text in
            let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            return ActionReference(app: parts.first ?? "", action: parts.count > 1 ? parts[1] : "")
        }
    }
}

/// HTTP request methods. The cases are spelt as the methods are on the wire (and in YAML), as NIO spells them.
// swift-format-ignore: AlwaysUseLowerCamelCase
public enum HTTPMethod: String, Sendable, CaseIterable {
    case GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS

    /// Whether the method only reads (a dry run performs these).
    public var isRead: Bool { self == .GET || self == .HEAD || self == .OPTIONS }
}

/// A raw HTTP request step.
public struct HTTPStep: Sendable {
    public var method = HTTPMethod.GET
    public var url = Template(literal: "")
    public var headers: OrderedDictionary<String, Template> = [:]
    public var query: OrderedDictionary<String, Template> = [:]
    public var body: ValueTemplate?
    /// A connection whose app's authentication is applied to the request.
    public var connection: String?
    /// Status codes that count as success; by default 200–299.
    public var accept: [Int] = []
    /// How to read the response body.
    public var response = ResponseFormat.auto

    /// How a response body becomes the step's output.
    public enum ResponseFormat: String, Sendable, CaseIterable {
        /// JSON when the content type says so, otherwise text.
        case auto
        case json
        case text
        /// `{ status, headers, body }` rather than the body alone.
        case full
    }

    /// An empty request.
    public init() {}

    static var spec: Spec<HTTPStep> {
        ObjectSpec(
            "HTTPStep", description: "An HTTP request.", initial: HTTPStep.init,
            fields: [
                .field("method", \.method, .enumeration(HTTPMethod.self), "The method; `GET` by default."),
                .field("url", \.url, .template, required: true, "The URL, with optional `{{ expression }}` holes."),
                .field("headers", \.headers, .map(of: .template), "Request headers (templates)."),
                .field("query", \.query, .map(of: .template), "Query parameters (templates)."),
                .field(
                    "body", \.body, .valueTemplate,
                    "The body, sent as JSON: an expression or a structure of expressions."),
                .field("connection", \.connection, .identifier, "Apply this connection's app authentication."),
                .field(
                    "accept", \.accept, .array(of: .integer(minimum: 100, maximum: 599)),
                    "Status codes that count as success."),
                .field(
                    "response", \.response, .enumeration(ResponseFormat.self), "How the response becomes the output."),
            ]
        ).spec
    }
}

/// One case of a `switch` step.
public struct SwitchCase: Sendable {
    public var condition: WeftExpression?
    public var steps: [Step] = []

    static var spec: Spec<SwitchCase> {
        ObjectSpec(
            "SwitchCase", description: "A condition and the steps to run when it holds.", initial: SwitchCase.init,
            fields: [
                .field("when", \.condition, .expression, required: true, "The condition (JSONata)."),
                .field("steps", \.steps, .array(of: .lazy { Step.spec }), required: true, "The steps to run."),
            ]
        ).spec
    }
}

/// If/else branching: the first case whose condition holds runs; otherwise the `else` steps.
public struct SwitchStep: Sendable {
    public var cases: [SwitchCase] = []
    public var otherwise: [Step] = []

    static var spec: Spec<SwitchStep> {
        ObjectSpec(
            "SwitchStep", description: "Branches: the first case whose `when` holds runs, otherwise `else`.",
            initial: SwitchStep.init,
            fields: [
                .field(
                    "cases", \.cases, .array(of: SwitchCase.spec, minimum: 1), required: true, "The cases, in order."),
                .field("else", \.otherwise, .array(of: .lazy { Step.spec }), "Steps when no case holds."),
            ]
        ).spec
    }
}

/// Steps run once per item of a list; the output is the list of each item's final output.
public struct ForeachStep: Sendable {
    public var items: WeftExpression?
    public var steps: [Step] = []
    /// How many items run at once.
    public var concurrency = 1

    static var spec: Spec<ForeachStep> {
        ObjectSpec(
            "ForeachStep", description: "Steps run for each item; the output lists each item's result.",
            initial: ForeachStep.init,
            fields: [
                .field("items", \.items, .expression, required: true, "The list to iterate (JSONata)."),
                .field(
                    "steps", \.steps, .array(of: .lazy { Step.spec }, minimum: 1), required: true, "The steps per item."
                ),
                .field("concurrency", \.concurrency, .integer(minimum: 1, maximum: 64), "Items processed at once."),
            ]
        ).spec
    }
}

/// One branch of a `parallel` step.
public struct ParallelBranch: Sendable {
    public var name: String
    public var steps: [Step]
}

/// Branches run at the same time; the output is an object of each branch's final output, by branch name.
public struct ParallelStep: Sendable {
    public var branches: [ParallelBranch] = []

    static var spec: Spec<ParallelStep> {
        Spec<OrderedDictionary<String, [Step]>>.map(of: .array(of: .lazy { Step.spec }, minimum: 1), key: .identifier)
            .map { ParallelStep(branches: $0.map { ParallelBranch(name: $0.key, steps: $0.value) }) }
    }
}

/// Data formats the `convert` step and file triggers understand.
public enum DataFormat: String, Sendable, CaseIterable {
    case json, xml, csv, text
}

/// Converts the message (or `input`) between formats.
public struct ConvertStep: Sendable {
    public var from = DataFormat.json
    public var to = DataFormat.json
    /// What to convert; the message by default.
    public var input: WeftExpression?
    /// Format options: `delimiter`, `header`, `root`, `attribute_prefix`, `always_array`, ...
    public var options: OrderedDictionary<String, JSON> = [:]

    static var spec: Spec<ConvertStep> {
        ObjectSpec(
            "ConvertStep", description: "Converts between JSON, XML and CSV.", initial: ConvertStep.init,
            fields: [
                .field("from", \.from, .enumeration(DataFormat.self), required: true, "The input format."),
                .field("to", \.to, .enumeration(DataFormat.self), required: true, "The output format."),
                .field("input", \.input, .expression, "What to convert; the message by default."),
                .field("options", \.options, .map(of: .json), "Format options."),
            ],
            check: { step, value, reader in
                if step.from == step.to {
                    reader.warning("no-op", "`from` and `to` are the same format", at: value.location)
                }
            }
        ).spec
    }
}

/// Writes the message (or `content`) to a file.
public struct FileOutputStep: Sendable {
    /// How an existing file is treated.
    public enum Mode: String, Sendable, CaseIterable {
        case write, append, create
    }

    public var path = Template(literal: "")
    public var format = DataFormat.json
    public var mode = Mode.write
    public var content: WeftExpression?

    static var spec: Spec<FileOutputStep> {
        ObjectSpec(
            "FileOutputStep", description: "Writes to a file.", initial: FileOutputStep.init,
            fields: [
                .field("path", \.path, .template, required: true, "The file's path (a template)."),
                .field("format", \.format, .enumeration(DataFormat.self), "How to write it; JSON by default."),
                .field(
                    "mode", \.mode, .enumeration(Mode.self),
                    "`write` (replace), `append`, or `create` (fail if it exists)."),
                .field("content", \.content, .expression, "What to write; the message by default."),
            ]
        ).spec
    }
}
