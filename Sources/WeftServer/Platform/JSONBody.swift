import Hummingbird
import WeftJSON

/// A request's JSON object body, read strictly: at most the configured size and depth, valid UTF-8, an object,
/// no fields the endpoint does not know. Every problem is a 4xx ``APIError`` that says what and where.
public struct JSONBody: Sendable {
    public let fields: JSONObject

    /// Reads the body of `request`; `allowed` lists the fields the endpoint accepts.
    public static func read(
        _ request: Request, configuration: ServerConfiguration, allowed: Set<String>
    ) async throws -> JSONBody {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: configuration.maximumBodySize)
        } catch {
            throw APIError(
                .contentTooLarge, "body_too_large", "the body is larger than \(configuration.maximumBodySize) bytes")
        }
        let bytes = Array(buffer.readableBytesView)
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw APIError(.badRequest, "invalid_json", "the body is not valid UTF-8")
        }
        let value: JSON
        do {
            value = try JSONParser(maximumDepth: configuration.maximumJSONDepth).parse(bytes)
        } catch {
            throw APIError(.badRequest, "invalid_json", "the body is not valid JSON: \(error)")
        }
        guard case .object(let fields) = value else {
            throw APIError(.badRequest, "invalid_json", "the body must be a JSON object")
        }
        let unknown = fields.keys.filter { !allowed.contains($0) }
        if let first = unknown.first {
            let known = allowed.sorted().map { "`\($0)`" }.joined(separator: ", ")
            throw APIError(
                .unprocessableContent, "unknown_field", "unknown field `\(first)`; this endpoint takes \(known)")
        }
        return JSONBody(fields: fields)
    }

    /// The string field `name`; an error when it is missing (and `required`), not a string, empty, or longer than
    /// `maximumLength` characters.
    public func string(_ name: String, required: Bool = true, maximumLength: Int = 1000) throws -> String? {
        guard let value = fields[name], value != .null else {
            if required { throw APIError(.unprocessableContent, "missing_field", "the field `\(name)` is required") }
            return nil
        }
        guard case .string(let text) = value else {
            throw APIError(
                .unprocessableContent, "wrong_type", "the field `\(name)` must be a string, not \(value.typeName)")
        }
        guard !text.isEmpty else {
            throw APIError(.unprocessableContent, "invalid_field", "the field `\(name)` must not be empty")
        }
        guard text.count <= maximumLength else {
            throw APIError(
                .unprocessableContent, "invalid_field", "the field `\(name)` is longer than \(maximumLength) characters"
            )
        }
        return text
    }

    /// The required field `name` as an email address, lowercased (the form accounts and invitations are kept in).
    public func email(_ name: String = "email") throws -> String {
        let email = try string(name, maximumLength: 254)!.lowercased()
        guard email.contains("@"), !email.hasPrefix("@"), !email.hasSuffix("@") else {
            throw APIError(.unprocessableContent, "invalid_field", "`\(name)` is not an email address")
        }
        return email
    }

    /// The Boolean field `name`; `fallback` when it is missing or null, an error when it is of another type.
    public func bool(_ name: String, default fallback: Bool) throws -> Bool {
        switch fields[name] {
        case nil, .null?: return fallback
        case .bool(let value)?: return value
        case let other?:
            throw APIError(
                .unprocessableContent, "wrong_type", "`\(name)` must be true or false, not \(other.typeName)")
        }
    }

    /// The string field `name` read as a value of `T`, listing the accepted values when it is not one.
    public func enumeration<T: RawRepresentable & CaseIterable>(_ name: String, _ type: T.Type) throws -> T?
    where T.RawValue == String {
        guard let text = try string(name, required: false) else { return nil }
        guard let value = T(rawValue: text) else {
            let accepted = T.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")
            throw APIError(
                .unprocessableContent, "invalid_field", "the field `\(name)` must be one of \(accepted), not `\(text)`")
        }
        return value
    }
}
