import Foundation
import WeftJSON
import WeftModel

/// Reads the connections of `weft run --connections FILE`:
///
/// ```yaml
/// connections:
///   netsuite-prod:
///     app: netsuite
///     values:
///       account_id: "1234567"
///       consumer_secret: ${NETSUITE_CONSUMER_SECRET}   # taken from the environment
/// secrets:
///   shop_webhook: ${SHOP_WEBHOOK_SECRET}               # webhook verification secrets, by name
/// ```
public enum ConnectionsFile {
    /// What a connections file holds.
    public struct Contents: Sendable {
        public var connections: [String: ConnectionValues] = [:]
        /// Named secrets, such as the ones webhook verification refers to.
        public var secrets: [String: SecretString] = [:]
        public var diagnostics: [Diagnostic] = []

        /// Nothing: no connections, no secrets.
        public init() {}

        init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    }

    /// The connections and secrets in `text`, with `${NAME}` references replaced from `environment`.
    public static func parse(_ text: String, file: String, environment: [String: String]) -> Contents {
        let (root, diagnostics) = YAMLLoader.load(text, file: file)
        var contents = Contents(diagnostics: diagnostics)
        guard let root else { return contents }
        var problems = diagnostics
        var connections: [String: ConnectionValues] = [:]
        for member in root["secrets"]?.members ?? [] {
            if case .string(let value) = substitute(member.value, environment: environment, problems: &problems) {
                contents.secrets[member.key] = SecretString(value)
            } else {
                problems.append(
                    Diagnostic(
                        code: "wrong-type", message: "the secret `\(member.key)` must be a string",
                        location: member.value.location))
            }
        }
        guard let entries = root["connections"] else {
            if root["secrets"] == nil {
                problems.append(
                    Diagnostic(
                        code: "missing-key",
                        message: "a connections file needs a top-level `connections:` or `secrets:` mapping",
                        location: root.location))
            }
            contents.diagnostics = problems
            return contents
        }
        for member in entries.members {
            guard let app = member.value["app"]?.string else {
                problems.append(
                    Diagnostic(
                        code: "missing-key", message: "the connection `\(member.key)` needs `app:`",
                        location: member.value.location))
                continue
            }
            var fields: [String: JSON] = [:]
            for field in member.value["values"]?.members ?? [] {
                fields[field.key] = substitute(field.value, environment: environment, problems: &problems)
            }
            connections[member.key] = ConnectionValues(name: member.key, app: app, fields: fields)
        }
        contents.connections = connections
        contents.diagnostics = problems
        return contents
    }

    private static func substitute(_ value: Located, environment: [String: String], problems: inout [Diagnostic])
        -> JSON
    {
        guard case .string(let text, _) = value.kind, text.contains("${") else { return value.json }
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            result += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                result += rest[start.lowerBound...]
                rest = ""
                break
            }
            let name = String(rest[start.upperBound..<end])
            if let replacement = environment[name] {
                result += replacement
            } else {
                problems.append(
                    Diagnostic(
                        code: "missing-environment", message: "the environment variable `\(name)` is not set",
                        location: value.location, hint: "export \(name)=... before running"))
            }
            rest = rest[rest.index(after: end)...]
        }
        result += rest
        return .string(result)
    }
}
