/// Parses ECMAScript regular-expression syntax into a ``RegexNode`` tree.
///
/// The grammar is ECMAScript's, with these choices: `\u{...}` is accepted (as with the `u` flag) and a
/// `\uHHHH\uHHHH` surrogate pair is one character, since matching works on Unicode scalars; a lone `]`, `}`
/// and a `{` that does not start a quantifier are literal characters, and lookaheads may be quantified (as
/// Annex B allows); identity escapes are allowed for any character except ASCII letters and digits. Octal
/// escapes, `\p{...}`, and backreferences to groups that do not exist are syntax errors. Groups may nest at
/// most ``maxDepth`` deep, which keeps parsing and compiling (which recurse over the tree) within a small
/// stack.
struct RegexParser {
    /// The deepest group nesting accepted.
    static let maxDepth = 200

    /// The result of parsing a pattern.
    struct Parsed: Sendable {
        /// The syntax tree.
        var node: RegexNode
        /// The number of capture groups.
        var captureCount: Int
        /// Group numbers by name.
        var groupNames: [String: Int]
    }

    private let source: [Unicode.Scalar]
    private var position = 0
    private var depth = 0
    private var groupCount = 0
    private var names: [String: Int] = [:]
    /// On the second pass: the group count and names found by the first, so references can be checked.
    private let known: (count: Int, names: [String: Int])?

    private init(source: [Unicode.Scalar], known: (count: Int, names: [String: Int])?) {
        self.source = source
        self.known = known
    }

    /// Parses `pattern`. Two passes: the first finds the groups, the second resolves references to them
    /// (which may come before the group they name).
    static func parse(_ pattern: String) throws(RegexSyntaxError) -> Parsed {
        let source = Array(pattern.unicodeScalars)
        var first = RegexParser(source: source, known: nil)
        _ = try first.parsePattern()
        var second = RegexParser(source: source, known: (first.groupCount, first.names))
        let node = try second.parsePattern()
        return Parsed(node: node, captureCount: second.groupCount, groupNames: second.names)
    }

    // MARK: - Structure

    private mutating func parsePattern() throws(RegexSyntaxError) -> RegexNode {
        let node = try parseDisjunction()
        if position < source.count {
            // parseDisjunction only stops early at a ')'.
            throw error("unmatched ')'", at: position)
        }
        return node
    }

    private mutating func parseDisjunction() throws(RegexSyntaxError) -> RegexNode {
        var alternatives = [try parseAlternative()]
        while peek == "|" {
            position += 1
            alternatives.append(try parseAlternative())
        }
        return alternatives.count == 1 ? alternatives[0] : .alternation(alternatives)
    }

    private mutating func parseAlternative() throws(RegexSyntaxError) -> RegexNode {
        var terms: [RegexNode] = []
        while let next = peek, next != "|", next != ")" {
            terms.append(try parseTerm())
        }
        switch terms.count {
        case 0: return .empty
        case 1: return terms[0]
        default: return .sequence(terms)
        }
    }

    private mutating func parseTerm() throws(RegexSyntaxError) -> RegexNode {
        let start = position
        let atom: RegexNode
        var quantifiable = true
        switch source[position] {
        case "^":
            position += 1
            return .assertion(.start)
        case "$":
            position += 1
            return .assertion(.end)
        case "\\" where peek(at: 1) == "b":
            position += 2
            return .assertion(.wordBoundary)
        case "\\" where peek(at: 1) == "B":
            position += 2
            return .assertion(.notWordBoundary)
        case "(":
            (atom, quantifiable) = try parseGroup()
        case "*", "+", "?":
            throw error("nothing to repeat", at: start)
        case "{":
            if try parseBraceQuantifier() != nil { throw error("nothing to repeat", at: start) }
            position = start + 1
            atom = .character(0x7B)
        case "[":
            atom = try parseClass()
        case ".":
            position += 1
            atom = .dot
        case "\\":
            atom = try parseAtomEscape()
        default:
            atom = .character(source[position].value)
            position += 1
        }
        guard quantifiable else { return atom }
        return try parseQuantifier(applyingTo: atom)
    }

    private mutating func parseGroup() throws(RegexSyntaxError) -> (RegexNode, quantifiable: Bool) {
        let start = position
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth { throw error("groups nested too deeply", at: start) }
        position += 1
        guard peek == "?" else {
            groupCount += 1
            let index = groupCount
            return (.group(try parseGroupBody(openedAt: start), index: index), true)
        }
        switch peek(at: 1) {
        case ":":
            position += 2
            return (try parseGroupBody(openedAt: start), true)
        case "=", "!":
            let negative = peek(at: 1) == "!"
            position += 2
            return (.lookaround(try parseGroupBody(openedAt: start), behind: false, negative: negative), true)
        case "<" where peek(at: 2) == "=" || peek(at: 2) == "!":
            let negative = peek(at: 2) == "!"
            position += 3
            return (.lookaround(try parseGroupBody(openedAt: start), behind: true, negative: negative), false)
        case "<":
            position += 2
            let nameStart = position
            let name = try parseGroupName()
            if names[name] != nil { throw error("duplicate capture group name '\(name)'", at: nameStart) }
            groupCount += 1
            let index = groupCount
            names[name] = index
            return (.group(try parseGroupBody(openedAt: start), index: index), true)
        default:
            throw error("invalid group", at: start)
        }
    }

