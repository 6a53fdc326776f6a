import Foundation
import WeftJSON
import WeftModel

/// Query string encoding and redaction.
public enum URLQuery {
    private static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)

    /// Percent-encodes a query name or value (RFC 3986 unreserved characters stay).
    public static func encode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            if unreserved.contains(byte) {
                output.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                output += String(format: "%%%02X", byte)
            }
        }
        return output
    }

    /// The URL with the values of query parameters that look like credentials replaced by `••••`.
    public static func redacted(_ url: String) -> String {
        guard let questionMark = url.firstIndex(of: "?") else { return url }
        let base = url[..<questionMark]
        let pairs = url[url.index(after: questionMark)...].split(separator: "&").map { pair -> String in
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, SecretNames.isSecret(String(parts[0])) else { return String(pair) }
            return "\(parts[0])=••••"
        }
        return base + "?" + pairs.joined(separator: "&")
    }
}

/// Names of headers and parameters whose values are credentials.
public enum SecretNames {
    /// Whether a header or parameter name looks like it carries a credential.
    public static func isSecret(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return [
            "authorization", "token", "secret", "password", "api_key", "apikey", "api-key", "key", "signature",
            "cookie",
        ]
        .contains { lowered.contains($0) }
    }
}

/// Reads `Retry-After`: seconds, or an HTTP date.
public enum RetryAfter {
    /// The wait asked for, or nil when the header is absent or unreadable.
    public static func parse(_ value: String?, now: Date) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value), seconds >= 0 { return .milliseconds(Int64(seconds * 1000)) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return .milliseconds(Int64(max(0, date.timeIntervalSince(now)) * 1000))
    }
}

/// Turns a response into a step output.
public enum HTTPBody {
    /// The output for `format`: parsed JSON, text, or the full response.
    public static func output(_ response: HTTPResponse, format: HTTPStep.ResponseFormat) throws(StepFailure) -> JSON {
        switch format {
        case .json:
            return try parseJSON(response.body)
        case .text:
            return .string(String(decoding: response.body, as: UTF8.self))
        case .auto:
            return try body(response)
        case .full:
            var headers = JSONObject()
            for header in response.headers { headers[header.name.lowercased()] = .string(header.value) }
            return [
                "status": .number(Double(response.status)), "headers": .object(headers), "body": try body(response),
            ]
        }
    }

    /// JSON when the content type says so (or the body looks like JSON), otherwise text; empty is null.
    public static func body(_ response: HTTPResponse) throws(StepFailure) -> JSON {
        if response.body.isEmpty { return .null }
        let type = response.header("Content-Type")?.lowercased() ?? ""
        if type.contains("json") { return try parseJSON(response.body) }
        if type.isEmpty, let first = response.body.first(where: { $0 != 32 && $0 != 10 && $0 != 13 && $0 != 9 }),
            first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
        {
            if let parsed = try? JSONParser().parse(response.body) { return parsed }
        }
        return .string(String(decoding: response.body, as: UTF8.self))
    }

    private static func parseJSON(_ bytes: [UInt8]) throws(StepFailure) -> JSON {
        do throws(JSONParseError) {
            return try JSONParser().parse(bytes)
        } catch {
            throw StepFailure(.step, "the response is not valid JSON: \(error)")
        }
    }
}
