/// The parts of an absolute `http` or `https` URL that request signing needs, split without Foundation.
///
/// The URL is taken as it goes on the wire: its path and query are expected to be percent-encoded already and
/// are kept as written.
struct HTTPURLParts: Sendable, Hashable {
    /// `http` or `https`, lowercase.
    var scheme: String
    /// The host, lowercase; an IPv6 literal keeps its brackets.
    var host: String
    /// The explicit port, or `nil` when the URL names none.
    var port: Int?
    /// The path, `/` when the URL has none.
    var path: String
    /// The query without its `?`, or `nil` when the URL has none.
    var query: Substring?

    /// Splits `url`, or returns `nil` when it is not an absolute `http`/`https` URL with a host.
    init?(_ url: String) {
        guard let schemeEnd = url.firstRange(of: "://") else { return nil }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        self.scheme = scheme

        var rest = url[schemeEnd.upperBound...]
        if let fragment = rest.firstIndex(of: "#") { rest = rest[..<fragment] }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        let afterAuthority = rest[authorityEnd...]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }

        var hostPart = authority
        var portPart: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            hostPart = authority[...close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return nil }
                portPart = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            hostPart = authority[..<colon]
            portPart = authority[authority.index(after: colon)...]
        }
        guard !hostPart.isEmpty else { return nil }
        self.host = hostPart.lowercased()
        if let portPart, !portPart.isEmpty {
            guard portPart.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                let port = Int(portPart), port <= 65_535
            else { return nil }
            self.port = port
        } else {
            self.port = nil
        }

        if let questionMark = afterAuthority.firstIndex(of: "?") {
            let path = afterAuthority[..<questionMark]
            self.path = path.isEmpty ? "/" : String(path)
            self.query = afterAuthority[afterAuthority.index(after: questionMark)...]
        } else {
            self.path = afterAuthority.isEmpty ? "/" : String(afterAuthority)
            self.query = nil
        }
    }

    /// The port used when the URL names none: 80 for `http`, 443 for `https`.
    var defaultPort: Int { scheme == "https" ? 443 : 80 }

    /// `scheme://host[:port]/path` as RFC 5849 §3.4.1.2 wants it: lowercase scheme and host, the port only when
    /// it is not the scheme's default, no query and no fragment.
    var baseStringURI: String {
        if let port, port != defaultPort {
            return "\(scheme)://\(host):\(port)\(path)"
        }
        return "\(scheme)://\(host)\(path)"
    }
}