    private mutating func parseGroupBody(openedAt start: Int) throws(RegexSyntaxError) -> RegexNode {
        let body = try parseDisjunction()
        guard peek == ")" else { throw error("unterminated group", at: start) }
        position += 1
        return body
    }

    /// Parses an identifier up to and including the closing `>`.
    private mutating func parseGroupName() throws(RegexSyntaxError) -> String {
        let start = position
        var name = String.UnicodeScalarView()
        while let next = peek, next != ">" {
            let valid =
                next == "$" || next == "_"
                || (name.isEmpty
                    ? next.properties.isIDStart
                    : next.properties.isIDContinue || next == "\u{200C}" || next == "\u{200D}")
            guard valid else { throw error("invalid capture group name", at: position) }
            name.append(next)
            position += 1
        }
        guard peek == ">", !name.isEmpty else { throw error("invalid capture group name", at: start) }
        position += 1
        return String(name)
    }

    // MARK: - Quantifiers

    private mutating func parseQuantifier(applyingTo atom: RegexNode) throws(RegexSyntaxError) -> RegexNode {
        let start = position
        let bounds: (min: Int, max: Int)
        switch peek {
        case "*":
            position += 1
            bounds = (0, Int.max)
        case "+":
            position += 1
            bounds = (1, Int.max)
        case "?":
            position += 1
            bounds = (0, 1)
        case "{":
            guard let parsed = try parseBraceQuantifier() else {
                position = start
                return atom
            }
            bounds = parsed
        default:
            return atom
        }
        var greedy = true
        if peek == "?" {
            position += 1
            greedy = false
        }
        return .quantified(atom, min: bounds.min, max: bounds.max, greedy: greedy)
    }

    /// Parses `{n}`, `{n,}` or `{n,m}` at the current `{`. Returns `nil`, leaving the position unspecified,
    /// when the text is not a quantifier (the `{` is then a literal).
    private mutating func parseBraceQuantifier() throws(RegexSyntaxError) -> (min: Int, max: Int)? {
        let start = position
        position += 1
        guard let low = parseDecimal() else { return nil }
        var high = low
        if peek == "," {
            position += 1
            high = parseDecimal() ?? Int.max
        }
        guard peek == "}" else { return nil }
        position += 1
        if high < low { throw error("numbers out of order in {} quantifier", at: start) }
        return (low, high)
    }

    /// Parses decimal digits, saturating at `Int32.max`.
    private mutating func parseDecimal() -> Int? {
        var value: Int?
        while let digit = peek, let digitValue = decimalValue(digit) {
            value = min((value ?? 0) * 10 + digitValue, Int(Int32.max))
            position += 1
        }
        return value
    }

    private func decimalValue(_ scalar: Unicode.Scalar) -> Int? {
        scalar.value >= 0x30 && scalar.value <= 0x39 ? Int(scalar.value - 0x30) : nil
    }

    // MARK: - Escapes

    private mutating func parseAtomEscape() throws(RegexSyntaxError) -> RegexNode {
        let start = position
        position += 1
        guard let next = peek else { throw error("\\ at end of pattern", at: start) }
        switch next {
        case "1"..."9":
            let number = parseDecimal() ?? 0
            if let known, number > known.count {
                throw error("invalid backreference \\\(number): there are only \(known.count) groups", at: start)
            }
            return .backreference(number)
        case "k":
            position += 1
            guard peek == "<" else { throw error("invalid named reference", at: start) }
            position += 1
            let name = try parseGroupName()
            guard let known else { return .backreference(0) }
            guard let index = known.names[name] else {
                throw error("reference to unknown group name '\(name)'", at: start)
            }
            return .backreference(index)
        case "d", "D", "s", "S", "w", "W":
            position += 1
            return .characterClass(Self.classEscapeRanges(next), negated: next.properties.isUppercase)
        default:
            return .character(try parseCharacterEscape(escapeStart: start, inClass: false))
        }
    }

    /// Ranges of `\d`, `\s` or `\w` (the uppercase forms are their negation, applied by the caller).
    private static func classEscapeRanges(_ letter: Unicode.Scalar) -> [ClosedRange<UInt32>] {
        switch letter {
        case "d", "D": RegexCharSet.digitRanges
        case "s", "S": RegexCharSet.spaceRanges
        default: RegexCharSet.wordRanges
        }
    }

