/// The tokens of one JSONata expression with the structural helpers documentation needs: matching brackets,
/// splitting at top-level separators, and the text of a range on one line.
struct TokenList: Sendable {
    let scalars: [Unicode.Scalar]
    let tokens: [ExpressionToken]
    /// The variables the expression binds itself, with their dollar sign: `$name :=` assignments, the parameters
    /// of `function($a, $b)` and the `#$i` and `@$v` of paths. They hold values computed inside the expression,
    /// so they are not sources.
    let boundVariables: Set<String>

    /// Tokenizes `source`, or nil when it cannot be (an unterminated string, comment or regular expression).
    init?(_ source: String) {
        scalars = Array(source.unicodeScalars)
        guard let tokens = ExpressionToken.tokenize(scalars) else { return nil }
        self.tokens = tokens
        boundVariables = Self.bound(in: tokens)
    }

    private static func bound(in tokens: [ExpressionToken]) -> Set<String> {
        var bound: Set<String> = []
        for (index, token) in tokens.enumerated() {
            if token.kind == .variable, token.value.count > 1, token.value != "$$" {
                let next = index + 1 < tokens.count ? tokens[index + 1] : nil
                let previous = index > 0 ? tokens[index - 1] : nil
                if next?.isPunctuation(":=") == true || previous?.isPunctuation("#") == true
                    || previous?.isPunctuation("@") == true
                {
                    bound.insert(token.value)
                }
            }
            guard token.kind == .name, token.value == "function" || token.value == "λ", index + 1 < tokens.count,
                tokens[index + 1].isPunctuation("(")
            else { continue }
            var parameter = index + 2
            while parameter < tokens.count, !tokens[parameter].isPunctuation(")") {
                if tokens[parameter].kind == .variable { bound.insert(tokens[parameter].value) }
                parameter += 1
            }
        }
        return bound
    }

    subscript(index: Int) -> ExpressionToken { tokens[index] }

    /// All the tokens.
    var all: Range<Int> { 0..<tokens.count }

    private static let openers: [String: String] = ["(": ")", "[": "]", "{": "}"]

    /// The index of the bracket closing the one at `open`, or nil.
    func matching(_ open: Int) -> Int? {
        guard open < tokens.count, tokens[open].kind == .punctuation,
            let close = Self.openers[tokens[open].value]
        else { return nil }
        var stack = [close]
        var index = open + 1
        while index < tokens.count {
            let token = tokens[index]
            if token.kind == .punctuation {
                if let nested = Self.openers[token.value] {
                    stack.append(nested)
                } else if [")", "]", "}"].contains(token.value) {
                    guard stack.last == token.value else { return nil }
                    stack.removeLast()
                    if stack.isEmpty { return index }
                }
            }
            index += 1
        }
        return nil
    }

    /// The indices in `range` that are outside any bracket, or nil when brackets do not balance.
    func topLevel(_ range: Range<Int>) -> [Int]? {
        var result: [Int] = []
        var index = range.lowerBound
        while index < range.upperBound {
            result.append(index)
            if tokens[index].kind == .punctuation, Self.openers[tokens[index].value] != nil {
                guard let close = matching(index), close < range.upperBound else { return nil }
                index = close + 1
            } else {
                if tokens[index].kind == .punctuation, [")", "]", "}"].contains(tokens[index].value) { return nil }
                index += 1
            }
        }
        return result
    }

    /// `range` split at top-level occurrences of the punctuation `separator`.
    func split(_ range: Range<Int>, on separator: String) -> [Range<Int>]? {
        guard let level = topLevel(range) else { return nil }
        var parts: [Range<Int>] = []
        var start = range.lowerBound
        for index in level where tokens[index].isPunctuation(separator) {
            parts.append(start..<index)
            start = index + 1
        }
        parts.append(start..<range.upperBound)
        return parts
    }

    /// Whether `range` holds a top-level punctuation among `operators`.
    func hasTopLevel(_ range: Range<Int>, _ operators: Set<String>) -> Bool {
        guard let level = topLevel(range) else { return false }
        return level.contains { tokens[$0].kind == .punctuation && operators.contains(tokens[$0].value) }
    }

    /// `range` without brackets that enclose all of it.
    func unwrapped(_ range: Range<Int>) -> Range<Int> {
        var range = range
        while range.count >= 2, tokens[range.lowerBound].isPunctuation("("),
            matching(range.lowerBound) == range.upperBound - 1
        {
            range = (range.lowerBound + 1)..<(range.upperBound - 1)
        }
        return range
    }

    /// The source text of `range` on one line: whitespace between tokens becomes one space.
    func text(_ range: Range<Int>) -> String {
        var text = String.UnicodeScalarView()
        for index in range {
            let token = tokens[index]
            if index > range.lowerBound && token.spaced { text.append(" ") }
            text.append(contentsOf: scalars[token.start..<token.end])
        }
        return String(text)
    }

    /// Whether `range` is a plain path such as `customer.email`, `$steps.order.id`, `lines[0].sku` or `$`.
    func isPath(_ range: Range<Int>) -> Bool {
        guard !range.isEmpty else { return false }
        var index = range.lowerBound
        var expectStep = true
        while index < range.upperBound {
            let token = tokens[index]
            if expectStep {
                switch token.kind {
                case .name where !Self.keywords.contains(token.value): break
                case .variable where index == range.lowerBound: break
                default: return false
                }
                if token.kind == .variable, index + 1 < range.upperBound, tokens[index + 1].isPunctuation("(") {
                    return false
                }
                expectStep = false
                index += 1
            } else if token.isPunctuation(".") {
                expectStep = true
                index += 1
            } else if token.isPunctuation("["), index + 2 < range.upperBound, tokens[index + 1].kind == .number,
                tokens[index + 2].isPunctuation("]")
            {
                index += 3
            } else {
                return false
            }
        }
        return !expectStep
    }

    /// Names that are JSONata keywords or literals rather than field names.
    static let keywords: Set<String> = ["and", "or", "in", "true", "false", "null", "function", "λ"]
}
