/// A strict RFC 8259 JSON parser that works directly on UTF-8 bytes.
///
/// The parser accepts exactly the grammar of RFC 8259 (any value at the top level, surrounded by optional
/// whitespace made of space, tab, line feed and carriage return) with these documented choices:
///
/// - A UTF-8 byte order mark at the very start is skipped when ``skipsByteOrderMark`` is `true` (the default,
///   as RFC 8259 §8.1 allows); otherwise it is an error. A byte order mark anywhere else is an error.
/// - Invalid UTF-8 (overlong forms, encoded surrogates, code points above U+10FFFF, stray continuation bytes,
///   truncated sequences) is rejected, inside and outside strings.
/// - A `\u` escape of an unpaired UTF-16 surrogate becomes U+FFFD REPLACEMENT CHARACTER, because a Swift
///   `String` cannot hold a lone surrogate; a correctly paired escape becomes the one scalar it encodes.
/// - When an object repeats a key, the last value wins; the key keeps the position of its first occurrence,
///   as with JavaScript's `JSON.parse`.
/// - A number whose magnitude is too large for a `Double` (such as `1e400`) is an error, `number out of range`,
///   because a JSON value cannot hold infinity. Numbers too small to represent become zero or a subnormal;
///   `-0` keeps its sign. Conversion is correctly rounded.
/// - Containers nested deeper than ``maximumDepth`` are an error.
public struct JSONParser: Sendable {
    /// The deepest nesting of arrays and objects accepted; the value itself counts as depth 1 when it is a
    /// container. Defaults to 512. The parser recurses once per level, so keep this modest when parsing on
    /// threads with small stacks.
    public var maximumDepth: Int
    /// Whether a UTF-8 byte order mark (EF BB BF) at the start of the input is skipped rather than rejected.
    public var skipsByteOrderMark: Bool

    /// Creates a parser.
    /// - Parameters:
    ///   - maximumDepth: The deepest nesting of arrays and objects accepted.
    ///   - skipsByteOrderMark: Whether a leading UTF-8 byte order mark is skipped rather than rejected.
    public init(maximumDepth: Int = 512, skipsByteOrderMark: Bool = true) {
        self.maximumDepth = maximumDepth
        self.skipsByteOrderMark = skipsByteOrderMark
    }

    /// Parses a JSON text held in a `String`.
    public func parse(_ text: String) throws(JSONParseError) -> JSON {
        let fast = text.utf8.withContiguousStorageIfAvailable { bytes in
            Result { () throws(JSONParseError) -> JSON in try parse(bytes) }
        }
        if let fast { return try fast.get() }
        var copy = text
        let result = copy.withUTF8 { bytes in
            Result { () throws(JSONParseError) -> JSON in try parse(bytes) }
        }
        return try result.get()
    }

    /// Parses a JSON text given as UTF-8 bytes.
    public func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSON {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONParseError) -> JSON in try parse(buffer) }
        }
        return try result.get()
    }

    /// Parses a JSON text given as UTF-8 bytes in raw memory.
    public func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONParseError) -> JSON {
        try parse(bytes.assumingMemoryBound(to: UInt8.self))
    }

    /// Parses a JSON text given as a buffer of UTF-8 bytes.
    public func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSON {
        var parser = JSONByteParser(bytes: bytes, maximumDepth: maximumDepth)
        return try parser.parseDocument(skipsByteOrderMark: skipsByteOrderMark)
    }
}

extension JSON {
    /// Parses a JSON text with the default ``JSONParser``.
    public init(parsing text: String) throws(JSONParseError) {
        self = try JSONParser().parse(text)
    }

    /// Parses UTF-8 bytes of a JSON text with the default ``JSONParser``.
    public init(parsing bytes: [UInt8]) throws(JSONParseError) {
        self = try JSONParser().parse(bytes)
    }
}
