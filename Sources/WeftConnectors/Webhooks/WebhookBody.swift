import WeftJSON

/// Reads a webhook request's body into the run's message, by its content type: JSON (`application/json`,
/// `*+json`, or no type), form fields (`application/x-www-form-urlencoded`, a repeated field becomes an array),
/// or text for everything else that is UTF-8 (`text/*`, XML, ...).
public enum WebhookBody {
    /// The message of a body; an empty body is `null`.
    public static func decode(_ body: [UInt8], contentType: String?) throws(WebhookBodyError) -> JSON {
        let mediaType =
            contentType?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            ?? ""
        if body.isEmpty { return .null }
        if mediaType.isEmpty || mediaType == "application/json" || mediaType.hasSuffix("+json") {
            do {
                return try JSONParser().parse(body)
            } catch {
                throw WebhookBodyError(message: "the body is not valid JSON: \(error)")
            }
        }
        guard let text = String(validating: body, as: UTF8.self) else {
            throw WebhookBodyError(message: "the body is not UTF-8 text (content type \(mediaType))")
        }
        guard mediaType == "application/x-www-form-urlencoded" else { return .string(text) }
        var fields = JSONObject()
        for (name, value) in PercentEncoding.parseFormText(Substring(text)) {
            switch fields[name] {
            case nil: fields[name] = .string(value)
            case .array(let values)?: fields[name] = .array(values + [.string(value)])
            case let first?: fields[name] = .array([first, .string(value)])
            }
        }
        return .object(fields)
    }
}

/// Why a webhook body cannot be read; safe to show the caller.
public struct WebhookBodyError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
