/// Puts a JSONata value expression into words for a mapping table (`copied`, `first 10 characters`,
/// `upper-cased`, `sum of line_items.price`, `concatenated`, ...) and lists the source paths it reads.
struct TransformationWording {
    let list: TokenList
    /// What is known of the values the expression reads.
    let scope: ShapeScope

    init(_ list: TokenList, scope: ShapeScope = .unknown) {
        self.list = list
        self.scope = scope
    }

    private static let arithmetic: Set<String> = ["+", "-", "*", "/", "%"]
    private static let comparisons: Set<String> = ["=", "!=", "<", "<=", ">", ">="]

    /// The transformation of the value in `range`, in words.
    func describe(_ range: Range<Int>) -> String {
        let range = list.unwrapped(range)
        guard !range.isEmpty else { return "nothing" }
        if range.count == 1 {
            let token = list[range.lowerBound]
            if token.kind == .string || token.kind == .number
                || (token.kind == .name && ["true", "false", "null"].contains(token.value))
            {
                return "constant"
            }
        }
        if list.isPath(range) { return FieldMapping.copied }
        if list[range.lowerBound].isPunctuation("-"), range.count == 2, list[range.lowerBound + 1].kind == .number {
            return "constant"
        }
        if sources(range, context: .input(scope.input)).isEmpty && !containsCall(range) { return "constant" }
        if list.hasTopLevel(range, ["?"]) { return "conditional" }
        if list.hasTopLevel(range, ["??", "?:"]) { return "with a default" }
        if list.hasTopLevel(range, Self.comparisons) || hasTopLevelKeyword(range) {
            return "true or false"
        }
        if list.hasTopLevel(range, ["&"]) { return "concatenated" }
        if list.hasTopLevel(range, Self.arithmetic) { return "calculated" }
        if list.hasTopLevel(range, ["~>"]) { return "computed" }
        if let call = call(range) { return describeCall(call.name, call.arguments) }
        return "computed"
    }

    private func hasTopLevelKeyword(_ range: Range<Int>) -> Bool {
        guard let level = list.topLevel(range) else { return false }
        return level.contains { list[$0].kind == .name && ["and", "or"].contains(list[$0].value) }
    }

    private func containsCall(_ range: Range<Int>) -> Bool {
        range.contains { index in
            list[index].kind == .variable && index + 1 < range.upperBound && list[index + 1].isPunctuation("(")
        }
    }

    /// `$name(arguments)` covering all of `range`.
    private func call(_ range: Range<Int>) -> (name: String, arguments: [Range<Int>])? {
        guard range.count >= 3, list[range.lowerBound].kind == .variable,
            list[range.lowerBound + 1].isPunctuation("("), list.matching(range.lowerBound + 1) == range.upperBound - 1
        else { return nil }
        let inside = (range.lowerBound + 2)..<(range.upperBound - 1)
        let arguments = inside.isEmpty ? [] : (list.split(inside, on: ",") ?? [inside])
        return (String(list[range.lowerBound].value.dropFirst()), arguments)
    }

    /// The literal text of a string or number argument.
    private func literal(_ range: Range<Int>) -> String? {
        let range = list.unwrapped(range)
        if range.count == 1, [.string, .number].contains(list[range.lowerBound].kind) {
            return list[range.lowerBound].value
        }
        if range.count == 2, list[range.lowerBound].isPunctuation("-"), list[range.lowerBound + 1].kind == .number {
            return "-" + list[range.lowerBound + 1].value
        }
        return nil
    }

    private func quoted(_ range: Range<Int>) -> String {
        if let text = literal(range) {
            return list[list.unwrapped(range).lowerBound].kind == .string ? "\u{201C}\(text)\u{201D}" : text
        }
        return list.text(range)
    }

