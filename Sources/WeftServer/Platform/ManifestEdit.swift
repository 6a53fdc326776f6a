import WeftJSON
import WeftModel

/// An edit of one app manifest that becomes its next version: the stored YAML read as data, changed, given a new
/// `version:` and written back as YAML (comments of the original are not kept), then checked exactly as a new
/// upload would be.
struct ManifestEdit {
    /// The manifest as data, keys in their written order.
    private(set) var document: JSONObject
    let previousVersion: String

    /// Reads the stored `source` of version `version`.
    init(source: String, version: String) throws {
        guard let root = YAMLLoader.load(source, file: "app.yaml").value, case .object(let object) = root.json else {
            throw APIError(.conflict, "unreadable_app", "the stored manifest no longer reads as YAML")
        }
        document = object
        previousVersion = version
    }

    /// The action `name`'s definition, as written.
    func action(_ name: String) -> JSON? {
        guard case .object(let actions)? = document["actions"] else { return nil }
        return actions[name]
    }

    /// Adds or replaces the action `name`.
    mutating func setAction(_ name: String, to definition: JSON) {
        var actions = JSONObject()
        if case .object(let existing)? = document["actions"] { actions = existing }
        actions[name] = definition
        document["actions"] = .object(actions)
    }

    /// Removes the action `name`.
    mutating func removeAction(_ name: String) {
        guard case .object(var actions)? = document["actions"] else { return }
        actions[name] = nil
        document["actions"] = .object(actions)
    }

    /// The new version's manifest: `version` when given (it must be a semantic version above the previous one),
    /// else the previous version with its patch number raised. A 422 lists every problem of the result.
    func finish(version requested: String?) throws -> (source: String, manifest: AppManifest) {
        let version = try nextVersion(requested)
        var edited = document
        edited["version"] = .string(version)
        let source = YAMLWriter().string(from: .object(edited))
        let (parsed, diagnostics) = WeftDocument.parse(source, file: "app.yaml")
        guard case .app(let manifest)? = parsed, !diagnostics.hasErrors else {
            throw APIError(
                .unprocessableContent, "invalid_app", "the edited app manifest has errors; see details",
                details: .array(diagnostics.sorted { $0.location < $1.location }.map(\.json)))
        }
        return (source, manifest)
    }

    private func nextVersion(_ requested: String?) throws -> String {
        let previous = SemanticVersion(previousVersion)
        if let requested {
            guard let version = SemanticVersion(requested) else {
                throw APIError(
                    .badRequest, "invalid_field", "`version` must be a semantic version such as \"1.4.0\"")
            }
            if let previous, !(previous < version) {
                throw APIError(
                    .unprocessableContent, "version_not_newer",
                    "`version` \(requested) must be above the current version \(previousVersion)")
            }
            return requested
        }
        guard let previous else {
            throw APIError(
                .unprocessableContent, "version_required",
                "the current version \(previousVersion) is not a semantic version; give `version`")
        }
        return "\(previous.major).\(previous.minor).\(previous.patch + 1)"
    }
}
