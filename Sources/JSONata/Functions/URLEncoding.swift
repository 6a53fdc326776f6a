/// Percent-encoding as JavaScript's `encodeURIComponent`/`encodeURI` and their decoders do it.
enum URLEncoding {
    private static let unreserved: Set<UInt8> = Set(
        Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()".utf8))
    /// Characters `encodeURIComponent` leaves alone.
    static let componentSafe = unreserved
    /// Characters `encodeURI` leaves alone.
    static let uriSafe = unreserved.union(Array(";,/?:@&=+$#".utf8))
    /// Characters whose escapes `decodeURI` keeps escaped.
    static let reserved: Set<UInt8> = Set(Array(";,/?:@&=+$#".utf8))

    static func encode(_ text: String, keeping safe: Set<UInt8>) -> String {
        var output = ""
        for byte in text.utf8 {
            if safe.contains(byte) {
                output.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                output += "%" + hex(byte >> 4) + hex(byte & 15)
            }
        }
        return output
    }

    private static func hex(_ nibble: UInt8) -> String {
        String(UnicodeScalar(nibble < 10 ? nibble + 48 : nibble + 55))
    }

    /// Decodes percent escapes; escapes of bytes in `preserving` stay as they are. Nil when malformed.
    static func decode(_ text: String, preserving: Set<UInt8>) -> String? {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "%") else {
                output.append(byte)
                index += 1
                continue
            }
            guard index + 2 < bytes.count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            else { return nil }
            let decoded = high << 4 | low
            if decoded < 0x80 && preserving.contains(decoded) {
                output.append(contentsOf: bytes[index..<(index + 3)])
            } else {
                output.append(decoded)
            }
            index += 3
        }
        // Escapes must form valid UTF-8.
        var result = String.UnicodeScalarView()
        var decoder = UTF8()
        var iterator = output.makeIterator()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): result.append(scalar)
            case .emptyInput: break loop
            case .error: return nil
            }
        }
        return String(result)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: return byte - 48
        case 65...70: return byte - 55
        case 97...102: return byte - 87
        default: return nil
        }
    }
}
