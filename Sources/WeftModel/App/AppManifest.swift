import Collections
import WeftJSON

/// An app (connector): how to reach and authenticate with an API, and its actions.
public struct AppManifest: Sendable {
    public var formatVersion = 1
    public var id = ""
    public var name = ""
    public var version = "0.1.0"
    public var description: String?
    public var vendor: String?
    public var categories: [String] = []
    public var documentation: String?
    public var connectionFields: OrderedDictionary<String, ConnectionField> = [:]
    public var auth = Auth.none
    /// The base URL, a template over `$connection`.
    public var baseURL = Template(literal: "")
    public var headers: OrderedDictionary<String, Template> = [:]
    public var retry: RetryPolicy?
    public var rateLimit: RateLimit?
    public var actions: OrderedDictionary<String, Action> = [:]
    public var triggers: OrderedDictionary<String, AppTrigger> = [:]
    /// Named JSON Schemas that actions refer to with `$ref: "#/schemas/Name"`.
    public var schemas: OrderedDictionary<String, JSON> = [:]
    public var file = ""

    /// An empty manifest.
    public init() {}

    private struct Connection {
        var fields: OrderedDictionary<String, ConnectionField> = [:]
    }

    static var objectSpec: ObjectSpec<AppManifest> {
        let connection = ObjectSpec(
            "Connection", description: "What a tenant fills in to connect.", initial: Connection.init,
            fields: [.field("fields", \.fields, .map(of: ConnectionField.spec, key: .identifier), "The fields.")]
        ).spec.map(\.fields)
        let actions = Spec<OrderedDictionary<String, Action>>.map(of: Action.spec, key: .identifier).map { actions in
            var named = actions
            for key in named.keys { named[key]?.name = key }
            return named
        }
        return ObjectSpec(
            "App", description: "A Weft app manifest: an API, its authentication and its actions.",
            initial: AppManifest.init,
            fields: [
                .field(
                    "weft", \.formatVersion, .integer(minimum: 1, maximum: 1), required: true, "The format version: 1."),
                .field("app", \.id, .identifier, required: true, "The app's name, as in `app/action`."),
                .field("name", \.name, .string(), required: true, "The display name."),
                .field(
                    "version", \.version,
                    .string(
                        pattern: "^[0-9]+\\.[0-9]+\\.[0-9]+([-+].*)?$",
                        check: { SemanticVersion($0) == nil ? "`\($0)` is not a semantic version" : nil },
                        hint: "write MAJOR.MINOR.PATCH, such as `1.0.0`"), required: true, "The semantic version."),
                .field("description", \.description, .string(), "What the app connects to."),
                .field("vendor", \.vendor, .string(), "Who makes the API."),
                .field("categories", \.categories, .array(of: .string()), "Catalog categories."),
                .field("docs_url", \.documentation, .string(), "The API's documentation."),
                .field("connection", \.connectionFields, connection, "The connection's fields."),
                .field("auth", \.auth, Auth.spec, "How requests are authenticated."),
                .field(
                    "base_url", \.baseURL, .template, required: true,
                    "The API's base URL (a template over `$connection`)."),
                .field("headers", \.headers, .map(of: .template), "Headers sent with every request."),
                .field("retry", \.retry, RetryPolicy.spec, "Retry rules for the app's requests."),
                .field("rate_limit", \.rateLimit, RateLimit.spec, "The API's request budget."),
                .field("actions", \.actions, actions, required: true, "The actions, by name."),
                .field("triggers", \.triggers, .map(of: AppTrigger.spec, key: .identifier), "Triggers the app offers."),
                .field("schemas", \.schemas, .map(of: .json), "Named JSON Schemas for `$ref`."),
            ])
    }

    /// The spec of an app manifest file.
    public static var spec: Spec<AppManifest> { objectSpec.spec }

    /// The app format's JSON Schema.
    public static var jsonSchema: JSON {
        SchemaBuilder.document(
            for: spec, id: "https://weft.dev/schemas/app.schema.json", title: "Weft app",
            description: "A Weft app manifest (`weft: 1`): an API, its authentication and its actions.")
    }
}

/// A semantic version, MAJOR.MINOR.PATCH with optional pre-release and build parts.
public struct SemanticVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int
    public var prerelease: String?

    /// Parses `1.2.3`, `1.2.3-beta.1` or `1.2.3+build`.
    public init?(_ text: String) {
        let core = text.split(separator: "+", maxSplits: 1)[0]
        let parts = core.split(separator: "-", maxSplits: 1)
        let numbers = parts[0].split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard numbers.count == 3, let major = numbers[0], let minor = numbers[1], let patch = numbers[2],
            major >= 0, minor >= 0, patch >= 0
        else { return nil }
        self.major = major
        self.minor = minor
        self.patch = patch
        self.prerelease = parts.count > 1 ? String(parts[1]) : nil
    }

    public var description: String { "\(major).\(minor).\(patch)" + (prerelease.map { "-\($0)" } ?? "") }

    public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        if (lhs.major, lhs.minor, lhs.patch) != (rhs.major, rhs.minor, rhs.patch) {
            return (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
        }
        switch (lhs.prerelease, rhs.prerelease) {
        case (nil, nil), (nil, _?): return false
        case (_?, nil): return true
        case (let a?, let b?): return a < b
        }
    }
}
