/// Works out the ``ValueShape`` of a JSONata expression from its tokens: object and array constructors, blocks
/// with their `$name :=` bindings, conditionals, operators, the usual functions, and paths over what the scope
/// knows. Whatever it cannot follow is `unknown`.
struct ShapeReader {
    let list: TokenList
    let scope: ShapeScope

    private static let scalarFunctions: Set<String> = [
        "string", "length", "substring", "substringBefore", "substringAfter", "uppercase", "lowercase", "trim",
        "pad", "contains", "join", "replace", "number", "abs", "floor", "ceil", "round", "power", "sqrt", "random",
        "formatNumber", "formatBase", "formatInteger", "parseInteger", "sum", "max", "min", "average", "count",
        "boolean", "not", "exists", "now", "millis", "fromMillis", "toMillis", "base64encode", "base64decode",
        "encodeUrlComponent", "encodeUrl", "decodeUrlComponent", "decodeUrl", "type",
    ]
    /// Operators whose result is a single value (`*` too, unless it is a path's wildcard).
    private static let operators: Set<String> = ["=", "!=", "<", "<=", ">", ">=", "&", "+", "-", "/", "%"]

    /// The shape of the whole expression, read against the scope's input.
    var shape: ValueShape {
        shape(list.all, context: scope.input, locals: [:])
    }

    /// The shape of the value in `range`, where relative paths read `context` and `locals` are the variables
    /// bound so far by enclosing blocks.
    func shape(_ range: Range<Int>, context: ValueShape, locals: [String: ValueShape]) -> ValueShape {
        let range = list.unwrapped(range)
        guard !range.isEmpty, let level = list.topLevel(range) else { return .unknown }
        if let parts = list.split(range, on: ";"), parts.count > 1 {
            var locals = locals
            var last = ValueShape.unknown
            for part in parts where !part.isEmpty {
                last = statement(part, context: context, locals: &locals)
            }
            return last
        }
        var locals = locals
        return shape(range, level: level, context: context, locals: &locals)
    }

    /// The shape of one expression of a block, recording a `$name := value` binding in `locals`.
    private func statement(_ range: Range<Int>, context: ValueShape, locals: inout [String: ValueShape]) -> ValueShape {
        let range = list.unwrapped(range)
        guard !range.isEmpty, let level = list.topLevel(range) else { return .unknown }
        return shape(range, level: level, context: context, locals: &locals)
    }

    private func shape(
        _ range: Range<Int>, level: [Int], context: ValueShape, locals: inout [String: ValueShape]
    ) -> ValueShape {
        let first = list[range.lowerBound]
        if first.kind == .variable, range.count > 2, list[range.lowerBound + 1].isPunctuation(":=") {
            let value = shape((range.lowerBound + 2)..<range.upperBound, context: context, locals: locals)
            locals[first.value] = value
            return value
        }
        if let question = level.first(where: { list[$0].isPunctuation("?") }) {
            return conditional(range, question: question, level: level, context: context, locals: locals)
        }
        if let coalescing = level.first(where: { list[$0].isPunctuation("??") || list[$0].isPunctuation("?:") }) {
            return .either(
                shape(range.lowerBound..<coalescing, context: context, locals: locals),
                shape((coalescing + 1)..<range.upperBound, context: context, locals: locals))
        }
        let isOperator = { (index: Int) -> Bool in
            let token = self.list[index]
            if token.kind == .name { return ["and", "or", "in"].contains(token.value) }
            guard token.kind == .punctuation, index > range.lowerBound else { return false }
            if token.value == "*" { return !self.list[index - 1].isPunctuation(".") }
            return Self.operators.contains(token.value)
        }
        if level.contains(where: isOperator) { return .scalar }
        if range.count == 1 {
            switch first.kind {
            case .string, .number: return .scalar
            case .name where ["true", "false"].contains(first.value): return .scalar
            default: break
            }
        }
        return path(range, context: context, locals: locals)
    }

    /// `condition ? then : else`, or `condition ? then`.
    private func conditional(
        _ range: Range<Int>, question: Int, level: [Int], context: ValueShape, locals: [String: ValueShape]
    ) -> ValueShape {
        var depth = 0
        var colon: Int?
        for index in level where index > question {
            if list[index].isPunctuation("?") { depth += 1 }
            if list[index].isPunctuation(":") {
                if depth == 0 {
                    colon = index
                    break
                }
                depth -= 1
            }
        }
        guard let colon else {
            return shape((question + 1)..<range.upperBound, context: context, locals: locals)
        }
        return .either(
            shape((question + 1)..<colon, context: context, locals: locals),
            shape((colon + 1)..<range.upperBound, context: context, locals: locals))
    }

