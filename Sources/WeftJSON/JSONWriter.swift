/// Writes ``JSON`` values as text, byte for byte as JavaScript's `JSON.stringify` does.
///
/// With an ``indent`` of 0 the output is compact (`{"a":[1,2]}`); with a positive indent it has the layout of
/// `JSON.stringify(value, null, indent)`: one member or element per line, `": "` after keys, and `[]` and `{}`
/// for empty containers. Strings are escaped as `JSON.stringify` escapes them (see `appendEscaped(_:to:)`),
/// numbers are written with ``JSONNumber/format(_:)`` and non-finite numbers as `null`.
public struct JSONWriter: Sendable {
    /// Spaces per nesting level; 0 writes compact output. Values above 10 are treated as 10, as in JavaScript.
    public var indent: Int
    /// Whether object members are written in ascending order of their keys' Unicode scalar values instead of
    /// their stored order.
    public var sortedKeys: Bool

    /// Creates a writer.
    /// - Parameters:
    ///   - indent: Spaces per nesting level; 0 writes compact output.
    ///   - sortedKeys: Whether object members are written sorted by key.
    public init(indent: Int = 0, sortedKeys: Bool = false) {
        self.indent = indent
        self.sortedKeys = sortedKeys
    }

    /// The text of `value`.
    public func string(from value: JSON) -> String {
        String(decoding: bytes(from: value), as: UTF8.self)
    }

    /// The UTF-8 bytes of the text of `value`.
    public func bytes(from value: JSON) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(value, to: &output)
        return output
    }

    /// Appends the UTF-8 bytes of the text of `value` to `output`.
    public func write(_ value: JSON, to output: inout [UInt8]) {
        let indent = min(max(indent, 0), 10)
        if indent == 0 && !sortedKeys {
            Self.writeCompact(value, to: &output)
        } else {
            writeGeneral(value, indent: indent, level: 0, to: &output)
        }
    }

    // MARK: Building blocks

    /// Appends `string` as a JSON string literal, with its surrounding quotes, escaped exactly as JavaScript's
    /// `JSON.stringify`: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other C0 controls as `\u00xx` with lowercase
    /// hexadecimal, and everything else (including `/`, DEL and non-ASCII) as literal UTF-8.
    public static func appendEscaped(_ string: String, to output: inout String) {
        let clean =
            string.utf8.withContiguousStorageIfAvailable { bytes in
                firstEscapedIndex(in: bytes) == nil
            } ?? string.utf8.allSatisfy { !needsEscape($0) }
        if clean {
            output.append("\"")
            output.append(string)
            output.append("\"")
        } else {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(string.utf8.count + 8)
            appendEscaped(string, to: &bytes)
            output.append(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Appends `string` as a JSON string literal in UTF-8, with its surrounding quotes, escaped as
    /// the `String` variant describes.
    public static func appendEscaped(_ string: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { bytes in
            appendEscapedBytes(bytes, to: &output)
        }
        if done == nil {
            let bytes = Array(string.utf8)
            bytes.withUnsafeBufferPointer { appendEscapedBytes($0, to: &output) }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Appends `value` as JSON text: ``JSONNumber/format(_:)`` for finite numbers and `null` otherwise.
    public static func appendNumber(_ value: Double, to output: inout String) {
        output.append(value.isFinite ? JSONNumber.format(value) : "null")
    }

    /// Appends `value` as JSON text in UTF-8: ``JSONNumber/format(_:)`` for finite numbers and `null`
    /// otherwise.
    public static func appendNumber(_ value: Double, to output: inout [UInt8]) {
        if value.isFinite {
            JSONNumber.append(value, to: &output)
        } else {
            output.append(contentsOf: "null".utf8)
        }
    }
}

extension JSONWriter {
    @inline(__always)
    fileprivate static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    fileprivate static func firstEscapedIndex(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        let count = bytes.count
        guard let base = bytes.baseAddress else { return nil }
        while index + 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            let mask = escapeMask(word)
            if mask != 0 { return index + mask.trailingZeroBitCount >> 3 }
            index += 8
        }
        while index < count {
            if needsEscape(base[index]) { return index }
            index += 1
        }
        return nil
    }

    /// Marks (high bit of each byte) the bytes of `word` that need escaping; the lowest mark is exact.
    @inline(__always)
    fileprivate static func escapeMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let quotes = (quote &- ones) & ~quote
        let backslashes = (backslash &- ones) & ~backslash
        let controls = (word &- ones &* 0x20) & ~word
        return (quotes | backslashes | controls) & 0x8080_8080_8080_8080
    }

    fileprivate static func appendEscapedBytes(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        var start = 0
        var rest = bytes
        while let offset = firstEscapedIndex(in: rest) {
            let position = start + offset
            if position > start {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
            }
            let byte = bytes[position]
            output.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""): output.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\"))
            case 0x08: output.append(UInt8(ascii: "b"))
            case 0x0C: output.append(UInt8(ascii: "f"))
            case 0x0A: output.append(UInt8(ascii: "n"))
            case 0x0D: output.append(UInt8(ascii: "r"))
            case 0x09: output.append(UInt8(ascii: "t"))
            default:
                output.append(UInt8(ascii: "u"))
                output.append(UInt8(ascii: "0"))
                output.append(UInt8(ascii: "0"))
                output.append(UInt8(ascii: "0") &+ byte >> 4)  // C0 controls: the high nibble is 0 or 1.
                let low = byte & 0xF
                output.append(low < 10 ? UInt8(ascii: "0") &+ low : UInt8(ascii: "a") &+ low &- 10)
            }
            start = position + 1
            rest = UnsafeBufferPointer(rebasing: bytes[start...])
        }
        if start < bytes.count {
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }

    fileprivate static func writeCompact(_ value: JSON, to output: inout [UInt8]) {
        switch value {
        case .null:
            output.append(contentsOf: "null".utf8)
        case .bool(let flag):
            output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number):
            appendNumber(number, to: &output)
        case .string(let string):
            appendEscaped(string, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            var first = true
            for element in elements {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                writeCompact(element, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            var first = true
            for (key, member) in object {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                appendEscaped(key, to: &output)
                output.append(UInt8(ascii: ":"))
                writeCompact(member, to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    fileprivate static func appendNewline(indent: Int, level: Int, to output: inout [UInt8]) {
        guard indent > 0 else { return }
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * level))
    }

    fileprivate func writeGeneral(_ value: JSON, indent: Int, level: Int, to output: inout [UInt8]) {
        switch value {
        case .array(let elements):
            if elements.isEmpty {
                output.append(contentsOf: "[]".utf8)
                return
            }
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                Self.appendNewline(indent: indent, level: level + 1, to: &output)
                writeGeneral(element, indent: indent, level: level + 1, to: &output)
            }
            Self.appendNewline(indent: indent, level: level, to: &output)
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            if object.isEmpty {
                output.append(contentsOf: "{}".utf8)
                return
            }
            output.append(UInt8(ascii: "{"))
            var keys = Array(object.keys)
            if sortedKeys { keys.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
            for (position, key) in keys.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                Self.appendNewline(indent: indent, level: level + 1, to: &output)
                Self.appendEscaped(key, to: &output)
                output.append(UInt8(ascii: ":"))
                if indent > 0 { output.append(UInt8(ascii: " ")) }
                writeGeneral(object[key]!, indent: indent, level: level + 1, to: &output)
            }
            Self.appendNewline(indent: indent, level: level, to: &output)
            output.append(UInt8(ascii: "}"))
        default:
            Self.writeCompact(value, to: &output)
        }
    }
}
