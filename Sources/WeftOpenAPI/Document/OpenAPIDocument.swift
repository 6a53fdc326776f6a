import Foundation
import WeftJSON

/// An OpenAPI 3.0 / 3.1 or Swagger 2.0 document, read as a plain `JSON` value.
///
/// The document is kept as it was written: nothing is validated up front, so real-world documents that bend the
/// specification still load, and every consumer (the importer, mapping suggestions) reads what it needs and
/// reports what it cannot use. `$ref`s are resolved on demand, inside this document only.
///
/// ```swift
/// let document = try OpenAPIDocument.load(path: "stripe-spec3.yaml")
/// let order = try document.schema(at: "#/components/schemas/charge")   // refs inlined, cycles cut
/// let form = try document.schema(at: "#/paths/~1chat.postMessage/post/parameters")  // Swagger 2.0 parameters
/// ```
public struct OpenAPIDocument: Sendable {
    /// The whole document.
    public let root: JSON
    /// The specification the document declares.
    public let version: OpenAPIVersion
    /// Where the document was read from, as given (used in error messages and diagnostics).
    public let file: String

    /// Reads a document from a file: JSON when its first non-blank character is `{`, YAML otherwise.
    ///
    /// - Throws: `OpenAPIError` when the file cannot be read, is not JSON or YAML, or is not a Swagger 2.0,
    ///   OpenAPI 3.0 or 3.1 document.
    public static func load(path: String) throws(OpenAPIError) -> OpenAPIDocument {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path) }
        return try OpenAPIDocument(bytes: [UInt8](data), file: path)
    }

    /// Reads a document from its bytes (UTF-8 JSON or YAML).
    public init(bytes: [UInt8], file: String = "") throws(OpenAPIError) {
        let start = bytes.firstIndex { !Self.isBlank($0) && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
        if let start, bytes[start] == UInt8(ascii: "{") {
            let root: JSON
            do {
                root = try JSONParser().parse(bytes)
            } catch {
                throw .syntax("\(error)", file: file)
            }
            try self.init(root: root, file: file)
            return
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .notText(file) }
        try self.init(text: text, file: file)
    }

    /// Reads a document from text (JSON or YAML).
    public init(text: String, file: String = "") throws(OpenAPIError) {
        let root: JSON
        if text.utf8.first(where: { !Self.isBlank($0) }) == UInt8(ascii: "{") {
            do {
                root = try JSONParser().parse(text)
            } catch {
                throw .syntax("\(error)", file: file)
            }
        } else {
            do {
                root = try YAMLValueReader.read(text)
            } catch {
                throw .syntax(error.description, file: file)
            }
        }
        try self.init(root: root, file: file)
    }

    /// Wraps a parsed document, detecting its version.
    public init(root: JSON, file: String = "") throws(OpenAPIError) {
        guard case .object = root else { throw .notADocument(file) }
        let swagger = root["swagger"].map(Self.versionText)
        let openapi = root["openapi"].map(Self.versionText)
        guard swagger != nil || openapi != nil else { throw .notADocument(file) }
        guard let version = OpenAPIVersion.declared(swagger: swagger, openapi: openapi) else {
            throw .unsupportedVersion(swagger ?? openapi ?? "", file: file)
        }
        self.root = root
        self.version = version
        self.file = file
    }

    /// The value `pointer` refers to, or `nil` when there is none.
    public func value(at pointer: JSONPointer) -> JSON? {
        root[pointer]
    }

    /// The value a local reference (`#/components/schemas/Pet`, or a bare pointer `/definitions/Pet`) refers
    /// to, or `nil` when it is not a local reference or there is no such value.
    public func value(atReference reference: String) -> JSON? {
        (try? Self.pointer(reference)).flatMap { root[$0] }
    }

    /// The pointer of a local reference: `#` followed by a JSON pointer whose characters may be percent-encoded,
    /// or a bare JSON pointer.
    static func pointer(_ reference: String) throws(JSONPointerError) -> JSONPointer {
        var text = Substring(reference)
        if text.hasPrefix("#") {
            text = text.dropFirst()
            if text.contains("%") { return try JSONPointer(text.removingPercentEncoding ?? String(text)) }
        }
        return try JSONPointer(String(text))
    }

    private static func versionText(_ value: JSON) -> String {
        switch value {
        case .string(let text): return text
        case .number(let number): return number == number.rounded() ? String(format: "%.1f", number) : "\(number)"
        default: return value.serialized()
        }
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
            || byte == UInt8(ascii: "\t")
    }
}
