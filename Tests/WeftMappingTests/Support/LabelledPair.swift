import Foundation
import WeftJSON
import WeftMapping

/// A source → target pair with a labelled mapping: one of the dev set's (`../shared/data/mapping-pairs`) or one
/// of this target's own fixtures.
struct LabelledPair: Sendable {
    var name: String
    var source: SchemaFields
    var target: SchemaFields
    /// What is counted: `direct` and `transform` mappings with exactly one source field.
    var counted: Set<Link>
    /// Labelled mappings of other kinds (lookups, read-only targets, several sources): a suggestion agreeing with
    /// one is neither right nor wrong.
    var neutral: Set<Link>
    /// Source fields with no counterpart.
    var unmapped: [String]

    /// One source path → target path.
    struct Link: Hashable, Sendable {
        var source: String
        var target: String
    }

    /// Reads the labels of a pair file (the dev set's format; fixtures use it too).
    static func labels(_ pair: JSON) -> (counted: Set<Link>, neutral: Set<Link>, unmapped: [String]) {
        var counted: Set<Link> = []
        var neutral: Set<Link> = []
        for mapping in pair["mapping"]?.arrayValue ?? [] {
            guard let target = mapping["target"]?.stringValue else { continue }
            let sources =
                mapping["source"]?.arrayValue?.compactMap(\.stringValue)
                ?? mapping["source"]?.stringValue.map { [$0] } ?? []
            let kind = mapping["kind"]?.stringValue ?? ""
            if sources.count == 1, kind == "direct" || kind == "transform" {
                counted.insert(Link(source: sources[0], target: target))
            } else {
                for source in sources { neutral.insert(Link(source: source, target: target)) }
            }
        }
        let unmapped = (pair["deliberately_unmapped"]?.arrayValue ?? []).compactMap(\.stringValue)
        return (counted, neutral, unmapped)
    }
}

/// Where the shared test data lives: `../shared/data` next to the package.
enum SharedData {
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/data")
    }

    static var isPresent: Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent("mapping-pairs").path)
    }

    /// The dev set's pairs, each side read at its pointer.
    static func devPairs() throws -> [LabelledPair] {
        let folder = directory.appendingPathComponent("mapping-pairs")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
            .sorted()
        // Each side is read exactly as `weft map suggest FILE#POINTER` reads it.
        func side(_ json: JSON?) throws -> SchemaFields {
            let path = directory.appendingPathComponent(json?["spec_file"]?.stringValue ?? "").path
            let pointer = String((json?["schema_pointer"]?.stringValue ?? "").drop { $0 == "#" })
            let depth = json?["flatten_max_depth"]?.numberValue.map(Int.init)
            return try SchemaLocation(parsing: "\(path)#\(pointer)").fields(maxDepth: depth)
        }
        return try files.map { file in
            let pair = try JSONParser().parse([UInt8](Data(contentsOf: folder.appendingPathComponent(file))))
            let labels = LabelledPair.labels(pair)
            return LabelledPair(
                name: pair["pair"]?.stringValue ?? file, source: try side(pair["source"]),
                target: try side(pair["target"]), counted: labels.counted, neutral: labels.neutral,
                unmapped: labels.unmapped)
        }
    }

    /// This target's own labelled fixtures (`Fixtures/*.swift`, JSON text): `source` and `target` hold a `name`
    /// and a JSON `schema`; `mapping` and `deliberately_unmapped` as in the dev set.
    static func fixturePairs() throws -> [LabelledPair] {
        try Fixtures.all.map { name, text in
            let pair = try JSONParser().parse(text)
            let labels = LabelledPair.labels(pair)
            func side(_ json: JSON?) -> SchemaFields {
                SchemaFields(schema: json?["schema"] ?? [:], recordName: json?["name"]?.stringValue)
            }
            return LabelledPair(
                name: name, source: side(pair["source"]), target: side(pair["target"]), counted: labels.counted,
                neutral: labels.neutral, unmapped: labels.unmapped)
        }
    }
}
