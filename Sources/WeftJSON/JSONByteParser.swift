/// The working state of one parse: a cursor over UTF-8 bytes and a reusable buffer for strings with escapes.
///
/// All reads go through `base` with explicit bounds checks against `count`, so the hot loops carry no
/// per-byte collection overhead.
struct JSONByteParser: ~Copyable {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let base: UnsafePointer<UInt8>
    private let count: Int
    private var index: Int = 0
    private var depth: Int = 0
    private let maximumDepth: Int
    private var scratch: [UInt8] = []
    private var values = JSONParseStack<JSON>()
    private var keys = JSONParseStack<String>()

    init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.bytes = bytes
        self.count = bytes.count
        self.maximumDepth = maximumDepth
        if let address = bytes.baseAddress {
            self.base = address
        } else {
            // An empty buffer may have no address; `count` is 0, so nothing is ever read through this one.
            self.base = UnsafePointer(bitPattern: 1)!
        }
    }

    // MARK: Document

    mutating func parseDocument(skipsByteOrderMark: Bool) throws(JSONParseError) -> JSON {
        if count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF {
            guard skipsByteOrderMark else { throw error("a byte order mark is not allowed", at: 0) }
            index = 3
        }
        let value = try parseValue()
        skipWhitespace()
        if index < count {
            throw error("unexpected \(describeCharacter(at: index)) after the JSON value", at: index)
        }
        return value
    }

    // MARK: Values

    private mutating func parseValue() throws(JSONParseError) -> JSON {
        skipWhitespace()
        guard index < count else { throw error("unexpected end of input, expected a JSON value", at: index) }
        switch base[index] {
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "{"):
            return try parseObject()
        case UInt8(ascii: "["):
            return try parseArray()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        default:
            throw error("unexpected \(describeCharacter(at: index)), expected a JSON value", at: index)
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let length = literal.utf8CodeUnitCount
        let expected = literal.utf8Start
        var offset = 0
        while offset < length {
            guard index + offset < count, base[index + offset] == expected[offset] else {
                throw error("invalid literal, expected '\(literal)'", at: index)
            }
            offset += 1
        }
        index += length
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while index < count {
            let byte = base[index]
            if byte > 0x20 { return }
            if byte == 0x0A {
                index += 1
                skipIndentation()
                continue
            }
            guard byte == 0x20 || byte == 0x0D || byte == 0x09 else { return }
            index += 1
        }
    }

    /// Skips spaces eight at a time, for the indentation of pretty-printed documents.
    private mutating func skipIndentation() {
        while index + 8 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let different = word ^ 0x2020_2020_2020_2020
            if different != 0 {
                index += UInt64(littleEndian: different).trailingZeroBitCount >> 3
                return
            }
            index += 8
        }
    }

    private mutating func enterContainer() throws(JSONParseError) {
        depth += 1
        if depth > maximumDepth {
            throw error("nesting is deeper than the maximum depth of \(maximumDepth)", at: index)
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSON {
        try enterContainer()
        index += 1  // "["
        skipWhitespace()
        if index < count, base[index] == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return .array([])
        }
        let start = values.count
        while true {
            values.push(try parseValue())
            skipWhitespace()
            guard index < count else {
                throw error("unexpected end of input, expected ',' or ']' after an array element", at: index)
            }
            let byte = base[index]
            if byte == UInt8(ascii: ",") {
                index += 1
                skipWhitespace()
                if index < count, base[index] == UInt8(ascii: "]") {
                    throw error("trailing comma in an array", at: index)
                }
            } else if byte == UInt8(ascii: "]") {
                index += 1
                depth -= 1
                return .array(values.pop(from: start))
            } else {
                throw error("expected ',' or ']' after an array element", at: index)
            }
        }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSON {
        try enterContainer()
        index += 1  // "{"
        skipWhitespace()
        if index < count, base[index] == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return .object([:])
        }
        let start = values.count
        let keyStart = keys.count
        while true {
            guard index < count else {
                throw error("unexpected end of input, expected a string key", at: index)
            }
            guard base[index] == UInt8(ascii: "\"") else {
                throw error("expected a string key, found \(describeCharacter(at: index))", at: index)
            }
            let key = try parseString()
            skipWhitespace()
            guard index < count, base[index] == UInt8(ascii: ":") else {
                if index >= count {
                    throw error("unexpected end of input, expected ':' after an object key", at: index)
                }
                throw error("expected ':' after an object key", at: index)
            }
            index += 1
            keys.push(key)
            values.push(try parseValue())
            skipWhitespace()
            guard index < count else {
                throw error("unexpected end of input, expected ',' or '}' after an object member", at: index)
            }
            let byte = base[index]
            if byte == UInt8(ascii: ",") {
                index += 1
                skipWhitespace()
                if index < count, base[index] == UInt8(ascii: "}") {
                    throw error("trailing comma in an object", at: index)
                }
            } else if byte == UInt8(ascii: "}") {
                index += 1
                depth -= 1
                return .object(makeObject(valuesFrom: start, keysFrom: keyStart))
            } else {
                throw error("expected ',' or '}' after an object member", at: index)
            }
        }
    }

    /// Builds an object from the keys and values pushed since `keyStart` and `start`; of repeated keys the
    /// last value wins, at the position of the first.
    private mutating func makeObject(valuesFrom start: Int, keysFrom keyStart: Int) -> JSONObject {
        let memberCount = values.count - start
        var unique = true
        if memberCount <= 16 {
            var later = keyStart + 1
            while unique && later < keys.count {
                let key = keys[later]
                let length = key.utf8.count
                var earlier = keyStart
                while earlier < later {
                    let other = keys[earlier]
                    if other.utf8.count == length && other == key {
                        unique = false
                        break
                    }
                    earlier += 1
                }
                later += 1
            }
        } else {
            unique = false
        }
        let memberKeys = keys.pop(from: keyStart)
        let memberValues = values.pop(from: start)
        if unique {
            return JSONObject(uncheckedUniqueKeys: memberKeys, values: memberValues)
        }
        var object = JSONObject(minimumCapacity: memberCount)
        for (key, value) in zip(memberKeys, memberValues) {
            object[key] = value
        }
        return object
    }

    // MARK: Strings

    /// Parses a string whose opening quote is at `index`.
    private mutating func parseString() throws(JSONParseError) -> String {
        let quote = index
        index += 1
        let start = index
        while true {
            // Skip eight plain ASCII bytes at a time.
            while index + 8 <= count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                let mask = Self.specialStringBytes(word)
                if mask == 0 {
                    index += 8
                } else {
                    index += mask.trailingZeroBitCount >> 3
                    break
                }
            }
            guard index < count else { throw error("unterminated string", at: quote) }
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                let value = String(
                    decoding: UnsafeBufferPointer(start: base + start, count: index - start), as: UTF8.self)
                index += 1
                return value
            } else if byte == UInt8(ascii: "\\") {
                return try parseEscapedString(quote: quote, start: start)
            } else if byte < 0x20 {
                throw error("control character \(Self.hexByte(byte)) must be escaped in a string", at: index)
            } else if byte >= 0x80 {
                index += try validateUTF8Sequence()
            } else {
                index += 1
            }
        }
    }

    /// Marks (high bit of each byte) the bytes of `word` that end a fast string scan: `"`, `\`, controls and
    /// non-ASCII. The lowest marked byte is always exact.
    @inline(__always)
    private static func specialStringBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let quotes = (quote &- ones) & ~quote
        let backslashes = (backslash &- ones) & ~backslash
        let controls = (word &- ones &* 0x20) & ~word
        return (quotes | backslashes | controls | word) & 0x8080_8080_8080_8080
    }

    /// Continues a string at the first backslash, decoding escapes into `scratch`.
    private mutating func parseEscapedString(quote: Int, start: Int) throws(JSONParseError) -> String {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: base + start, count: index - start))
        while true {
            let runStart = index
            while index < count {
                let byte = base[index]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { break }
                index += 1
            }
            if index > runStart {
                scratch.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart))
            }
            guard index < count else { throw error("unterminated string", at: quote) }
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: scratch, as: UTF8.self)
            } else if byte == UInt8(ascii: "\\") {
                try parseEscape(quote: quote)
            } else if byte < 0x20 {
                throw error("control character \(Self.hexByte(byte)) must be escaped in a string", at: index)
            } else {
                let length = try validateUTF8Sequence()
                scratch.append(contentsOf: UnsafeBufferPointer(start: base + index, count: length))
                index += length
            }
        }
    }

    /// Decodes the escape sequence whose backslash is at `index` into `scratch`.
    private mutating func parseEscape(quote: Int) throws(JSONParseError) {
        guard index + 1 < count else { throw error("unterminated string", at: quote) }
        let escaped = base[index + 1]
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"):
            scratch.append(escaped)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            guard let unit = hexQuad(at: index + 2) else {
                throw error("invalid \\u escape, expected four hexadecimal digits", at: index)
            }
            index += 6
            var scalar = unit
            if (0xD800...0xDBFF).contains(unit) {
                if index + 1 < count, base[index] == UInt8(ascii: "\\"), base[index + 1] == UInt8(ascii: "u"),
                    let low = hexQuad(at: index + 2), (0xDC00...0xDFFF).contains(low)
                {
                    scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                } else {
                    scalar = 0xFFFD
                }
            } else if (0xDC00...0xDFFF).contains(unit) {
                scalar = 0xFFFD
            }
            appendUTF8(scalar)
            return
        default:
            throw error("invalid escape sequence \\\(describeEscape(escaped)) in a string", at: index)
        }
        index += 2
    }

    private func describeEscape(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return String(UnicodeScalar(byte)) }
        return "followed by byte \(Self.hexByte(byte))"
    }

    /// The value of four hexadecimal digits at `position`, or `nil`.
    private func hexQuad(at position: Int) -> UInt32? {
        guard position + 4 <= count else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = base[position + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte &- UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte &- UInt8(ascii: "a") &+ 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte &- UInt8(ascii: "A") &+ 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Validates the multi-byte UTF-8 sequence starting at `index` (Unicode Table 3-7) and returns its length.
    private func validateUTF8Sequence() throws(JSONParseError) -> Int {
        if let length = utf8SequenceLength(at: index) { return length }
        throw error("invalid UTF-8 byte \(Self.hexByte(base[index]))", at: index)
    }

    /// The length of the well-formed multi-byte UTF-8 sequence at `position`, or `nil` if it is ill-formed.
    private func utf8SequenceLength(at position: Int) -> Int? {
        let lead = base[position]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            high = 0x9F
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            high = 0x8F
        default: return nil
        }
        guard position + length <= count else { return nil }
        let second = base[position + 1]
        guard second >= low && second <= high else { return nil }
        var offset = 2
        while offset < length {
            guard base[position + offset] & 0xC0 == 0x80 else { return nil }
            offset += 1
        }
        return length
    }

    // MARK: Numbers

    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    @inline(__always)
    private func isDigit(at position: Int) -> Bool {
        position < count && base[position] &- UInt8(ascii: "0") < 10
    }

    /// Parses a number starting at `index` (a `-` or a digit).
    private mutating func parseNumber() throws(JSONParseError) -> Double {
        let start = index
        let negative = base[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        guard index < count else { throw error("unexpected end of input, expected a digit after '-'", at: index) }
        let first = base[index]
        if first == UInt8(ascii: "0") {
            index += 1
            if isDigit(at: index) { throw error("leading zeros are not allowed in numbers", at: start) }
        } else if first &- UInt8(ascii: "1") < 9 {
            while index < count {
                let digit = base[index] &- UInt8(ascii: "0")
                if digit >= 10 { break }
                mantissa = mantissa &* 10 &+ UInt64(digit)
                significantDigits += 1
                index += 1
            }
        } else {
            throw error("expected a digit after '-', found \(describeCharacter(at: index))", at: index)
        }
        var isPlainInteger = true
        var fractionDigits = 0
        if index < count, base[index] == UInt8(ascii: ".") {
            isPlainInteger = false
            index += 1
            guard isDigit(at: index) else {
                throw error("expected a digit after the decimal point", at: index)
            }
            while index < count {
                let digit = base[index] &- UInt8(ascii: "0")
                if digit >= 10 { break }
                if significantDigits > 0 || digit != 0 {
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                    significantDigits += 1
                }
                fractionDigits += 1
                index += 1
            }
        }
        var exponent = 0
        if index < count, base[index] | 0x20 == UInt8(ascii: "e") {
            isPlainInteger = false
            index += 1
            var negativeExponent = false
            if index < count, base[index] == UInt8(ascii: "+") || base[index] == UInt8(ascii: "-") {
                negativeExponent = base[index] == UInt8(ascii: "-")
                index += 1
            }
            guard isDigit(at: index) else { throw error("expected a digit in the exponent", at: index) }
            while index < count {
                let digit = base[index] &- UInt8(ascii: "0")
                if digit >= 10 { break }
                if exponent < 1_000_000 { exponent = exponent * 10 + Int(digit) }
                index += 1
            }
            if negativeExponent { exponent = -exponent }
        }

        if isPlainInteger && significantDigits <= 15 {
            let value = Double(mantissa)
            return negative ? -value : value
        }
        // Clinger's fast path: both operands are exact doubles, so one correctly rounded operation is exact
        // rounding of the decimal value.
        if significantDigits <= 19 && mantissa <= 1 << 53 {
            let scale = exponent - fractionDigits
            if mantissa == 0 { return negative ? -0.0 : 0.0 }
            if scale >= 0 && scale <= 22 {
                let value = Double(mantissa) * Self.powersOfTen[scale]
                if value.isFinite { return negative ? -value : value }
            } else if scale < 0 && scale >= -22 {
                let value = Double(mantissa) / Self.powersOfTen[-scale]
                return negative ? -value : value
            }
        }
        let lexeme = String(decoding: UnsafeBufferPointer(start: base + start, count: index - start), as: UTF8.self)
        guard let value = Double(lexeme) else { throw error("invalid number", at: start) }
        guard value.isFinite else { throw error("number out of range", at: start) }
        return value
    }

    // MARK: Errors

    private func error(_ message: String, at offset: Int) -> JSONParseError {
        JSONParseError(message: message, offset: offset, in: bytes)
    }

    private static func hexByte(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return byte < 0x10 ? "0x0" + digits : "0x" + digits
    }

    /// Names the character at `position` for an error message.
    private func describeCharacter(at position: Int) -> String {
        let byte = base[position]
        if byte >= 0x20 && byte < 0x7F { return "character '\(UnicodeScalar(byte))'" }
        if byte >= 0x80, let length = utf8SequenceLength(at: position) {
            let text = String(decoding: UnsafeBufferPointer(start: base + position, count: length), as: UTF8.self)
            if let scalar = text.unicodeScalars.first {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                return "character U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex)"
            }
        }
        return "byte \(Self.hexByte(byte))"
    }
}