    /// A path: a first step (a name, a variable, a call, a block or a constructor) followed by `.step`s,
    /// predicates and indexes.
    private func path(_ range: Range<Int>, context: ValueShape, locals: [String: ValueShape]) -> ValueShape {
        var index = range.lowerBound
        var current: ValueShape
        let first = list[index]
        switch first.kind {
        case .variable:
            if index + 1 < range.upperBound, list[index + 1].isPunctuation("("),
                let close = list.matching(index + 1), close < range.upperBound
            {
                current = call(String(first.value.dropFirst()), arguments: (index + 2)..<close, context, locals)
                index = close + 1
            } else {
                current = variable(first.value, context: context, locals: locals)
                index += 1
            }
        case .name where !TokenList.keywords.contains(first.value):
            current = context.field(first.value)
            index += 1
        case .punctuation where ["(", "[", "{"].contains(first.value):
            guard let close = list.matching(index), close < range.upperBound else { return .unknown }
            switch first.value {
            case "(": current = shape((index + 1)..<close, context: context, locals: locals)
            case "[": current = array((index + 1)..<close, context: context, locals: locals)
            default: current = object((index + 1)..<close, context: context, locals: locals)
            }
            index = close + 1
        default:
            return .unknown
        }
        while index < range.upperBound {
            let token = list[index]
            if token.isPunctuation("."), index + 1 < range.upperBound {
                let next = list[index + 1]
                if next.kind == .name {
                    current = current.field(next.value)
                    index += 2
                    continue
                }
                guard ["(", "{"].contains(next.value) || next.kind == .variable else { return .unknown }
                let each: ValueShape
                let end: Int
                if next.kind == .variable {
                    guard index + 2 < range.upperBound, list[index + 2].isPunctuation("("),
                        let close = list.matching(index + 2), close < range.upperBound
                    else { return .unknown }
                    each = call(String(next.value.dropFirst()), arguments: (index + 3)..<close, current.element, locals)
                    end = close
                } else {
                    guard let close = list.matching(index + 1), close < range.upperBound else { return .unknown }
                    let inside = (index + 2)..<close
                    each =
                        next.value == "{"
                        ? object(inside, context: current.element, locals: locals)
                        : shape(inside, context: current.element, locals: locals)
                    end = close
                }
                switch current {
                case .list: current = each.isList ? each : .list(each)
                case .object, .scalar: current = each
                case .unknown: current = .unknown
                }
                index = end + 1
            } else if token.isPunctuation("["), let close = list.matching(index), close < range.upperBound {
                if isIndex((index + 1)..<close) { current = current.element }
                index = close + 1
            } else if token.isPunctuation("{"), let close = list.matching(index), close < range.upperBound {
                current = .object([:])  // grouping: keys computed from the data
                index = close + 1
            } else if token.isPunctuation("#") || token.isPunctuation("@"), index + 1 < range.upperBound,
                list[index + 1].kind == .variable
            {
                index += 2
            } else {
                return .unknown
            }
        }
        return current
    }

    /// Whether the inside of `[ ]` is a number, so an index rather than a filter.
    func isIndex(_ range: Range<Int>) -> Bool {
        if range.count == 1 { return list[range.lowerBound].kind == .number }
        return range.count == 2 && list[range.lowerBound].isPunctuation("-")
            && list[range.lowerBound + 1].kind == .number
    }

    private func variable(_ name: String, context: ValueShape, locals: [String: ValueShape]) -> ValueShape {
        switch name {
        case "$": return context
        case "$$": return scope.input
        default: return locals[name] ?? scope.variables[name] ?? .unknown
        }
    }

    /// An array constructor's inside: arrays its items give are flattened into it, except nested constructors.
    private func array(_ inside: Range<Int>, context: ValueShape, locals: [String: ValueShape]) -> ValueShape {
        guard !inside.isEmpty else { return .list(.unknown) }
        guard let items = list.split(inside, on: ",") else { return .list(.unknown) }
        var element: ValueShape?
        for item in items where !item.isEmpty {
            let item = list.unwrapped(item)
            var shape: ValueShape
            if list.hasTopLevel(item, [".."]) {
                shape = .scalar
            } else {
                shape = self.shape(item, context: context, locals: locals)
                let constructor =
                    list[item.lowerBound].isPunctuation("[") && list.matching(item.lowerBound) == item.upperBound - 1
                if !constructor { shape = shape.element }
            }
            element = element.map { .either($0, shape) } ?? shape
        }
        return .list(element ?? .unknown)
    }

    /// An object constructor's inside: the members with literal keys.
    func object(_ inside: Range<Int>, context: ValueShape, locals: [String: ValueShape]) -> ValueShape {
        guard let members = list.split(inside, on: ",") else { return .object([:]) }
        var fields: [String: ValueShape] = [:]
        for member in members where !member.isEmpty {
            guard let pair = list.split(member, on: ":"), pair.count >= 2, pair[0].count == 1 else { continue }
            let key = list[pair[0].lowerBound]
            guard key.kind == .string || key.kind == .name else { continue }
            fields[key.value] = shape(pair[1].lowerBound..<member.upperBound, context: context, locals: locals)
        }
        return .object(fields)
    }

    private func call(
        _ name: String, arguments inside: Range<Int>, _ context: ValueShape, _ locals: [String: ValueShape]
    ) -> ValueShape {
        if Self.scalarFunctions.contains(name) { return .scalar }
        let arguments = inside.isEmpty ? [] : (list.split(inside, on: ",") ?? [])
        let first = { arguments.first.map { self.shape($0, context: context, locals: locals) } ?? context }
        switch name {
        case "split", "keys": return .list(.scalar)
        case "merge", "sift": return .object([:])
        case "spread": return .list(.object([:]))
        case "append":
            let shapes = arguments.map { shape($0, context: context, locals: locals).element }
            return .list(shapes.dropFirst().reduce(shapes.first ?? .unknown, ValueShape.either))
        case "sort", "reverse", "distinct", "shuffle", "filter":
            let value = first()
            return value.isList ? value : .unknown
        case "map", "each", "zip": return .list(.unknown)
        default: return .unknown
        }
    }
}
