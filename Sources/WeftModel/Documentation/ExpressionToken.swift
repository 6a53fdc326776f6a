/// A lexical token of a JSONata expression, as far as documentation needs to understand one: enough to find an
/// object constructor's members, the paths an expression reads and the functions it calls. It is not the
/// evaluator's lexer: regular expressions and operators are not told apart beyond single punctuation.
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
            if scalar == "\"" || scalar == "'" || scalar == "`" {
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
}
