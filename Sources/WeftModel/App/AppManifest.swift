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
    /// How to check a connection (`connection.test`), when the app says.
    public var connectionTest: ConnectionTest?
    public var auth = Auth.none
    /// The base URL, a template over `$connection`.
    public var baseURL = Template(literal: "")
    public var headers: OrderedDictionary<String, Template> = [:]
    public var retry: RetryPolicy?
    public var rateLimit: RateLimit?
    /// A CSRF token to fetch before writes and send with them (SAP Gateway).
    public var csrf: CSRFProtection?
    public var actions: OrderedDictionary<String, Action> = [:]
    public var triggers: OrderedDictionary<String, AppTrigger> = [:]
    /// Named JSON Schemas that actions refer to with `$ref: "#/schemas/Name"`.
    public var schemas: OrderedDictionary<String, JSON> = [:]
    public var file = ""

    /// An empty manifest.
    public init() {}

    /// The `connection:` section as written: its fields and its test.
    private struct Connection {
        var fields: OrderedDictionary<String, ConnectionField> = [:]
        var test: ConnectionTest?
    }

    private var connection: Connection {
        get { Connection(fields: connectionFields, test: connectionTest) }
        set {
            connectionFields = newValue.fields
            connectionTest = newValue.test
        }
    }

    static var objectSpec: ObjectSpec<AppManifest> {
        let connection = ObjectSpec(
            "Connection", description: "What a tenant fills in to connect.", initial: Connection.init,
            fields: [
                .field("fields", \.fields, .map(of: ConnectionField.spec, key: .identifier), "The fields."),
                .field("test", \.test, ConnectionTest.spec, "The action that checks a connection works."),
            ]
        ).spec
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
                    "weft", \.formatVersion, .formatVersion, required: true, "The format version: 1."),
                .field("app", \.id, .identifier, required: true, "The app's name, as in `app/action`."),
                .field("name", \.name, .string(), required: true, "The display name."),
                .field("version", \.version, versionSpec, required: true, "The semantic version, such as `1.0.0`."),
                .field("description", \.description, .string(), "What the app connects to."),
                .field("vendor", \.vendor, .string(), "Who makes the API."),
                .field("categories", \.categories, .array(of: .string()), "Catalog categories."),
                .field("docs_url", \.documentation, .string(), "The API's documentation."),
                .field("connection", \.connection, connection, "The connection's fields and how to test it."),
                .field("auth", \.auth, Auth.spec, "How requests are authenticated."),
                .field(
                    "base_url", \.baseURL, .template, required: true,
                    "The API's base URL (a template over `$connection`)."),
                .field("headers", \.headers, .map(of: .template), "Headers sent with every request."),
                .field("retry", \.retry, RetryPolicy.spec, "Retry rules for the app's requests."),
                .field("rate_limit", \.rateLimit, RateLimit.spec, "The API's request budget."),
                .field("csrf", \.csrf, CSRFProtection.spec, "A CSRF token fetched before writes (SAP Gateway)."),
                .field("actions", \.actions, actions, required: true, "The actions, by name."),
                .field("triggers", \.triggers, .map(of: AppTrigger.spec, key: .identifier), "Triggers the app offers."),
                .field("schemas", \.schemas, .map(of: .json), "Named JSON Schemas for `$ref`."),
            ],
            check: { app, value, reader in
                guard let test = app.connectionTest, app.actions[test.action] == nil else { return }
                let known = app.actions.keys.sorted().map { "`\($0)`" }.joined(separator: ", ")
                reader.error(
                    "unknown-action",
                    "the connection test calls `\(test.action)`, which is not one of the app's actions",
                    at: test.actionLocation ?? value.location, hint: known.isEmpty ? nil : "the actions: \(known)")
            })
    }

    /// A semantic version; a bare number such as `1.0` gets a hint rather than a type error.
    static var versionSpec: Spec<String> {
        let hint = "write MAJOR.MINOR.PATCH in quotes if needed, such as `\"1.0.0\"`"
        let text = Spec<String>.string(
            pattern: "^[0-9]+\\.[0-9]+\\.[0-9]+([-+].*)?$",
            check: { SemanticVersion($0) == nil ? "`\($0)` is not a semantic version" : nil }, hint: hint)
        return Spec(schema: text.schema) { value, reader in
            if case .string = value.kind { return text.read(value, &reader) }
            reader.error(
                "invalid-value", "`\(value.json.serialized())` is not a semantic version", at: value.location,
                hint: hint)
            return nil
        }
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

/// A semantic version (semver 2.0.0): MAJOR.MINOR.PATCH with optional pre-release and build parts.
public struct SemanticVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int
    /// Dot-separated pre-release identifiers, such as `["beta", "2"]`.
    public var prerelease: [String]

    /// Parses `1.2.3`, `1.2.3-beta.1` or `1.2.3+build.5`; nil for anything else (leading zeros, empty parts).
    public init?(_ text: String) {
        var rest = Substring(text)
        if let plus = rest.firstIndex(of: "+") {
            let build = rest[rest.index(after: plus)...]
            guard !build.isEmpty,
                build.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(Self.isIdentifier)
            else { return nil }
            rest = rest[..<plus]
        }
        var prerelease: [String] = []
        if let dash = rest.firstIndex(of: "-") {
            let parts = rest[rest.index(after: dash)...].split(separator: ".", omittingEmptySubsequences: false)
            guard !parts.isEmpty, parts.allSatisfy(Self.isIdentifier),
                parts.allSatisfy({ !Self.isNumeric($0) || $0 == "0" || !$0.hasPrefix("0") })
            else { return nil }
            prerelease = parts.map(String.init)
            rest = rest[..<dash]
        }
        let numbers = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard numbers.count == 3, numbers.allSatisfy({ Self.isNumeric($0) && ($0 == "0" || !$0.hasPrefix("0")) }),
            let major = Int(numbers[0]), let minor = Int(numbers[1]), let patch = Int(numbers[2])
        else { return nil }
        self.major = major
        self.minor = minor
        self.patch = patch
        self.prerelease = prerelease
    }

    private static func isIdentifier(_ part: Substring) -> Bool {
        !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }

    private static func isNumeric(_ part: Substring) -> Bool {
        !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isNumber }
    }

    public var description: String {
        "\(major).\(minor).\(patch)" + (prerelease.isEmpty ? "" : "-" + prerelease.joined(separator: "."))
    }

    /// Precedence as semver 2.0.0 defines it: pre-releases before the release, identifiers compared
    /// numerically when both are numbers.
    public static func < (lhs: SemanticVersion, rhs: SemanticVersion) -> Bool {
        if (lhs.major, lhs.minor, lhs.patch) != (rhs.major, rhs.minor, rhs.patch) {
            return (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
        }
        if lhs.prerelease.isEmpty || rhs.prerelease.isEmpty { return !lhs.prerelease.isEmpty && rhs.prerelease.isEmpty }
        for (a, b) in zip(lhs.prerelease, rhs.prerelease) where a != b {
            switch (Int(a), Int(b)) {
            case (let x?, let y?): return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a < b
            }
        }
        return lhs.prerelease.count < rhs.prerelease.count
    }
}
