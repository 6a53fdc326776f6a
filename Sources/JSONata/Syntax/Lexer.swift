/// Splits a JSONata expression into tokens.
///
/// The lexer works on Unicode scalars and reports positions as scalar offsets. Whether `/` starts a
/// regular expression or is the division operator depends on the parser's state, so the parser tells
/// `next(prefix:)` which it expects.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private(set) var offset = 0

    init(_ source: String) {
        scalars = Array(source.unicodeScalars)
    }

    private static let operatorScalars: Set<Unicode.Scalar> = [
        ".", "[", "]", "{", "}", "(", ")", ",", "@", "#", ";", ":", "?", "+", "-", "*", "/", "%", "|",
        "=", "<", ">", "^", "&", "!", "~",
    ]

    private static let twoCharacterOperators: Set<String> = [
        "..", ":=", "!=", ">=", "<=", "**", "~>", "?:", "??",
    ]

    private func scalar(at index: Int) -> Unicode.Scalar? {
        index < scalars.count ? scalars[index] : nil
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}": return true
        default: return false
        }
    }

    private static func isDigit(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return scalar.value >= 48 && scalar.value <= 57
    }

    /// Reads the next token. `prefix` is true where an operand is expected (so `/` begins a regex).
    mutating func next(prefix: Bool) throws(JSONataError) -> Token {
        try skipWhitespaceAndComments()
        guard let current = scalar(at: offset) else { return Token(kind: .end, position: offset) }

        if prefix && current == "/" {
            offset += 1
            return try readRegex()
        }
        if let following = scalar(at: offset + 1) {
            let pair = String(current) + String(following)
            if Self.twoCharacterOperators.contains(pair) {
                offset += 2
                return Token(kind: .symbol(pair), position: offset)
            }
        }
        if Self.operatorScalars.contains(current) {
            offset += 1
            return Token(kind: .symbol(String(current)), position: offset)
        }
        if current == "\"" || current == "'" {
            offset += 1
            return try readString(quote: current)
        }
        if Self.isDigit(current) {
            return try readNumber()
        }
        if current == "`" {
            offset += 1
            let start = offset
            while let scalar = scalar(at: offset), scalar != "`" { offset += 1 }
            guard offset < scalars.count else {
                throw JSONataError(
                    code: "S0105", message: "Quoted property name must be terminated with a backquote (`)",
                    position: offset)
            }
            let name = String(String.UnicodeScalarView(scalars[start..<offset]))
            offset += 1
            return Token(kind: .name(name), position: offset)
        }
        // A name or variable runs until whitespace or an operator character.
        let isVariable = current == "$"
        if isVariable { offset += 1 }
        let start = offset
        while let scalar = scalar(at: offset), !Self.isWhitespace(scalar), !Self.operatorScalars.contains(scalar) {
            offset += 1
        }
        let word = String(String.UnicodeScalarView(scalars[start..<offset]))
        if isVariable { return Token(kind: .variable(word), position: offset) }
        switch word {
        case "and", "or", "in": return Token(kind: .symbol(word), position: offset)
        case "true": return Token(kind: .value(.bool(true)), position: offset)
        case "false": return Token(kind: .value(.bool(false)), position: offset)
        case "null": return Token(kind: .value(.null), position: offset)
        default: return Token(kind: .name(word), position: offset)
        }
    }

    private mutating func skipWhitespaceAndComments() throws(JSONataError) {
        while let current = scalar(at: offset) {
            if Self.isWhitespace(current) {
                offset += 1
            } else if current == "/", scalar(at: offset + 1) == "*" {
                let commentStart = offset
                offset += 2
                while true {
                    guard let scalar = scalar(at: offset) else {
                        throw JSONataError(
                            code: "S0106", message: "Comment has no closing tag", position: commentStart)
                    }
                    if scalar == "*", self.scalar(at: offset + 1) == "/" {
                        offset += 2
                        break
                    }
                    offset += 1
                }
            } else {
                return
            }
        }
    }

    private mutating func readRegex() throws(JSONataError) -> Token {
        let start = offset
        var depth = 0  // inside a character class, '/' does not end the pattern
        while let current = scalar(at: offset) {
            if current == "/" && depth == 0 {
                let pattern = String(String.UnicodeScalarView(scalars[start..<offset]))
                if pattern.isEmpty {
                    throw JSONataError(
                        code: "S0301", message: "Empty regular expressions are not allowed", position: offset)
                }
                offset += 1
                let flagStart = offset
                while let flag = scalar(at: offset), flag == "i" || flag == "m" || flag == "g" || flag == "s" {
                    offset += 1
                }
                let flags = String(String.UnicodeScalarView(scalars[flagStart..<offset]))
                return Token(kind: .regex(pattern: pattern, flags: flags), position: offset)
            }
            if current == "\\" {
                offset += 2
                continue
            }
            if current == "[" { depth = 1 } else if current == "]" { depth = 0 }
            offset += 1
        }
        throw JSONataError(code: "S0302", message: "No terminating / in regular expression", position: offset)
    }

    private mutating func readString(quote: Unicode.Scalar) throws(JSONataError) -> Token {
        var result = String.UnicodeScalarView()
        while let current = scalar(at: offset) {
            offset += 1
            if current == quote {
                return Token(kind: .string(String(result)), position: offset)
            }
            guard current == "\\" else {
                result.append(current)
                continue
            }
            guard let escaped = scalar(at: offset) else { break }
            offset += 1
            switch escaped {
            case "\"", "\\", "/": result.append(escaped)
            case "b": result.append("\u{08}")
            case "f": result.append("\u{0C}")
            case "n": result.append("\n")
            case "r": result.append("\r")
            case "t": result.append("\t")
            case "u":
                let unit = try readHex4()
                if (0xD800...0xDBFF).contains(unit), scalar(at: offset) == "\\", scalar(at: offset + 1) == "u" {
                    let save = offset
                    offset += 2
                    let low = try readHex4()
                    if (0xDC00...0xDFFF).contains(low) {
                        let combined = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        result.append(Unicode.Scalar(combined)!)
                        continue
                    }
                    offset = save
                }
                result.append(Unicode.Scalar(unit) ?? "\u{FFFD}")
            default:
                throw JSONataError(
                    code: "S0103", message: "Unsupported escape sequence: \\\(escaped)", position: offset - 1,
                    token: String(escaped))
            }
        }
        throw JSONataError(
            code: "S0101", message: "String literal must be terminated by a matching quote", position: offset)
    }

    private mutating func readHex4() throws(JSONataError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let scalar = scalar(at: offset), let digit = Self.hexValue(scalar) else {
                throw JSONataError(
                    code: "S0104", message: "The escape sequence \\u must be followed by 4 hex digits",
                    position: offset)
            }
            value = value * 16 + digit
            offset += 1
        }
        return value
    }

    private static func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar.value {
        case 48...57: return scalar.value - 48
        case 65...70: return scalar.value - 55
        case 97...102: return scalar.value - 87
        default: return nil
        }
    }

    /// Reads `(0|[1-9][0-9]*)(\.[0-9]+)?([Ee][-+]?[0-9]+)?`.
    private mutating func readNumber() throws(JSONataError) -> Token {
        let start = offset
        if scalar(at: offset) == "0" {
            offset += 1
        } else {
            while Self.isDigit(scalar(at: offset)) { offset += 1 }
        }
        if scalar(at: offset) == ".", Self.isDigit(scalar(at: offset + 1)) {
            offset += 1
            while Self.isDigit(scalar(at: offset)) { offset += 1 }
        }
        if let e = scalar(at: offset), e == "e" || e == "E" {
            var lookahead = offset + 1
            if let sign = scalar(at: lookahead), sign == "+" || sign == "-" { lookahead += 1 }
            if Self.isDigit(scalar(at: lookahead)) {
                offset = lookahead
                while Self.isDigit(scalar(at: offset)) { offset += 1 }
            }
        }
        let text = String(String.UnicodeScalarView(scalars[start..<offset]))
        guard let number = Double(text), number.isFinite else {
            throw JSONataError(code: "S0102", message: "Number out of range: \(text)", position: offset, token: text)
        }
        return Token(kind: .number(number), position: offset)
    }
}

extension Lexer {
    /// Reads a function signature in raw form. The `<` that opens it has just been read as a token;
    /// the text up to and including the matching `>` is returned (with the opening `<`), and lexing resumes
    /// after it.
    mutating func readSignature() -> String {
        var depth = 1
        var text = "<"
        while offset < scalars.count && depth > 0 {
            let scalar = scalars[offset]
            if scalar == "<" { depth += 1 } else if scalar == ">" { depth -= 1 }
            text.unicodeScalars.append(scalar)
            offset += 1
        }
        return text
    }
}
