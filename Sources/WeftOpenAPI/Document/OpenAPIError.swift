/// Why a document could not be read, or a pointer not answered: what went wrong and where.
public struct OpenAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Hashable {
        case unreadable
        case notText
        case syntax
        case notADocument
        case unsupportedVersion
        case badPointer
        case noValue
        case notASchema
    }

    private let code: Code
    /// What went wrong, for people.
    public let message: String
    /// The document's file, as given to the loader.
    public let file: String

    private init(_ code: Code, _ message: String, file: String) {
        self.code = code
        self.message = message
        self.file = file
    }

    /// `file: message`.
    public var description: String { file.isEmpty ? message : "\(file): \(message)" }

    static func unreadable(_ file: String) -> OpenAPIError {
        OpenAPIError(.unreadable, "cannot read the file", file: file)
    }

    static func notText(_ file: String) -> OpenAPIError {
        OpenAPIError(.notText, "the file is not UTF-8 text", file: file)
    }

    static func syntax(_ detail: String, file: String) -> OpenAPIError {
        OpenAPIError(.syntax, "not valid JSON or YAML: \(detail)", file: file)
    }

    static func notADocument(_ file: String) -> OpenAPIError {
        OpenAPIError(
            .notADocument, "not an OpenAPI or Swagger document: expected a top-level `openapi` or `swagger` member",
            file: file)
    }

    static func unsupportedVersion(_ version: String, file: String) -> OpenAPIError {
        OpenAPIError(
            .unsupportedVersion, "version `\(version)` is not supported; Swagger 2.0, OpenAPI 3.0 and 3.1 are",
            file: file)
    }

    static func badPointer(_ pointer: String, _ detail: String, file: String) -> OpenAPIError {
        OpenAPIError(.badPointer, "`\(pointer)` is not a JSON pointer: \(detail)", file: file)
    }

    static func noValue(_ pointer: String, file: String) -> OpenAPIError {
        OpenAPIError(.noValue, "nothing at `\(pointer)`", file: file)
    }

    static func notASchema(_ pointer: String, file: String) -> OpenAPIError {
        OpenAPIError(
            .notASchema, "`\(pointer)` is neither a schema (an object or a Boolean) nor a parameter list", file: file)
    }
}
