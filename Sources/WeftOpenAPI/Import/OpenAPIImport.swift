import WeftJSON
import WeftModel

/// The result of importing an OpenAPI document: an app manifest and what the import guessed or skipped.
public struct OpenAPIImport: Sendable {
    /// The app manifest, as the value its YAML holds (members in the order they are written).
    public var manifest: JSON
    /// Everything the import had to guess or leave out, as warnings; none of them stops the manifest from
    /// being written.
    public var diagnostics: [Diagnostic]
    /// How many operations the document has (after the tag filter), and how many became actions.
    public var operationCount: Int
    /// The number of actions in the manifest.
    public var actionCount: Int {
        manifest["actions"]?.objectValue?.count ?? 0
    }
    /// The comment lines written above the manifest.
    public var comments: [String]

    /// The manifest as YAML text, with its comment header.
    public var yaml: String {
        YAMLWriter().string(from: manifest, comments: comments)
    }
}
