import Foundation
import WeftModel

/// The app manifests that ship with Weft (`Sources/WeftCatalog/Apps/*.app.yaml`): available to every flow run
/// by `weft run` and to every organization on a server, next to the apps a tenant stores.
public enum BuiltInCatalog {
    /// One built-in manifest: its text (what a tenant can copy and edit) and the model read from it.
    public struct Entry: Sendable {
        /// The file name, such as `shopify.app.yaml`.
        public var fileName: String
        /// The manifest's YAML text.
        public var source: String
        /// The manifest, read and checked.
        public var manifest: AppManifest
    }

    /// Every built-in app, by app id, read once. A manifest that does not read cleanly is a build defect that
    /// `BuiltInCatalogTests` reports; it is left out here rather than taking the process down.
    public static let entries: [String: Entry] = load()

    /// The built-in app with this id.
    public static func entry(_ id: String) -> Entry? { entries[id] }

    /// The folder holding the manifests.
    public static var directory: URL? {
        Bundle.module.resourceURL?.appendingPathComponent("Apps", isDirectory: true)
    }

    /// The manifest files, sorted by name.
    public static func manifestFiles() -> [URL] {
        guard let directory,
            let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path)
        else { return [] }
        return names.filter { $0.hasSuffix(".app.yaml") }.sorted().map { directory.appendingPathComponent($0) }
    }

    private static func load() -> [String: Entry] {
        var entries: [String: Entry] = [:]
        for file in manifestFiles() {
            guard let source = try? String(contentsOf: file, encoding: .utf8),
                case .app(let manifest)? = WeftDocument.parse(source, file: file.lastPathComponent).document
            else { continue }
            entries[manifest.id] = Entry(fileName: file.lastPathComponent, source: source, manifest: manifest)
        }
        return entries
    }
}
