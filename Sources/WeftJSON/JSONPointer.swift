/// A JSON Pointer (RFC 6901): a path of reference tokens from the root of a JSON document to one value,
/// written as text like `/paths/~1pets/get` (`~1` stands for `/` and `~0` for `~` inside a token).
///
/// The empty pointer `""` refers to the whole document. Tokens are kept unescaped.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible {
    /// The unescaped reference tokens, from the root down.
    public var tokens: [String]

    /// The pointer to the whole document.
    public static let root = JSONPointer(tokens: [])

    /// Creates a pointer from unescaped reference tokens.
    public init(tokens: [String]) {
        self.tokens = tokens
    }

    /// Parses the text of a pointer.
    ///
    /// The text must be empty or start with `/`; a `~` must be followed by `0` or `1`.
    public init(_ text: String) throws(JSONPointerError) {
        guard !text.isEmpty else {
            self.init(tokens: [])
            return
        }
        guard text.utf8.first == UInt8(ascii: "/") else {
            throw JSONPointerError(message: "a JSON pointer must be empty or start with '/'", offset: 0)
        }
        var tokens: [String] = []
        var token: [UInt8] = []
        var offset = 1
        var iterator = text.utf8.dropFirst().makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "/"):
                tokens.append(String(decoding: token, as: UTF8.self))
                token.removeAll(keepingCapacity: true)
            case UInt8(ascii: "~"):
                switch iterator.next() {
                case UInt8(ascii: "0"): token.append(UInt8(ascii: "~"))
                case UInt8(ascii: "1"): token.append(UInt8(ascii: "/"))
                default:
                    throw JSONPointerError(
                        message: "'~' must be followed by '0' or '1' in a JSON pointer", offset: offset)
                }
                offset += 1
            default:
                token.append(byte)
            }
            offset += 1
        }
        tokens.append(String(decoding: token, as: UTF8.self))
        self.init(tokens: tokens)
    }

    /// Whether this pointer refers to the whole document.
    public var isRoot: Bool { tokens.isEmpty }

    /// The pointer to the value that contains this one, or `nil` for the root.
    public var parent: JSONPointer? {
        tokens.isEmpty ? nil : JSONPointer(tokens: Array(tokens.dropLast()))
    }

    /// The text of the pointer, with `~` and `/` in tokens escaped as `~0` and `~1`.
    public var description: String {
        var text = ""
        for token in tokens {
            text.append("/")
            text.append(Self.escape(token))
        }
        return text
    }

    /// Escapes one reference token: `~` becomes `~0` and `/` becomes `~1`.
    public static func escape(_ token: String) -> String {
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else {
            return token
        }
        var escaped = ""
        for character in token.unicodeScalars {
            switch character {
            case "~": escaped.append("~0")
            case "/": escaped.append("~1")
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// Adds a reference token (an object key, or an array index in decimal) at the end.
    public mutating func append(_ token: String) {
        tokens.append(token)
    }

    /// Adds an array index at the end.
    public mutating func append(_ index: Int) {
        tokens.append(String(index))
    }

    /// This pointer with a reference token added at the end.
    public func appending(_ token: String) -> JSONPointer {
        var pointer = self
        pointer.append(token)
        return pointer
    }

    /// This pointer with an array index added at the end.
    public func appending(_ index: Int) -> JSONPointer {
        var pointer = self
        pointer.append(index)
        return pointer
    }
}

extension JSONPointer {
    /// The array index a token denotes by RFC 6901: `0` or digits without a leading zero; `nil` otherwise,
    /// including for `-` (the element after the last, which never exists for a lookup).
    static func arrayIndex(_ token: String) -> Int? {
        let utf8 = token.utf8
        guard let first = utf8.first, first &- UInt8(ascii: "0") < 10 else { return nil }
        if first == UInt8(ascii: "0") && utf8.count > 1 { return nil }
        guard utf8.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) else { return nil }
        return Int(token)
    }
}

extension JSON {
    /// The value `pointer` refers to in this document, or `nil` when there is none.
    ///
    /// Tokens select object members by key and array elements by decimal index (`0`, `1`, … without leading
    /// zeros); `-` and out-of-range indexes find nothing.
    public subscript(pointer: JSONPointer) -> JSON? {
        var current = self
        for token in pointer.tokens {
            switch current {
            case .object(let object):
                guard let member = object[token] else { return nil }
                current = member
            case .array(let elements):
                guard let index = JSONPointer.arrayIndex(token), index < elements.count else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }
}