    private func describeCall(_ name: String, _ arguments: [Range<Int>]) -> String {
        let first = arguments.first
        let argument = { (index: Int) -> Range<Int>? in index < arguments.count ? arguments[index] : nil }
        let words: String
        switch name {
        case "uppercase": words = "upper-cased"
        case "lowercase": words = "lower-cased"
        case "trim": words = "trimmed"
        case "string": words = "as text"
        case "number": words = "as a number"
        case "boolean": words = "as true or false"
        case "not": words = "negated"
        case "abs": words = "absolute value"
        case "floor": words = "rounded down"
        case "ceil": words = "rounded up"
        case "round":
            if let places = argument(1).flatMap(literal) {
                words = places == "0" ? "rounded" : "rounded to \(places) decimal\(places == "1" ? "" : "s")"
            } else {
                words = "rounded"
            }
        case "substring":
            let start = argument(1).flatMap(literal)
            let length = argument(2).flatMap(literal)
            switch (start, length) {
            case ("0"?, let length?): words = "first \(length) character\(length == "1" ? "" : "s")"
            case (let start?, nil) where start.hasPrefix("-"):
                words = "last \(start.dropFirst()) characters"
            case (let start?, let length?): words = "\(length) characters from position \(start)"
            case (let start?, nil): words = "from position \(start)"
            default: words = "part of the text"
            }
        case "substringBefore": words = "text before " + (argument(1).map(quoted) ?? "a separator")
        case "substringAfter": words = "text after " + (argument(1).map(quoted) ?? "a separator")
        case "pad": words = "padded to " + (argument(1).flatMap(literal) ?? "a fixed") + " characters"
        case "replace":
            if let pattern = argument(1), let replacement = argument(2) {
                words = "with \(quoted(pattern)) replaced by \(quoted(replacement))"
            } else {
                words = "with text replaced"
            }
        case "split": words = "split at " + (argument(1).map(quoted) ?? "a separator")
        case "join": words = "joined" + (argument(1).map { " with " + quoted($0) } ?? "")
        case "length": words = "length in characters"
        case "contains": words = "whether it contains " + (argument(1).map(quoted) ?? "a value")
        case "exists": return "whether " + (first.map { list.text($0) } ?? "it") + " exists"
        case "sum": return "sum of " + (first.map { list.text($0) } ?? "the values")
        case "count": return "number of " + (first.map { list.text($0) } ?? "values")
        case "max": return "largest of " + (first.map { list.text($0) } ?? "the values")
        case "min": return "smallest of " + (first.map { list.text($0) } ?? "the values")
        case "average": return "average of " + (first.map { list.text($0) } ?? "the values")
        case "now": return "the current time"
        case "millis": return "the current time in milliseconds"
        case "toMillis": words = "as milliseconds since 1970"
        case "fromMillis":
            words = "as a timestamp" + (argument(1).map { " formatted " + quoted($0) } ?? "")
        case "formatNumber": words = "formatted as " + (argument(1).map(quoted) ?? "a number")
        case "formatInteger": words = "formatted as " + (argument(1).map(quoted) ?? "an integer")
        case "lookup": words = "looked up by " + (argument(1).map(quoted) ?? "key")
        case "keys": words = "field names"
        case "merge": words = "merged"
        case "distinct": words = "without duplicates"
        case "reverse": words = "reversed"
        case "sort": words = "sorted"
        case "append": words = "appended"
        default: words = "computed with $\(name)"
        }
        if let first, let inner = call(list.unwrapped(first)) {
            let innerWords = describeCall(inner.name, inner.arguments)
            return innerWords + ", then " + words
        }
        return words
    }

    /// The paths `range` reads, in order, without repeats: relative paths are placed inside `context` (such as
    /// `line_items[]`); `$steps.x`, `$trigger`, `$vars` and `$$` paths are absolute. Variables bound inside the
    /// expression (`$name :=`, function parameters) and what is read through them are left out.
    func sources(_ range: Range<Int>, context: PathContext) -> [String] {
        var found: [String] = []
        collect(range, context: context, into: &found)
        var seen = Set<String>()
        return found.filter { seen.insert($0).inserted }
    }

    private func qualify(_ path: String, _ context: String) -> String {
        if path.isEmpty { return context.isEmpty ? "$" : context }
        return context.isEmpty ? path : context + "." + path
    }

    private func collect(_ range: Range<Int>, context: PathContext, into found: inout [String]) {
        let shapes = ShapeReader(list: list, scope: scope)
        var index = range.lowerBound
        while index < range.upperBound {
            let token = list[index]
            let startsPath =
                (token.kind == .name && !TokenList.keywords.contains(token.value)
                    || token.kind == .variable)
                && !(index > range.lowerBound && list[index - 1].isPunctuation("."))
            guard startsPath else {
                index += 1
                continue
            }
            if token.kind == .variable, index + 1 < range.upperBound, list[index + 1].isPunctuation("(") {
                index += 1  // a function call: its arguments are read in turn
                continue
            }
            if token.kind == .name, index > range.lowerBound,
                list[index - 1].isPunctuation("{")
                    || list[index - 1].isPunctuation(","), index + 1 < range.upperBound,
                list[index + 1].isPunctuation(":")
            {
                index += 1  // a bare object key
                continue
            }
            // Where the path starts: the input (relative), the run's variables (absolute), or a local variable.
            var base: String?
            var shape: ValueShape
            var parts: [String] = []
            if token.kind == .name || token.value == "$" {
                base = context.path
                shape = context.shape
                if token.kind == .name {
                    parts.append(token.value)
                    shape = shape.field(token.value)
                }
            } else if list.boundVariables.contains(token.value) {
                base = nil
                shape = .unknown
            } else {
                base = ""
                parts.append(token.value)
                shape = token.value == "$$" ? scope.input : scope.variables[token.value] ?? .unknown
            }
            var next = index + 1
            while next < range.upperBound {
                if list[next].isPunctuation("."), next + 1 < range.upperBound, list[next + 1].kind == .name {
                    parts.append(list[next + 1].value)
                    shape = shape.field(list[next + 1].value)
                    next += 2
                } else if list[next].isPunctuation("["), let close = list.matching(next), close < range.upperBound {
                    if shapes.isIndex((next + 1)..<close) {
                        shape = shape.element
                    } else {
                        let path = base.map { qualify(parts.joined(separator: "."), $0) }
                        collect((next + 1)..<close, context: .each(of: path, shape: shape), into: &found)
                    }
                    next = close + 1
                } else if list[next].isPunctuation("#") || list[next].isPunctuation("@"), next + 1 < range.upperBound,
                    list[next + 1].kind == .variable
                {
                    next += 2  // `#$i` and `@$v` bind a variable and the path goes on
                } else {
                    break
                }
            }
            let full = base.map { qualify(parts.joined(separator: "."), $0) }
            if next + 1 < range.upperBound, list[next].isPunctuation("."),
                list[next + 1].isPunctuation("(") || list[next + 1].isPunctuation("{"),
                let close = list.matching(next + 1), close < range.upperBound
            {
                collect((next + 2)..<close, context: .each(of: full, shape: shape), into: &found)
                index = close + 1
                continue
            }
            if let full { found.append(full) }
            index = next
        }
    }
}
