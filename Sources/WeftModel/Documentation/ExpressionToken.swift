/// A lexical token of a JSONata expression, as far as documentation needs to understand one: enough to find an
/// object constructor's members, the paths an expression reads and the functions it calls. It is not the
/// evaluator's lexer: operators are single punctuation (or the pairs JSONata has), and a `/` is told apart as a
/// regular expression or a division the way JSONata's lexer tells them apart (a regex where an operand is due).
struct ExpressionToken: Sendable, Equatable {
    /// What a token is.
    enum Kind: Sendable, Equatable {
        /// A quoted string; `value` is the unescaped text.
        case string
        case number
        /// A field name, bare or in backticks; `value` is the name without backticks. Keywords such as `and`,
        /// `true` or `function` are names too.
        case name
        /// `$`, `$$` or `$name`; `value` is the text with its dollar sign.
        case variable
        /// An operator or bracket; `value` is its text (one or two characters).
        case punctuation
        /// A regular expression literal such as `/\\s+/i`; `value` is its pattern, without slashes and flags.
        case regex
    }

    var kind: Kind
    var value: String
    /// The first scalar of the token in the source.
    var start: Int
    /// The scalar after the token.
    var end: Int
    /// Whether whitespace or a comment separates the token from the previous one.
    var spaced: Bool

    /// Whether the token is the punctuation `text`.
    func isPunctuation(_ text: String) -> Bool { kind == .punctuation && value == text }

    private static let pairs: Set<String> = ["..", ":=", "!=", ">=", "<=", "**", "~>", "?:", "??"]

    /// Splits `scalars` into tokens, or returns nil when a string, a backtick name or a comment is not closed.
    static func tokenize(_ scalars: [Unicode.Scalar]) -> [ExpressionToken]? {
        var tokens: [ExpressionToken] = []
        var index = 0
        var spaced = false
        func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "_"
                || (scalar.value > 127 && !scalar.properties.isWhitespace)
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar.properties.isWhitespace {
                spaced = true
                index += 1
                continue
            }
            if scalar == "/", index + 1 < scalars.count, scalars[index + 1] == "*" {
                var end = index + 2
                while end + 1 < scalars.count && !(scalars[end] == "*" && scalars[end + 1] == "/") { end += 1 }
                guard end + 1 < scalars.count else { return nil }
                index = end + 2
                spaced = true
                continue
            }
            let start = index
            var kind = Kind.punctuation
            var value = ""
            if scalar == "/" && Self.expectsOperand(after: tokens.last, in: scalars) {
                guard let end = Self.regexEnd(scalars, from: index + 1) else { return nil }
                kind = .regex
                value = String(String.UnicodeScalarView(scalars[(index + 1)..<end.pattern]))
                index = end.token
            } else if scalar == "\"" || scalar == "'" || scalar == "`" {
                index += 1
                var closed = false
                while index < scalars.count {
                    let current = scalars[index]
                    if current == scalar {
                        closed = true
                        index += 1
                        break
                    }
                    if current == "\\" && scalar != "`" && index + 1 < scalars.count {
                        let escaped = scalars[index + 1]
                        switch escaped {
                        case "n": value.unicodeScalars.append("\n")
                        case "t": value.unicodeScalars.append("\t")
                        case "r": value.unicodeScalars.append("\r")
                        default: value.unicodeScalars.append(escaped)
                        }
                        index += 2
                        continue
                    }
                    value.unicodeScalars.append(current)
                    index += 1
                }
                guard closed else { return nil }
                kind = scalar == "`" ? .name : .string
            } else if scalar.properties.numericType != nil && scalar.isASCII {
                kind = .number
                while index < scalars.count
                    && (scalars[index].properties.numericType != nil && scalars[index].isASCII
                        || (scalars[index] == "." && index + 1 < scalars.count
                            && scalars[index + 1].properties.numericType != nil)
                        || ((scalars[index] == "e" || scalars[index] == "E") && index + 1 < scalars.count
                            && (scalars[index + 1].properties.numericType != nil || scalars[index + 1] == "-"
                                || scalars[index + 1] == "+")))
                {
                    if scalars[index] == "e" || scalars[index] == "E" {
                        value.unicodeScalars.append(scalars[index])
                        index += 1
                    }
                    value.unicodeScalars.append(scalars[index])
                    index += 1
                }
            } else if scalar == "$" {
                kind = .variable
                value = "$"
                index += 1
                if index < scalars.count && scalars[index] == "$" {
                    value += "$"
                    index += 1
                } else {
                    while index < scalars.count && isNameScalar(scalars[index]) {
                        value.unicodeScalars.append(scalars[index])
                        index += 1
                    }
                }
            } else if isNameScalar(scalar) {
                kind = .name
                while index < scalars.count && isNameScalar(scalars[index]) {
                    value.unicodeScalars.append(scalars[index])
                    index += 1
                }
            } else {
                value = String(scalar)
                index += 1
                if index < scalars.count, pairs.contains(value + String(scalars[index])) {
                    value += String(scalars[index])
                    index += 1
                }
            }
            tokens.append(ExpressionToken(kind: kind, value: value, start: start, end: index, spaced: spaced))
            spaced = false
        }
        return tokens
    }

    /// Whether an operand is due after `previous` (nil at the start): there, JSONata reads `/` as the start of a
    /// regular expression; after an operand (a name, a literal, a variable, a closing bracket, or `*`, `**` and
    /// `%`, which can be operands) it is a division.
    private static func expectsOperand(after previous: ExpressionToken?, in scalars: [Unicode.Scalar]) -> Bool {
        guard let previous else { return true }
        switch previous.kind {
        case .string, .number, .variable, .regex: return false
        case .name: return ["and", "or", "in"].contains(previous.value) && scalars[previous.start] != "`"
        case .punctuation: return ![")", "]", "}", "*", "**", "%"].contains(previous.value)
        }
    }

    /// Where a regular expression whose pattern starts at `start` ends: the index of its closing `/` and the index
    /// after its flags; nil when it is not closed or empty (both errors in JSONata). A `/` inside a character
    /// class or after a backslash does not close it.
    private static func regexEnd(_ scalars: [Unicode.Scalar], from start: Int) -> (pattern: Int, token: Int)? {
        var index = start
        var inClass = false
        while index < scalars.count {
            switch scalars[index] {
            case "\\":
                index += 2
                continue
            case "[": inClass = true
            case "]": inClass = false
            case "/" where !inClass:
                guard index > start else { return nil }
                var end = index + 1
                while end < scalars.count, ["i", "m", "g", "s"].contains(scalars[end]) { end += 1 }
                return (index, end)
            default: break
            }
            index += 1
        }
        return nil
    }
}
