/// Percent-encoding as OAuth uses it: RFC 3986 §2.1 over UTF-8 with the unreserved set left alone
/// (RFC 5849 §3.6), and the `application/x-www-form-urlencoded` form of it (`+` for a space).
enum PercentEncoding {
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Whether `byte` is in RFC 3986's unreserved set: `A–Z a–z 0–9 - . _ ~`.
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// Every byte outside the unreserved set as `%XX` with uppercase hex digits (RFC 5849 §3.6).
    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var output: [UInt8] = []
        for byte in bytes {
            if isUnreserved(byte) {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The UTF-8 of `text` percent-encoded as RFC 5849 §3.6 requires.
    static func encode(_ text: String) -> String {
        encode(text.utf8)
    }

    /// `text` encoded for an `application/x-www-form-urlencoded` body: unreserved bytes as they are, a space as
    /// `+`, every other byte as `%XX`.
    static func formEncode(_ text: String) -> String {
        var output = ""
        var pending: [UInt8] = []
        for byte in text.utf8 {
            if byte == UInt8(ascii: " ") {
                output += encode(pending)
                pending.removeAll(keepingCapacity: true)
                output += "+"
            } else {
                pending.append(byte)
            }
        }
        output += encode(pending)
        return output
    }

    /// Form-decodes one name or value: `+` becomes a space and `%XX` its byte. A `%` not followed by two hex
    /// digits stays as it is, as browsers' URL parsers leave it.
    static func formDecode(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                output.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.endIndex,
                let high = Hex.value(of: bytes[index + 1]), let low = Hex.value(of: bytes[index + 2])
            {
                output.append(high << 4 | low)
                index += 3
                continue
            } else {
                output.append(byte)
            }
            index += 1
        }
        return output
    }

    /// The name–value pairs of a form-encoded string (a URL query or an `application/x-www-form-urlencoded`
    /// body), decoded to bytes, in their order. Empty pieces (`a=1&&b=2`) are skipped; a piece without `=` is a
    /// name with an empty value.
    static func parseForm(_ text: Substring) -> [(name: [UInt8], value: [UInt8])] {
        let bytes = Array(text.utf8)
        var pairs: [(name: [UInt8], value: [UInt8])] = []
        for piece in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            if let equals = piece.firstIndex(of: UInt8(ascii: "=")) {
                pairs.append((formDecode(piece[piece.startIndex..<equals]), formDecode(piece[(equals + 1)...])))
            } else {
                pairs.append((formDecode(piece), []))
            }
        }
        return pairs
    }

    /// The pairs of a form-encoded string decoded as UTF-8 text (invalid UTF-8 becomes U+FFFD).
    static func parseFormText(_ text: Substring) -> [(name: String, value: String)] {
        parseForm(text).map {
            (String(decoding: $0.name, as: UTF8.self), String(decoding: $0.value, as: UTF8.self))
        }
    }
}
