import WeftJSON

/// A value read from a YAML (or JSON) file, with the place each part of it came from.
///
/// Validation works on this tree so that every diagnostic can point at a line and column; the model types
/// are read from it once it is known to be valid.
public struct Located: Sendable {
    /// How a string was written, which decides where its characters sit in the file.
    public enum StringStyle: Sendable {
        case plain
        case singleQuoted
        case doubleQuoted
        /// `|` block: lines kept.
        case literal
        /// `>` block: lines folded.
        case folded
    }

    /// One `key: value` of a mapping.
    public struct Member: Sendable {
        public var key: String
        public var keyLocation: SourceLocation
        public var value: Located
        /// For a member a YAML merge key (`<<: *base`) brought into the mapping: where that `<<` is written. The
        /// member's own locations stay where it is written, in the merged mapping.
        public var mergedBy: SourceLocation?
    }

    /// The shape of the value.
    public enum Kind: Sendable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String, StringStyle)
        case array([Located])
        case object([Member])
    }

    public var kind: Kind
    /// Where the value starts (for a block string, where its `|` or `>` indicator is).
    public var location: SourceLocation
    /// For block strings: the indentation of the content lines, to locate characters inside when there is no
    /// `sourceMap`.
    var blockIndent: Int?
    /// For strings read from a file: where each character of the string is written.
    var sourceMap: ScalarSourceMap?

    /// Creates a located value.
    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// The value as plain JSON.
    public var json: JSON {
        switch kind {
        case .null: return .null
        case .bool(let value): return .bool(value)
        case .number(let value): return .number(value)
        case .string(let value, _): return .string(value)
        case .array(let items): return .array(items.map(\.json))
        case .object(let members):
            var object = JSONObject(minimumCapacity: members.count)
            for member in members { object[member.key] = member.value.json }
            return .object(object)
        }
    }

    /// The member named `key`, for objects.
    public subscript(key: String) -> Located? {
        if case .object(let members) = kind { return members.first { $0.key == key }?.value }
        return nil
    }

    /// The members, for objects (empty otherwise).
    public var members: [Member] {
        if case .object(let members) = kind { return members }
        return []
    }

    /// The string, for strings.
    public var string: String? {
        if case .string(let value, _) = kind { return value }
        return nil
    }

    /// A name for the value's type in messages: "a string", "a list", ...
    public var typeDescription: String {
        switch kind {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "a list"
        case .object: return "a mapping"
        }
    }

    /// Where the character at `offset` (in Unicode scalars) of this string value sits in the file. Offsets past
    /// the end give the end of the string's text (for a quoted string, its closing quote).
    public func location(ofCharacter offset: Int) -> SourceLocation {
        guard case .string(let text, let style) = kind else { return location }
        if let sourceMap {
            var result = location
            (result.line, result.column) = sourceMap.position(ofCharacter: offset)
            return result
        }
        // Without a map (a value not read from a file, or one the scanner reads differently): an approximation
        // that counts the characters of the value as they are written.
        let scalars = Array(text.unicodeScalars.prefix(max(0, offset)))
        switch style {
        case .literal, .folded:
            var line = 0
            var column = 0
            for scalar in scalars {
                if scalar == "\n" {
                    line += 1
                    column = 0
                } else {
                    column += 1
                }
            }
            var result = location
            result.line += 1 + line
            result.column = (blockIndent ?? 0) + column + 1
            return result
        case .plain, .singleQuoted, .doubleQuoted:
            let quote = style == .plain ? 0 : 1
            var result = location
            if let lastBreak = scalars.lastIndex(of: "\n") {
                result.line += scalars.filter { $0 == "\n" }.count
                result.column = scalars.count - lastBreak
            } else {
                result.column += quote + scalars.count
            }
            return result
        }
    }
}
