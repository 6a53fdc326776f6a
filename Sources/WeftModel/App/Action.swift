import Collections
import WeftJSON

/// One operation of an app: an HTTP request built from the action's input (`$`), and its result.
public struct Action: Sendable {
    public var name = ""
    public var description: String?
    public var method = HTTPMethod.GET
    /// The path after the app's base URL, such as `/orders/{{ id }}.json`.
    public var path = Template(literal: "")
    public var query: OrderedDictionary<String, Template> = [:]
    public var headers: OrderedDictionary<String, Template> = [:]
    public var body: ValueTemplate?
    /// How the body is sent: JSON, or a URL-encoded form.
    public var bodyFormat = BodyFormat.json
    /// The input's JSON Schema, checked before the call.
    public var input: JSON?
    /// The output's JSON Schema, checked after the call.
    public var output: JSON?
    public var paginate: Pagination?
    /// Selects the records in a response (JSONata), such as `orders`.
    public var records: WeftExpression?
    /// The output of a call without `records` or `paginate`: an expression over the response body, with
    /// `$headers` (lowercase names) and `$status`, for an API that answers a write with headers only.
    public var result: WeftExpression?
    /// The most pages one call follows.
    public var maxPages = 100
    public var retry: RetryPolicy?

    static var spec: Spec<Action> {
        ObjectSpec(
            "Action", description: "One operation of the app.", initial: Action.init,
            fields: [
                .field("description", \.description, .string(), "What the action does."),
                .field("method", \.method, .enumeration(HTTPMethod.self), "The HTTP method; GET by default."),
                .field(
                    "path", \.path, .template, required: true, "The path after `base_url` (a template over the input)."),
                .field("query", \.query, .map(of: .template), "Query parameters; empty values are left out."),
                .field("headers", \.headers, .map(of: .template), "Extra headers."),
                .field("body", \.body, .valueTemplate, "The body: an expression or a structure of expressions."),
                .field(
                    "body_format", \.bodyFormat, .enumeration(BodyFormat.self),
                    "`json` (default), or `form`: application/x-www-form-urlencoded, nested objects as `a[b]=v`."),
                .field("input", \.input, .json, "The input's JSON Schema."),
                .field("output", \.output, .json, "The output's JSON Schema (of one record when `records` is set)."),
                .field("paginate", \.paginate, Pagination.spec, "How results continue over pages."),
                .field("records", \.records, .expression, "Selects the records in a response."),
                .field(
                    "result", \.result, .expression,
                    "The output of a single response: an expression over the body with `$headers` and `$status`."),
                .field("max_pages", \.maxPages, .integer(minimum: 1), "The most pages followed by one call."),
                .field("retry", \.retry, RetryPolicy.spec, "Overrides the app's retry rules."),
            ]
        ).spec
    }
}

/// A field of an app's connection: what a tenant fills in to connect.
public struct ConnectionField: Sendable {
    /// The field's value type.
    public enum FieldType: String, Sendable, CaseIterable {
        case string, number, integer, boolean
    }

    public var type = FieldType.string
    public var description: String?
    /// Encrypted at rest, never shown or logged.
    public var secret = false
    public var required = true
    public var defaultValue: JSON?

    static var spec: Spec<ConnectionField> {
        ObjectSpec(
            "ConnectionField", description: "A field of a connection.", initial: ConnectionField.init,
            fields: [
                .field("type", \.type, .enumeration(FieldType.self), "The value type; string by default."),
                .field("description", \.description, .string(), "What to fill in."),
                .field("secret", \.secret, .boolean, "A credential: encrypted, masked, never logged."),
                .field("required", \.required, .boolean, "Whether a connection must set it; true by default."),
                .field("default", \.defaultValue, .json, "The value when not set."),
            ]
        ).spec
    }
}

/// A trigger an app offers to flows.
public struct AppTrigger: Sendable {
    public var description: String?
    public var trigger = Trigger.manual

    private struct Holder {
        var description: String?
        var trigger = Trigger.manual
    }

    static var spec: Spec<AppTrigger> {
        let trigger = Trigger.spec
        return Spec(schema: trigger.schema) { value, reader in
            trigger.read(value, &reader).map { AppTrigger(description: nil, trigger: $0) }
        }
    }
}
