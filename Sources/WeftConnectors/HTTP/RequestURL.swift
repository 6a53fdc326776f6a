import Foundation
import WeftRuntime

/// URL text helpers for requests: query parameters set or removed by name, references resolved against a base,
/// origins compared.
enum RequestURL {
    /// `url` with the query parameter `name` set to `value` (replacing every earlier value), or removed when
    /// `value` is nil. Names and values are percent-encoded here.
    static func setting(_ name: String, to value: String?, in url: String) -> String {
        let fragmentStart = url.firstIndex(of: "#") ?? url.endIndex
        let withoutFragment = url[..<fragmentStart]
        let fragment = url[fragmentStart...]
        let encodedName = URLQuery.encode(name)
        var base = withoutFragment
        var pairs: [Substring] = []
        if let questionMark = withoutFragment.firstIndex(of: "?") {
            base = withoutFragment[..<questionMark]
            pairs = withoutFragment[withoutFragment.index(after: questionMark)...].split(separator: "&")
        }
        var replaced = false
        var output: [String] = []
        for pair in pairs {
            let pairName = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)[0]
            if decoded(pairName) == name || pairName == encodedName {
                if !replaced, let value { output.append("\(encodedName)=\(URLQuery.encode(value))") }
                replaced = true
            } else {
                output.append(String(pair))
            }
        }
        if !replaced, let value { output.append("\(encodedName)=\(URLQuery.encode(value))") }
        return String(base) + (output.isEmpty ? "" : "?" + output.joined(separator: "&")) + fragment
    }

    /// The decoded value of the first query parameter `name` in `url`, or nil.
    static func value(of name: String, in url: String) -> String? {
        let withoutFragment = url[..<(url.firstIndex(of: "#") ?? url.endIndex)]
        guard let questionMark = withoutFragment.firstIndex(of: "?") else { return nil }
        for pair in withoutFragment[withoutFragment.index(after: questionMark)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if decoded(parts[0]) == name { return parts.count > 1 ? decoded(parts[1]) : "" }
        }
        return nil
    }

    /// `url` with the parameters appended in order (empty values left out by the caller).
    static func appending(_ parameters: [(name: String, value: String)], to url: String) -> String {
        guard !parameters.isEmpty else { return url }
        let text = parameters.map { URLQuery.encode($0.name) + "=" + URLQuery.encode($0.value) }.joined(separator: "&")
        if let questionMark = url.firstIndex(of: "?") {
            return url[url.index(after: questionMark)...].isEmpty ? url + text : url + "&" + text
        }
        return url + "?" + text
    }

    /// `reference` (absolute, or relative such as `/orders?page=2`) resolved against `base`, or nil.
    static func resolve(_ reference: String, against base: String) -> String? {
        let trimmed = reference.trimmingCharacters(in: .whitespaces)
        if HTTPURLParts(trimmed) != nil { return trimmed }
        guard let baseURL = URL(string: base), let resolved = URL(string: trimmed, relativeTo: baseURL) else {
            return nil
        }
        let text = resolved.absoluteString
        return HTTPURLParts(text) == nil ? nil : text
    }

    /// Whether two URLs share scheme, host and port.
    static func sameOrigin(_ first: String, _ second: String) -> Bool {
        guard let a = HTTPURLParts(first), let b = HTTPURLParts(second) else { return false }
        return a.scheme == b.scheme && a.host == b.host && (a.port ?? a.defaultPort) == (b.port ?? b.defaultPort)
    }

    /// The host (and a non-default port) of `url`, for messages; never a resolved address.
    static func hostDescription(_ url: String) -> String {
        guard let parts = HTTPURLParts(url) else { return "the server" }
        if let port = parts.port, port != parts.defaultPort { return "\(parts.host):\(port)" }
        return parts.host
    }

    private static func decoded(_ text: Substring) -> String {
        String(decoding: PercentEncoding.formDecode(ArraySlice(text.utf8)), as: UTF8.self)
    }
}
