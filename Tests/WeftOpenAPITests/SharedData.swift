import Foundation
import Testing

/// Where the test documents of `../shared/data/openapi` are, relative to the package root.
enum SharedData {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let openAPIDirectory = packageRoot.appendingPathComponent("../shared/data/openapi").standardizedFileURL
    static let isPresent = FileManager.default.fileExists(
        atPath: openAPIDirectory.appendingPathComponent("SOURCES.md").path)
    static let skipMessage: Comment =
        "../shared/data/openapi is missing: tests over the real OpenAPI documents are skipped"

    /// The path of one document.
    static func path(_ name: String) -> String {
        openAPIDirectory.appendingPathComponent(name).path
    }
}
