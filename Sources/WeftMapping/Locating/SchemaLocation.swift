import Foundation
import WeftJSON
import WeftModel
import WeftOpenAPI

/// A schema named by a location, as `weft map suggest` takes them: `FILE#POINTER` into an OpenAPI or Swagger document,
/// `APP.yaml#ACTION.input` or `APP.yaml#ACTION.output` of a Weft app manifest, or a plain JSON Schema file.
public struct SchemaLocation: Sendable {
    /// Which kind of place.
    public enum Kind: Equatable, Sendable {
        /// A JSON Pointer (without its `#`) into an OpenAPI or Swagger document.
        case document(pointer: String)
        /// An action's input or output in an app manifest.
        case action(name: String, output: Bool)
        /// The whole file is a JSON Schema.
        case schemaFile
    }

    /// The location as given.
    public var text: String
    /// The file.
    public var file: String
    /// What in the file.
    public var kind: Kind

    /// Reads a location: the part after the last `#` decides its kind.
    public init(parsing text: String) throws(SchemaLocationError) {
        self.text = text
        guard let hash = text.lastIndex(of: "#") else {
            (file, kind) = (text, .schemaFile)
            return
        }
        file = String(text[..<hash])
        let fragment = String(text[text.index(after: hash)...])
        if fragment.hasPrefix("/") {
            kind = .document(pointer: fragment)
        } else if fragment.hasSuffix(".input") || fragment.hasSuffix(".output"), !fragment.hasPrefix(".") {
            let output = fragment.hasSuffix(".output")
            kind = .action(name: String(fragment.dropLast(output ? 7 : 6)), output: output)
        } else {
            throw SchemaLocationError(
                location: text,
                message: "expected FILE#/json/pointer, APP.yaml#ACTION.input or APP.yaml#ACTION.output after the "
                    + "file name, found `#\(fragment)`")
        }
        guard !file.isEmpty else { throw SchemaLocationError(location: text, message: "no file before `#`") }
    }

    /// The fields of the schema, listed down to `maxDepth` levels.
    public func fields(maxDepth: Int?) throws(SchemaLocationError) -> SchemaFields {
        guard FileManager.default.isReadableFile(atPath: file) else {
            throw SchemaLocationError(location: text, message: "cannot read the file \(file)")
        }
        switch kind {
        case .document(let pointer): return try documentFields(pointer: pointer, maxDepth: maxDepth)
        case .action(let name, let output): return try actionFields(name: name, output: output, maxDepth: maxDepth)
        case .schemaFile: return try schemaFileFields(maxDepth: maxDepth)
        }
    }

    /// The schema at a pointer of an OpenAPI or Swagger document, resolved by WeftOpenAPI.
    private func documentFields(pointer: String, maxDepth: Int?) throws(SchemaLocationError) -> SchemaFields {
        let parsed: JSONPointer
        do {
            parsed = try JSONPointer(pointer)
        } catch {
            throw SchemaLocationError(location: text, message: "`\(pointer)` is not a JSON Pointer: \(error)")
        }
        let schema: JSON
        do {
            schema = try OpenAPIDocument.load(path: file).schema(at: pointer)
        } catch {
            throw SchemaLocationError(location: text, message: "\(error)")
        }
        return SchemaFields(schema: schema, recordName: Self.recordName(of: parsed), maxDepth: maxDepth)
    }

    /// An action's input or output schema; `$ref: "#/schemas/Name"` points into the manifest's `schemas:`.
    private func actionFields(name: String, output: Bool, maxDepth: Int?) throws(SchemaLocationError) -> SchemaFields {
        let (document, diagnostics, _) = WeftDocument.load(path: file)
        guard case .app(let app) = document else {
            if document == nil, let first = diagnostics.first {
                throw SchemaLocationError(location: text, message: "not a readable app manifest: \(first.message)")
            }
            throw SchemaLocationError(location: text, message: "\(file) is not an app manifest (no `app:` key)")
        }
        do throws(FlowGenerationError) {
            return try AppAction(app: app, name: name).fields(output: output, maxDepth: maxDepth)
        } catch {
            throw SchemaLocationError(location: text, message: error.message)
        }
    }

    /// A JSON Schema file, JSON or YAML; `#/...` references point into the file itself.
    private func schemaFileFields(maxDepth: Int?) throws(SchemaLocationError) -> SchemaFields {
        guard let data = FileManager.default.contents(atPath: file),
            let contents = String(data: data, encoding: .utf8)
        else {
            throw SchemaLocationError(location: text, message: "cannot read the file \(file) as UTF-8 text")
        }
        let schema: JSON
        if file.hasSuffix(".yaml") || file.hasSuffix(".yml") {
            let (root, diagnostics) = YAMLLoader.load(contents, file: file)
            guard let root else {
                throw SchemaLocationError(
                    location: text, message: "not YAML: \(diagnostics.first?.message ?? "cannot be parsed")")
            }
            schema = root.json
        } else {
            do {
                schema = try JSONParser().parse(contents)
            } catch {
                throw SchemaLocationError(location: text, message: "not JSON: \(error)")
            }
        }
        guard schema.objectValue != nil else {
            throw SchemaLocationError(
                location: text, message: "a JSON Schema is an object; this file holds \(schema.typeName)")
        }
        let fields = SchemaFields(schema: schema, maxDepth: maxDepth)
        if fields.recordName != nil { return fields }
        let base = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        return SchemaFields(recordName: base.split(separator: ".").first.map(String.init), fields: fields.fields)
    }

    /// The record a pointer names: its last token that is not a keyword of the document's structure
    /// (`Order` in `/components/schemas/Order`, `/chat.postMessage` in `/paths/~1chat.postMessage/post/parameters`).
    static func recordName(of pointer: JSONPointer) -> String? {
        let structural: Set<String> = [
            "components", "schemas", "definitions", "paths", "parameters", "requestBody", "responses", "content",
            "schema", "properties", "items", "get", "put", "post", "patch", "delete", "head", "options",
            "application/json", "default",
        ]
        return pointer.tokens.last { !structural.contains($0) && Int($0) == nil }
    }
}
