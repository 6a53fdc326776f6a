import Foundation
import WeftJSON

/// The `$filter` expressions the OData simulators understand, parsed and applied to records: comparisons (`eq`,
/// `ne`, `gt`, `ge`, `lt`, `le`), `and`, `or`, `not`, parentheses, the string functions `substringof` (v2),
/// `contains`, `startswith`, `endswith` and `tolower`, and the literals of both protocol versions: strings,
/// numbers, `true`/`false`/`null`, v2's `datetime'…'`, `datetimeoffset'…'` and `guid'…'`, v4's bare dates and
/// GUIDs. Dates compare as instants, whether a record holds v2's `/Date(ms)/` or ISO 8601 text.
///
/// A filter that does not parse is reported with the position of the problem, as the services answer 400.
indirect enum ODataFilter: Sendable {
    case comparison(String, Operand, Operand)
    case and(ODataFilter, ODataFilter)
    case or(ODataFilter, ODataFilter)
    case not(ODataFilter)
    case function(String, [Operand])

    /// One side of a comparison or a function argument.
    indirect enum Operand: Sendable {
        case property(String)
        case literal(JSON)
        /// A date literal, in milliseconds since 1970.
        case instant(Double)
        case call(String, [Operand])
    }

    /// Why a filter does not parse.
    struct SyntaxError: Error, CustomStringConvertible {
        var description: String
    }

    /// Parses `text`.
    static func parse(_ text: String) throws(SyntaxError) -> ODataFilter {
        var parser = Parser(tokens: try Self.tokens(text))
        let filter = try parser.expression()
        guard parser.index == parser.tokens.count else {
            throw SyntaxError(description: "unexpected `\(parser.tokens[parser.index].text)` in the filter")
        }
        return filter
    }

    /// Whether `record` passes.
    func matches(_ record: JSON) -> Bool {
        switch self {
        case .and(let left, let right): return left.matches(record) && right.matches(record)
        case .or(let left, let right): return left.matches(record) || right.matches(record)
        case .not(let inner): return !inner.matches(record)
        case .function(let name, let arguments):
            return Self.call(name, arguments.map { Self.value($0, record) }) == .bool(true)
        case .comparison(let op, let left, let right):
            return Self.compare(
                op, Self.value(left, record), Self.value(right, record), dates: left.isInstant || right.isInstant)
        }
    }

    // MARK: Evaluation

    private static func value(_ operand: Operand, _ record: JSON) -> JSON {
        switch operand {
        case .literal(let value): return value
        case .instant(let millis): return .number(millis)
        case .property(let path):
            var current: JSON? = record
            for part in path.split(separator: "/") { current = current?[String(part)] }
            return current ?? .null
        case .call(let name, let arguments):
            return call(name, arguments.map { value($0, record) })
        }
    }

    private static func call(_ name: String, _ arguments: [JSON]) -> JSON {
        let texts = arguments.map { $0.stringValue }
        switch (name.lowercased(), texts.count) {
        case ("tolower", 1): return texts[0].map { .string($0.lowercased()) } ?? .null
        case ("toupper", 1): return texts[0].map { .string($0.uppercased()) } ?? .null
        case ("substringof", 2):
            guard let needle = texts[0], let haystack = texts[1] else { return false }
            return .bool(haystack.contains(needle))
        case ("contains", 2):
            guard let haystack = texts[0], let needle = texts[1] else { return false }
            return .bool(haystack.lowercased().contains(needle.lowercased()))
        case ("startswith", 2):
            guard let text = texts[0], let prefix = texts[1] else { return false }
            return .bool(text.hasPrefix(prefix))
        case ("endswith", 2):
            guard let text = texts[0], let suffix = texts[1] else { return false }
            return .bool(text.hasSuffix(suffix))
        default: return .null
        }
    }

    private static func compare(_ op: String, _ left: JSON, _ right: JSON, dates: Bool) -> Bool {
        if dates {
            guard let l = millis(left), let r = millis(right) else { return false }
            return order(op, l < r ? -1 : l > r ? 1 : 0)
        }
        switch (left, right) {
        case (.number(let l), .number(let r)): return order(op, l < r ? -1 : l > r ? 1 : 0)
        case (.string(let l), .string(let r)): return order(op, l < r ? -1 : l > r ? 1 : 0)
        default:
            switch op {
            case "eq": return left == right
            case "ne": return left != right
            default: return false
            }
        }
    }

    private static func order(_ op: String, _ sign: Int) -> Bool {
        switch op {
        case "eq": return sign == 0
        case "ne": return sign != 0
        case "gt": return sign > 0
        case "ge": return sign >= 0
        case "lt": return sign < 0
        case "le": return sign <= 0
        default: return false
        }
    }

    /// Milliseconds since 1970 of a date value: a number, v2's `/Date(ms)/` or `/Date(ms+0000)/`, or ISO 8601.
    static func millis(_ value: JSON) -> Double? {
        switch value {
        case .number(let number): return number
        case .string(let text):
            if text.hasPrefix("/Date(") {
                let digits = text.dropFirst(6).prefix { $0.isNumber || $0 == "-" }
                return Double(digits)
            }
            return isoMillis(text)
        default: return nil
        }
    }

    /// Milliseconds since 1970 of ISO 8601 text, with or without fractional seconds and zone (UTC when none).
    static func isoMillis(_ text: String) -> Double? {
        var candidate = text
        if candidate.count == 10 { candidate += "T00:00:00" }
        if !candidate.hasSuffix("Z"), !candidate.dropFirst(19).contains("+"), !candidate.dropFirst(19).contains("-") {
            candidate += "Z"
        }
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: candidate) { return (date.timeIntervalSince1970 * 1000).rounded() }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: candidate).map { ($0.timeIntervalSince1970 * 1000).rounded() }
    }

    // MARK: Parsing

    struct Token: Sendable {
        enum Kind: Sendable { case word, literal, open, close, comma }
        var kind: Kind
        var text: String
        var operand: Operand?
    }

    private static func tokens(_ text: String) throws(SyntaxError) -> [Token] {
        let characters = Array(text)
        var tokens: [Token] = []
        var index = 0
        func quoted(from start: Int) throws(SyntaxError) -> (String, Int) {
            var value = ""
            var position = start + 1
            while true {
                guard position < characters.count else { throw SyntaxError(description: "an unterminated string") }
                if characters[position] == "'" {
                    if position + 1 < characters.count, characters[position + 1] == "'" {
                        value.append("'")
                        position += 2
                        continue
                    }
                    return (value, position + 1)
                }
                value.append(characters[position])
                position += 1
            }
        }
        while index < characters.count {
            let character = characters[index]
            if character == " " {
                index += 1
            } else if character == "(" {
                tokens.append(Token(kind: .open, text: "("))
                index += 1
            } else if character == ")" {
                tokens.append(Token(kind: .close, text: ")"))
                index += 1
            } else if character == "," {
                tokens.append(Token(kind: .comma, text: ","))
                index += 1
            } else if character == "'" {
                let (value, next) = try quoted(from: index)
                tokens.append(Token(kind: .literal, text: value, operand: .literal(.string(value))))
                index = next
            } else {
                var word = ""
                while index < characters.count, !" (),'".contains(characters[index]) {
                    word.append(characters[index])
                    index += 1
                }
                if index < characters.count, characters[index] == "'",
                    ["datetime", "datetimeoffset", "guid", "time"].contains(word.lowercased())
                {
                    let (value, next) = try quoted(from: index)
                    index = next
                    if word.lowercased().hasPrefix("datetime") {
                        guard let millis = isoMillis(value) else {
                            throw SyntaxError(description: "`\(word)'\(value)'` is not a valid date")
                        }
                        tokens.append(Token(kind: .literal, text: value, operand: .instant(millis)))
                    } else {
                        tokens.append(Token(kind: .literal, text: value, operand: .literal(.string(value))))
                    }
                } else if Self.isGUID(word) {
                    tokens.append(Token(kind: .literal, text: word, operand: .literal(.string(word))))
                } else if let first = word.first, first.isNumber || (first == "-" && word.count > 1) {
                    if let number = Double(word) {
                        tokens.append(Token(kind: .literal, text: word, operand: .literal(.number(number))))
                    } else if word.contains("T"), let millis = isoMillis(word) {
                        tokens.append(Token(kind: .literal, text: word, operand: .instant(millis)))
                    } else {
                        tokens.append(Token(kind: .literal, text: word, operand: .literal(.string(word))))
                    }
                } else {
                    switch word {
                    case "true": tokens.append(Token(kind: .literal, text: word, operand: .literal(true)))
                    case "false": tokens.append(Token(kind: .literal, text: word, operand: .literal(false)))
                    case "null": tokens.append(Token(kind: .literal, text: word, operand: .literal(.null)))
                    default: tokens.append(Token(kind: .word, text: word))
                    }
                }
            }
        }
        return tokens
    }

    /// Whether `word` is a bare GUID (v4 writes them unquoted).
    private static func isGUID(_ word: String) -> Bool {
        let groups = word.split(separator: "-", omittingEmptySubsequences: false)
        return groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }

    private struct Parser {
        let tokens: [Token]
        var index = 0

        static let comparisons: Set<String> = ["eq", "ne", "gt", "ge", "lt", "le"]

        mutating func expression() throws(SyntaxError) -> ODataFilter {
            var left = try conjunction()
            while peek(word: "or") {
                index += 1
                left = .or(left, try conjunction())
            }
            return left
        }

        mutating func conjunction() throws(SyntaxError) -> ODataFilter {
            var left = try unary()
            while peek(word: "and") {
                index += 1
                left = .and(left, try unary())
            }
            return left
        }

        mutating func unary() throws(SyntaxError) -> ODataFilter {
            if peek(word: "not") {
                index += 1
                return .not(try unary())
            }
            if index < tokens.count, tokens[index].kind == .open {
                index += 1
                let inner = try expression()
                try expect(.close)
                return inner
            }
            let left = try operand()
            if index < tokens.count, tokens[index].kind == .word, Self.comparisons.contains(tokens[index].text) {
                let op = tokens[index].text
                index += 1
                return .comparison(op, left, try operand())
            }
            guard case .call(let name, let arguments) = left else {
                throw SyntaxError(description: "a comparison operator is missing after `\(tokens[index - 1].text)`")
            }
            return .function(name, arguments)
        }

        mutating func operand() throws(SyntaxError) -> Operand {
            guard index < tokens.count else { throw SyntaxError(description: "the filter ends too early") }
            let token = tokens[index]
            index += 1
            switch token.kind {
            case .literal: return token.operand ?? .literal(.null)
            case .word:
                guard index < tokens.count, tokens[index].kind == .open else { return .property(token.text) }
                index += 1
                var arguments: [Operand] = []
                while index < tokens.count, tokens[index].kind != .close {
                    arguments.append(try operand())
                    if index < tokens.count, tokens[index].kind == .comma { index += 1 }
                }
                try expect(.close)
                return .call(token.text, arguments)
            default:
                throw SyntaxError(description: "unexpected `\(token.text)` in the filter")
            }
        }

        func peek(word: String) -> Bool {
            index < tokens.count && tokens[index].kind == .word && tokens[index].text == word
        }

        mutating func expect(_ kind: Token.Kind) throws(SyntaxError) {
            guard index < tokens.count, tokens[index].kind == kind else {
                throw SyntaxError(description: "a parenthesis is not closed")
            }
            index += 1
        }
    }
}

extension ODataFilter.Operand {
    fileprivate var isInstant: Bool {
        if case .instant = self { return true }
        return false
    }
}
