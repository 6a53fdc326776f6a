/// The `format`s that validation checks; other formats are annotations only.
///
/// The checks are lenient but real: a `date` must be a date that exists, a `date-time` needs a time zone, an
/// `email` needs a local part and a plausible domain.
enum SchemaFormat: String, Sendable {
    case dateTime = "date-time"
    case date
    case time
    case email
    case uuid
    case uri
    case uriReference = "uri-reference"
    case hostname
    case ipv4
    case ipv6

    /// What a conforming string is, for messages: "expected a date-time (RFC 3339)".
    var phrase: String {
        switch self {
        case .dateTime: "a date-time (RFC 3339, like 2024-05-01T12:00:00Z)"
        case .date: "a date (like 2024-05-01)"
        case .time: "a time (like 12:00:00Z)"
        case .email: "an email address"
        case .uuid: "a UUID"
        case .uri: "an absolute URI"
        case .uriReference: "a URI reference"
        case .hostname: "a host name"
        case .ipv4: "an IPv4 address"
        case .ipv6: "an IPv6 address"
        }
    }

    /// Whether `text` is in this format.
    func matches(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        switch self {
        case .dateTime: return Self.isDateTime(bytes[...])
        case .date: return Self.isDate(bytes[...])
        case .time: return Self.isTime(bytes[...], requiresOffset: false)
        case .email: return Self.isEmail(bytes)
        case .uuid: return Self.isUUID(bytes)
        case .uri: return Self.isURI(bytes, absolute: true)
        case .uriReference: return Self.isURI(bytes, absolute: false)
        case .hostname: return Self.isHostname(bytes[...])
        case .ipv4: return Self.isIPv4(bytes[...])
        case .ipv6: return Self.isIPv6(bytes[...])
        }
    }

    // MARK: - Dates and times

    private static func digits(_ bytes: ArraySlice<UInt8>, _ offset: Int, _ count: Int) -> Int? {
        let start = bytes.startIndex + offset
        guard start + count <= bytes.endIndex else { return nil }
        var value = 0
        for byte in bytes[start..<start + count] {
            guard byte &- UInt8(ascii: "0") < 10 else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func isDate(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count == 10, bytes[bytes.startIndex + 4] == UInt8(ascii: "-"),
            bytes[bytes.startIndex + 7] == UInt8(ascii: "-"),
            let year = digits(bytes, 0, 4), let month = digits(bytes, 5, 2), let day = digits(bytes, 8, 2),
            (1...12).contains(month)
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1...lengths[month - 1]).contains(day)
    }

    /// `HH:MM:SS[.fraction][Z|±HH:MM]`; the offset is required in a date-time.
    private static func isTime(_ bytes: ArraySlice<UInt8>, requiresOffset: Bool) -> Bool {
        guard bytes.count >= 8, bytes[bytes.startIndex + 2] == UInt8(ascii: ":"),
            bytes[bytes.startIndex + 5] == UInt8(ascii: ":"),
            let hour = digits(bytes, 0, 2), let minute = digits(bytes, 3, 2), let second = digits(bytes, 6, 2),
            hour < 24, minute < 60, second <= 60
        else { return false }
        var rest = bytes.dropFirst(8)
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            let fraction = rest.prefix { $0 &- UInt8(ascii: "0") < 10 }
            guard !fraction.isEmpty else { return false }
            rest = rest.dropFirst(fraction.count)
        }
        switch rest.first {
        case nil:
            return !requiresOffset
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            return rest.count == 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard rest.count == 6, rest[rest.startIndex + 3] == UInt8(ascii: ":"),
                let hours = digits(rest, 1, 2), let minutes = digits(rest, 4, 2)
            else { return false }
            return hours < 24 && minutes < 60
        default:
            return false
        }
    }

