import Foundation
import WeftJSON
import WeftMapping
import WeftModel

/// Test-only: reads the schema at a pointer of an OpenAPI document, for the dev set until the product's
/// resolver (`OpenAPIDocument.schema(at:)` in WeftOpenAPI) can be used here. References are left to
/// ``SchemaFields`` (they point into the same document); a Swagger 2.0 parameter list becomes an object schema.
enum SchemaDocument {
    /// The parsed document at `path` (JSON or YAML).
    static func load(_ path: String) throws -> JSON {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        if path.hasSuffix(".json") { return try JSONParser().parse([UInt8](data)) }
        let text = String(decoding: data, as: UTF8.self)
        let (root, diagnostics) = YAMLLoader.load(text, file: path)
        guard let root else { throw LoadError(message: "\(path): \(diagnostics.first?.message ?? "not YAML")") }
        return root.json
    }

    /// The fields of the schema at `pointer` in `document`.
    static func fields(in document: JSON, pointer: String, maxDepth: Int?) throws -> SchemaFields {
        let jsonPointer = try JSONPointer(String(pointer.drop { $0 == "#" }))
        guard var schema = document[jsonPointer] else { throw LoadError(message: "nothing at \(pointer)") }
        if let parameters = schema.arrayValue { schema = parameterSchema(parameters, document: document) }
        return SchemaFields(
            schema: schema, recordName: recordName(of: jsonPointer), maxDepth: maxDepth, referenceRoot: document)
    }

    /// The record a pointer names: its last token that is not a keyword of the document's structure.
    static func recordName(of pointer: JSONPointer) -> String? {
        let structural: Set<String> = [
            "components", "schemas", "definitions", "paths", "parameters", "requestBody", "responses", "content",
            "schema", "properties", "items", "get", "put", "post", "patch", "delete", "application/json",
        ]
        return pointer.tokens.last { !structural.contains($0) && Int($0) == nil }
    }

    /// A Swagger 2.0 parameter list as one object schema: each parameter a property, a body parameter's schema
    /// merged in.
    static func parameterSchema(_ parameters: [JSON], document: JSON) -> JSON {
        var properties: JSONObject = [:]
        var required: [JSON] = []
        for var parameter in parameters {
            if let reference = parameter["$ref"]?.stringValue,
                let pointer = try? JSONPointer(String(reference.dropFirst())),
                let resolved = document[pointer]
            {
                parameter = resolved
            }
            guard let name = parameter["name"]?.stringValue else { continue }
            if parameter["in"]?.stringValue == "body", let schema = parameter["schema"] {
                return schema
            }
            var property = parameter.objectValue ?? [:]
            for key in ["name", "in", "required", "collectionFormat", "allowEmptyValue"] { property[key] = nil }
            properties[name] = .object(property)
            if parameter["required"]?.boolValue == true { required.append(.string(name)) }
        }
        return ["type": "object", "properties": .object(properties), "required": .array(required)]
    }

    struct LoadError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
