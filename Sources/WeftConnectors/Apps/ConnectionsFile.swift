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
/// ```
public enum ConnectionsFile {
    /// The connections in `text`, with `${NAME}` references replaced from `environment`.
    public static func parse(_ text: String, file: String, environment: [String: String]) -> (
        connections: [String: ConnectionValues], diagnostics: [Diagnostic]
    ) {
        let (root, diagnostics) = YAMLLoader.load(text, file: file)
        guard let root else { return ([:], diagnostics) }
        var problems = diagnostics
        var connections: [String: ConnectionValues] = [:]
        guard let entries = root["connections"] else {
            problems.append(
                Diagnostic(
                    code: "missing-key", message: "a connections file needs a top-level `connections:` mapping",
                    location: root.location))
            return ([:], problems)
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
        return (connections, problems)
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
