import WeftJSON
import WeftModel

/// The working state of one import: the document, the connection fields and schemas gathered so far, and the
/// diagnostics.
struct ImportState {
    let document: OpenAPIDocument
    var diagnostics = ImportDiagnostics()
    var connectionFields = JSONObject()
    var schemas: ManifestSchemas
    var shape: SchemaShape

    init(document: OpenAPIDocument) {
        self.document = document
        schemas = ManifestSchemas(document: document)
        shape = SchemaShape(document: document)
    }

    /// One operation of the document.
    struct Operation {
        var path: String
        var method: String
        var object: JSON
        /// The path item's own parameters, which apply to each of its operations.
        var pathParameters: [JSON]
        /// The path item's own servers.
        var itemServers: JSON?
        /// The JSON pointer of the operation, such as `/paths/~1pets/get`.
        var pointer: String
    }

    /// The operations under `paths`, in document order, keeping those tagged with one of `includeTags`.
    mutating func operations(includeTags: [String]) -> [Operation] {
        var operations: [Operation] = []
        let wanted = Set(includeTags.map { $0.lowercased() })
        var seenTags: Set<String> = []
        for (path, item) in document.root["paths"]?.objectValue ?? [:] {
            let itemPointer = JSONPointer(tokens: ["paths", path])
            let item = document.resolved(item)
            let shared = item["parameters"]?.arrayValue ?? []
            for (key, object) in item.objectValue ?? [:] {
                let method = key.lowercased()
                guard OpenAPIImporter.methods.contains(method) else { continue }
                let tags = (object["tags"]?.arrayValue ?? []).compactMap { $0.stringValue?.lowercased() }
                seenTags.formUnion(tags)
                if !wanted.isEmpty && wanted.isDisjoint(with: tags) { continue }
                operations.append(
                    Operation(
                        path: path, method: method, object: object, pathParameters: shared,
                        itemServers: item["servers"], pointer: itemPointer.appending(key).description))
            }
        }
        for tag in includeTags.sorted() where !seenTags.contains(tag.lowercased()) {
            diagnostics.add(
                "unknown-tag", "no operation has the tag `\(tag)`", at: "/paths",
                hint: "tags in the document: \(seenTags.sorted().prefix(20).joined(separator: ", "))")
        }
        return operations
    }

    /// The app name: the one asked for, or the document's title as lowercase words joined by `-`.
    mutating func appName(_ requested: String?) -> String {
        if let requested {
            let name = Self.slug(requested)
            if name != requested {
                diagnostics.add("app-name", "the app name `\(requested)` became `\(name)`", at: "")
            }
            return name
        }
        let title = document.root["info"]?["title"]?.stringValue ?? ""
        let name = Self.slug(title)
        return name.isEmpty ? "imported-api" : name
    }

    /// Lowercase letters, digits and single dashes, starting with a letter.
    static func slug(_ text: String) -> String {
        var slug = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty && !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        while let first = slug.unicodeScalars.first, !first.properties.isAlphabetic { slug.removeFirst() }
        return slug
    }

    /// The app version: the document's `info.version` when it is a semantic version, else `1.0.0`.
    mutating func appVersion() -> String {
        let declared = document.root["info"]?["version"].map { $0.stringValue ?? $0.serialized() } ?? ""
        if SemanticVersion(declared) != nil { return declared }
        let parts = declared.split(separator: ".")
        if (1...2).contains(parts.count), parts.allSatisfy({ Int($0) != nil }) {
            let padded = (parts.map(String.init) + ["0", "0"]).prefix(3).joined(separator: ".")
            if SemanticVersion(padded) != nil { return padded }
        }
        diagnostics.add(
            "version", "the API version `\(declared)` is not a semantic version; the app is version 1.0.0",
            at: "/info/version")
        return "1.0.0"
    }

    /// Adds a connection field unless one of that name exists; returns the name used.
    @discardableResult
    mutating func addField(
        _ name: String, description: String, secret: Bool = false, defaultValue: JSON? = nil, required: Bool = true
    ) -> String {
        if connectionFields[name] != nil { return name }
        var field: JSONObject = ["type": "string"]
        field["description"] = .string(description)
        if secret { field["secret"] = true }
        if let defaultValue {
            field["default"] = defaultValue
            field["required"] = false
        } else if !required {
            field["required"] = false
        }
        connectionFields[name] = .object(field)
        return name
    }

    /// Reports OpenAPI 3.1 webhooks, which are not imported.
    mutating func reportWebhooks() {
        guard let webhooks = document.root["webhooks"]?.objectValue, !webhooks.isEmpty else { return }
        diagnostics.add(
            "webhooks-skipped",
            "\(webhooks.count) webhook\(webhooks.count == 1 ? "" : "s") (\(webhooks.keys.joined(separator: ", "))) "
                + "not imported: add a `triggers:` entry with a webhook trigger to receive them",
            at: "/webhooks")
    }
}