    private static func isDateTime(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count >= 19 else { return false }
        let separator = bytes[bytes.startIndex + 10]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " ")
        else { return false }
        return isDate(bytes.prefix(10)) && isTime(bytes.dropFirst(11), requiresOffset: true)
    }

    // MARK: - Identifiers

    private static func isHex(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10 || (byte | 0x20) &- UInt8(ascii: "a") < 6
    }

    private static func isUUID(_ bytes: [UInt8]) -> Bool {
        guard bytes.count == 36 else { return false }
        for (offset, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(offset) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else if !isHex(byte) {
                return false
            }
        }
        return true
    }

    private static func isEmail(_ bytes: [UInt8]) -> Bool {
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return false }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...]
        guard !local.isEmpty, local.count <= 64, local.first != UInt8(ascii: "."), local.last != UInt8(ascii: ".")
        else { return false }
        var previous: UInt8 = 0
        for byte in local {
            // A quoted local part may hold almost anything; an unquoted one no spaces, controls or specials.
            if local.first != UInt8(ascii: "\"") {
                guard byte > 0x20, byte != 0x7F, !Array("()<>[]:;@\\,\"".utf8).contains(byte) else { return false }
                guard !(byte == UInt8(ascii: ".") && previous == UInt8(ascii: ".")) else { return false }
            }
            previous = byte
        }
        if domain.first == UInt8(ascii: "["), domain.last == UInt8(ascii: "]") {
            let literal = domain.dropFirst().dropLast()
            if literal.starts(with: Array("IPv6:".utf8)) { return isIPv6(literal.dropFirst(5)) }
            return isIPv4(literal)
        }
        return isHostname(domain)
    }

    /// Labels of letters, digits and hyphens (or any non-ASCII, for international names), joined by dots.
    private static func isHostname(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard !bytes.isEmpty, bytes.count <= 253 else { return false }
        let labels = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        for (position, label) in labels.enumerated() {
            // A trailing dot (the root) is allowed.
            if label.isEmpty && position == labels.count - 1 && position > 0 { continue }
            guard !label.isEmpty, label.count <= 63, label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-")
            else { return false }
            for byte in label {
                let alphanumeric = byte &- UInt8(ascii: "0") < 10 || (byte | 0x20) &- UInt8(ascii: "a") < 26
                guard alphanumeric || byte == UInt8(ascii: "-") || byte >= 0x80 else { return false }
            }
        }
        return true
    }

    private static func isIPv4(_ bytes: ArraySlice<UInt8>) -> Bool {
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        for part in parts {
            guard (1...3).contains(part.count), let value = digits(part, 0, part.count), value <= 255 else {
                return false
            }
            if part.count > 1 && part.first == UInt8(ascii: "0") { return false }
        }
        return true
    }

    private static func isIPv6(_ bytes: ArraySlice<UInt8>) -> Bool {
        let colon = UInt8(ascii: ":")
        guard bytes.count >= 2, bytes.count <= 45 else { return false }
        var text = Array(bytes)
        var limit = 8
        // An IPv4 address may end the address, standing for the last two groups.
        if let last = text.lastIndex(of: colon), text[(last + 1)...].contains(UInt8(ascii: ".")) {
            guard isIPv4(text[(last + 1)...]) else { return false }
            limit = 6
            text.removeSubrange((last + 1)...)
            if !(text.count >= 2 && text[text.count - 2] == colon) { text.removeLast() }
        }
        func groups(_ part: ArraySlice<UInt8>) -> Int? {
            guard !part.isEmpty else { return 0 }
            let groups = part.split(separator: colon, omittingEmptySubsequences: false)
            guard groups.allSatisfy({ (1...4).contains($0.count) && $0.allSatisfy(isHex) }) else { return nil }
            return groups.count
        }
        guard let gap = text.indices.dropLast().first(where: { text[$0] == colon && text[$0 + 1] == colon }) else {
            return groups(text[...]) == limit
        }
        guard let head = groups(text[..<gap]), let tail = groups(text[(gap + 2)...]) else { return false }
        return head + tail < limit
    }

    /// `scheme:rest` (or, for a reference, anything) without spaces, controls or characters URIs never hold.
    private static func isURI(_ bytes: [UInt8], absolute: Bool) -> Bool {
        for byte in bytes {
            guard byte > 0x20, byte != 0x7F, !Array("<>\"{}|\\^`".utf8).contains(byte) else { return false }
        }
        guard absolute else { return true }
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { return false }
        let scheme = bytes[..<colon]
        guard (scheme.first! | 0x20) &- UInt8(ascii: "a") < 26 else { return false }
        return scheme.allSatisfy { byte in
            (byte | 0x20) &- UInt8(ascii: "a") < 26 || byte &- UInt8(ascii: "0") < 10
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
    }
}
