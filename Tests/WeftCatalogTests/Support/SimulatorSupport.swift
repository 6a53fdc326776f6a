import Foundation
import WeftJSON
import WeftTestSupport

/// Helpers every simulator uses: JSON answers, request bodies, opaque cursors.
enum SimulatorSupport {
    /// A JSON answer with `status` and extra headers.
    static func json(_ value: JSON, status: Int = 200, headers: [(name: String, value: String)] = []) -> TestResponse {
        TestResponse(
            status: status, headers: [("Content-Type", "application/json; charset=utf-8")] + headers,
            body: value.serializedBytes())
    }

    /// The request's JSON body, or nil when it has none or it does not parse.
    static func body(_ request: RecordedRequest) -> JSON? {
        guard !request.body.isEmpty else { return nil }
        return try? JSONParser().parse(request.body)
    }

    /// `http://<Host header>`: the address the client used, for absolute next-page links.
    static func origin(_ request: RecordedRequest) -> String {
        "http://" + (request.header("Host") ?? "127.0.0.1")
    }

    /// An opaque cursor for a position, as vendors hand them out (base64 of a small JSON object).
    static func cursor(_ value: JSON) -> String {
        Data(value.serializedBytes()).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The position inside a cursor made by ``cursor(_:)``, or nil when it is not one.
    static func position(_ cursor: String) -> JSON? {
        var text = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        guard let data = Data(base64Encoded: text) else { return nil }
        return try? JSONParser().parse(Array(data))
    }

    /// Percent-encodes a query value (RFC 3986 unreserved characters kept).
    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// An integer from a JSON number or a numeric string.
    static func integer(_ value: JSON?) -> Int? {
        switch value {
        case .number(let number)?: return Int(exactly: number)
        case .string(let text)?: return Int(text)
        default: return nil
        }
    }
}

extension JSON {
    /// The object with `key` set to `value` (unchanged when not an object).
    func setting(_ key: String, _ value: JSON) -> JSON {
        guard var object = objectValue else { return self }
        object[key] = value
        return .object(object)
    }

    /// The object with the members of `other` laid over its own.
    func merging(_ other: JSON) -> JSON {
        guard var object = objectValue, let more = other.objectValue else { return self }
        for (key, value) in more { object[key] = value }
        return .object(object)
    }
}