    /// Parses a character escape; the position is just after the backslash.
    private mutating func parseCharacterEscape(escapeStart: Int, inClass: Bool) throws(RegexSyntaxError) -> UInt32 {
        guard let letter = peek else { throw error("\\ at end of pattern", at: escapeStart) }
        position += 1
        switch letter {
        case "f": return 0x0C
        case "n": return 0x0A
        case "r": return 0x0D
        case "t": return 0x09
        case "v": return 0x0B
        case "b" where inClass: return 0x08
        case "0":
            if let following = peek, decimalValue(following) != nil {
                throw error("octal escapes are not supported", at: escapeStart)
            }
            return 0
        case "c":
            guard let control = peek, (control.value | 0x20) &- 0x61 < 26 else {
                throw error("invalid \\c escape", at: escapeStart)
            }
            position += 1
            return control.value % 32
        case "x":
            guard let value = parseHex(count: 2) else { throw error("invalid \\x escape", at: escapeStart) }
            return value
        case "u":
            return try parseUnicodeEscape(escapeStart: escapeStart)
        case "p", "P":
            throw error("Unicode property escapes are not supported", at: escapeStart)
        default:
            if letter.value < 0x80 && letter.properties.isAlphabetic || decimalValue(letter) != nil {
                throw error("invalid escape '\\\(letter)'", at: escapeStart)
            }
            return letter.value
        }
    }

    private mutating func parseUnicodeEscape(escapeStart: Int) throws(RegexSyntaxError) -> UInt32 {
        if peek == "{" {
            position += 1
            var value: UInt32 = 0
            var digits = 0
            while let next = peek, let digit = hexValue(next) {
                value = value * 16 + digit
                digits += 1
                position += 1
                if value > RegexCharSet.maxScalar { throw error("invalid \\u escape", at: escapeStart) }
            }
            guard digits > 0, peek == "}" else { throw error("invalid \\u escape", at: escapeStart) }
            position += 1
            return value
        }
        guard let value = parseHex(count: 4) else { throw error("invalid \\u escape", at: escapeStart) }
        // A high surrogate followed by an escaped low surrogate is one character.
        if (0xD800...0xDBFF).contains(value), peek == "\\", peek(at: 1) == "u" {
            let saved = position
            position += 2
            if let low = parseHex(count: 4), (0xDC00...0xDFFF).contains(low) {
                return 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            }
            position = saved
        }
        return value
    }

    private mutating func parseHex(count: Int) -> UInt32? {
        guard position + count <= source.count else { return nil }
        var value: UInt32 = 0
        for offset in 0..<count {
            guard let digit = hexValue(source[position + offset]) else { return nil }
            value = value * 16 + digit
        }
        position += count
        return value
    }

    private func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": scalar.value - 0x30
        case "a"..."f": scalar.value - 0x61 + 10
        case "A"..."F": scalar.value - 0x41 + 10
        default: nil
        }
    }

    // MARK: - Character classes

    private mutating func parseClass() throws(RegexSyntaxError) -> RegexNode {
        let start = position
        position += 1
        var negated = false
        if peek == "^" {
            negated = true
            position += 1
        }
        var ranges: [ClosedRange<UInt32>] = []
        while true {
            guard let next = peek else { throw error("unterminated character class", at: start) }
            if next == "]" {
                position += 1
                break
            }
            let firstStart = position
            let first = try parseClassAtom()
            guard peek == "-", let after = peek(at: 1), after != "]" else {
                ranges.append(contentsOf: first)
                continue
            }
            position += 1
            let secondStart = position
            let second = try parseClassAtom()
            guard first.count == 1, first[0].count == 1 else {
                throw error("invalid character class range", at: firstStart)
            }
            guard second.count == 1, second[0].count == 1 else {
                throw error("invalid character class range", at: secondStart)
            }
            guard first[0].lowerBound <= second[0].lowerBound else {
                throw error("range out of order in character class", at: firstStart)
            }
            ranges.append(first[0].lowerBound...second[0].lowerBound)
        }
        return .characterClass(ranges, negated: negated)
    }

    /// Parses one class atom: a character (one single-value range) or a class escape (its ranges).
    private mutating func parseClassAtom() throws(RegexSyntaxError) -> [ClosedRange<UInt32>] {
        let scalar = source[position]
        guard scalar == "\\" else {
            position += 1
            return [scalar.value...scalar.value]
        }
        let start = position
        position += 1
        guard let next = peek else { throw error("\\ at end of pattern", at: start) }
        switch next {
        case "d", "s", "w":
            position += 1
            return Self.classEscapeRanges(next)
        case "D", "S", "W":
            position += 1
            return RegexCharSet.complement(Self.classEscapeRanges(next))
        case "-":
            position += 1
            return [0x2D...0x2D]
        case "B", "k", "1"..."9":
            throw error("invalid escape '\\\(next)' in character class", at: start)
        default:
            let value = try parseCharacterEscape(escapeStart: start, inClass: true)
            return [value...value]
        }
    }

    // MARK: - Helpers

    private var peek: Unicode.Scalar? { position < source.count ? source[position] : nil }

    private func peek(at offset: Int) -> Unicode.Scalar? {
        position + offset < source.count ? source[position + offset] : nil
    }

    private func error(_ message: String, at offset: Int) -> RegexSyntaxError {
        RegexSyntaxError(message: message, offset: offset)
    }
}
