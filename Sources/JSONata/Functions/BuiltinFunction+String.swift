extension BuiltinFunction {
    static let stringFunctions: [BuiltinFunction] = [
        BuiltinFunction("string", "<x-b?:s>", arity: 1) { (args, _) throws(JSONataError) in
            let value = args[argument: 0]
            if value.isUndefined { return .undefined }
            if case .bool(let pretty) = args[argument: 1] {
                return .string(try string(of: value, pretty: pretty))
            }
            return .string(try string(of: value))
        },
        BuiltinFunction("length", "<s-:n>") { (args, _) throws(JSONataError) in
            guard case .string(let text) = args[argument: 0] else { return .undefined }
            return .number(Double(text.unicodeScalars.count))
        },
        BuiltinFunction("substring", "<s-nn?:s>") { (args, _) throws(JSONataError) in
            guard case .string(let text) = args[argument: 0], case .number(let start) = args[argument: 1] else {
                return .undefined
            }
            let scalars = Array(text.unicodeScalars)
            var begin = start
            if Double(scalars.count) + begin < 0 { begin = 0 }
            if case .number(let length) = args[argument: 2] {
                if length <= 0 { return .string("") }
                let end = begin >= 0 ? begin + length : Double(scalars.count) + begin + length
                return .string(slice(scalars, begin, end))
            }
            return .string(slice(scalars, begin, nil))
        },
        BuiltinFunction("substringBefore", "<s-s:s>") { (args, _) throws(JSONataError) in
            guard case .string(let text) = args[argument: 0] else { return .undefined }
            guard case .string(let separator) = args[argument: 1] else { return .undefined }
            let scalars = Array(text.unicodeScalars)
            guard let index = indexOf(Array(separator.unicodeScalars), in: scalars) else { return .string(text) }
            return .string(slice(scalars, 0, Double(index)))
        },
        BuiltinFunction("substringAfter", "<s-s:s>") { (args, _) throws(JSONataError) in
            guard case .string(let text) = args[argument: 0] else { return .undefined }
            guard case .string(let separator) = args[argument: 1] else { return .undefined }
            let scalars = Array(text.unicodeScalars)
            let needle = Array(separator.unicodeScalars)
            guard let index = indexOf(needle, in: scalars) else { return .string(text) }
            return .string(slice(scalars, Double(index + needle.count), nil))
        },
        BuiltinFunction("uppercase", "<s-:s>") { (args, _) throws(JSONataError) in
            guard case .string(let text) = args[argument: 0] else { return .undefined }
            return .string(text.uppercased())
        },
        BuiltinFunction("lowercase", "<s-:s>") { (args, _) throws(JSONataError) in
            guard case .string(let text) = args[argument: 0] else { return .undefined }
            return .string(text.lowercased())
        },
        BuiltinFunction("trim", "<s-:s>") { (args, _) throws(JSONataError) in
            guard case .string(let text) = args[argument: 0] else { return .undefined }
            return .string(normalizeSpace(text))
        },
        BuiltinFunction("pad", "<s-ns?:s>") { (args, context) throws(JSONataError) in
            guard case .string(let text) = args[argument: 0], case .number(let width) = args[argument: 1] else {
                return .undefined
            }
            var padding = " "
            if case .string(let custom) = args[argument: 2], !custom.isEmpty { padding = custom }
            let length = text.unicodeScalars.count
            let target = Int(clamping: abs(width).rounded(.towardZero))
            guard target > length else { return .string(text) }
            try context.evaluator.checkSize(target)
            var fill = String.UnicodeScalarView()
            let pattern = Array(padding.unicodeScalars)
            while fill.count < target - length { fill.append(pattern[fill.count % pattern.count]) }
            return .string(width > 0 ? text + String(fill) : String(fill) + text)
        },
        BuiltinFunction("contains", "<s-(sf):b>") { (args, context) throws(JSONataError) in
            guard case .string(let text) = args[argument: 0] else { return .undefined }
            switch args[argument: 1] {
            case .undefined:
                return .undefined
            case .string(let token):
                return .bool(indexOf(Array(token.unicodeScalars), in: Array(text.unicodeScalars)) != nil)
            case let pattern:
                return .bool(
                    !(try context.evaluator.matches(of: pattern, in: text, limit: 1, functionName: "contains")).isEmpty)
            }
        },
        BuiltinFunction("split", "<s-(sf)n?:a<s>>") { (args, context) throws(JSONataError) in
            guard case .string(let text) = args[argument: 0] else { return .undefined }
            var limit: Int?
            if case .number(let number) = args[argument: 2] {
                if number < 0 {
                    throw JSONataError(
                        code: "D3020", message: "Third argument of split function must evaluate to a positive number",
                        token: "split")
                }
                limit = Int(clamping: number.rounded(.down))
            }
            if limit == 0 { return .array(JArray()) }
            var parts: [Value] = []
            switch args[argument: 1] {
            case .string(let separator):
                let scalars = Array(text.unicodeScalars)
                let needle = Array(separator.unicodeScalars)
                if needle.isEmpty {
                    parts = scalars.map { .string(String($0)) }
                } else {
                    var start = 0
                    while let index = indexOf(needle, in: scalars, from: start) {
                        parts.append(.string(slice(scalars, Double(start), Double(index))))
                        start = index + needle.count
                    }
                    parts.append(.string(slice(scalars, Double(start), nil)))
                }
            case .undefined:
                return .undefined
            case let pattern:
                let scalars = Array(text.unicodeScalars)
                var start = 0
                for match in try context.evaluator.matches(of: pattern, in: text, limit: limit, functionName: "split") {
                    parts.append(.string(slice(scalars, Double(start), Double(match.start))))
                    start = match.end
                }
                parts.append(.string(slice(scalars, Double(start), nil)))
            }
            if let limit, parts.count > limit { parts = Array(parts[..<limit]) }
            return .array(JArray(parts))
        },
        BuiltinFunction("join", "<a<s>s?:s>") { (args, context) throws(JSONataError) in
            let strings = args[argument: 0]
            if strings.isUndefined { return .undefined }
            var separator = ""
            if case .string(let custom) = args[argument: 1] { separator = custom }
            var result = ""
            for (offset, item) in strings.elements.enumerated() {
                if offset > 0 { result += separator }
                if case .string(let text) = item { result += text }
            }
            try context.evaluator.checkSize(result.utf8.count)
            return .string(result)
        },
        BuiltinFunction("match", "<s-f<s:o>n?:a<o>>") { (args, context) throws(JSONataError) in
            guard case .string(let text) = args[argument: 0] else { return .undefined }
            var limit: Int?
            if case .number(let number) = args[argument: 2] {
                if number < 0 {
                    throw JSONataError(
                        code: "D3040", message: "Third argument of match function must evaluate to a positive number",
                        token: "match")
                }
                limit = Int(clamping: number.rounded(.down))
            }
            var results: [Value] = []
            for match in try context.evaluator.matches(
                of: args[argument: 1], in: text, limit: limit, functionName: "match")
            {
                let object = JObject()
                object.fields["match"] = .string(match.match)
                object.fields["index"] = .number(Double(match.start))
                object.fields["groups"] = .array(JArray(match.groups.map(Value.string)))
                results.append(.object(object))
            }
            return .sequence(results)
        },
        BuiltinFunction("replace", "<s-(sf)(sf)n?:s>") { (args, context) throws(JSONataError) in
            try replace(args, context)
        },
        BuiltinFunction("eval", "<sx?:x>") { (args, context) throws(JSONataError) in
            guard case .string(let source) = args[argument: 0] else { return .undefined }
            var input = context.input
            let focus = args[argument: 1]
            if !focus.isUndefined {
                input = focus
                if input.isArray && !input.isSequence {
                    var wrapper = JArray([input], isSequence: true)
                    wrapper.outerWrapper = true
                    input = .array(wrapper)
                }
            }
            let root: Node
            do throws(JSONataError) {
                root = try Parser.parse(source)
            } catch {
                throw JSONataError(
                    code: "D3120", message: "Syntax error in expression passed to function eval: \(error.message)",
                    token: "eval")
            }
            do throws(JSONataError) {
                return try context.evaluator.evaluate(root, input, context.environment)
            } catch {
                throw JSONataError(
                    code: "D3121",
                    message: "Dynamic error evaluating the expression passed to function eval: \(error.message)",
                    token: "eval")
            }
        },
        BuiltinFunction("base64encode", "<s-:s>") { (args, _) throws(JSONataError) in
            guard case .string(let text) = args[argument: 0] else { return .undefined }
            return .string(Base64.encode(Array(text.utf8)))
        },
        BuiltinFunction("base64decode", "<s-:s>") { (args, _) throws(JSONataError) in
            guard case .string(let text) = args[argument: 0] else { return .undefined }
            guard let bytes = Base64.decode(text) else {
                throw JSONataError(code: "D3137", message: "Invalid base64 string", token: "base64decode")
            }
            return .string(String(decoding: bytes, as: UTF8.self))
        },
        BuiltinFunction("encodeUrlComponent", "<s-:s>") { (args, _) throws(JSONataError) in
            guard case .string(let text) = args[argument: 0] else { return .undefined }
            return .string(URLEncoding.encode(text, keeping: URLEncoding.componentSafe))
        },
        BuiltinFunction("encodeUrl", "<s-:s>") { (args, _) throws(JSONataError) in
            guard case .string(let text) = args[argument: 0] else { return .undefined }
            return .string(URLEncoding.encode(text, keeping: URLEncoding.uriSafe))
        },
        BuiltinFunction("decodeUrlComponent", "<s-:s>") { (args, _) throws(JSONataError) in
            guard case .string(let text) = args[argument: 0] else { return .undefined }
            guard let decoded = URLEncoding.decode(text, preserving: []) else {
                throw JSONataError(
                    code: "D3140", message: "Malformed URL passed to decodeUrlComponent(): \(text)",
                    token: "decodeUrlComponent")
            }
            return .string(decoded)
        },
        BuiltinFunction("decodeUrl", "<s-:s>") { (args, _) throws(JSONataError) in
            guard case .string(let text) = args[argument: 0] else { return .undefined }
            guard let decoded = URLEncoding.decode(text, preserving: URLEncoding.reserved) else {
                throw JSONataError(
                    code: "D3140", message: "Malformed URL passed to decodeUrl(): \(text)", token: "decodeUrl")
            }
            return .string(decoded)
        },
    ]
}

/// `Array.prototype.slice` on code points: negative positions count from the end, fractions truncate.
func slice(_ scalars: [Unicode.Scalar], _ start: Double, _ end: Double?) -> String {
    let count = Double(scalars.count)
    func resolve(_ position: Double) -> Int {
        let relative = position.rounded(.towardZero)
        if relative < 0 { return Int(max(count + relative, 0)) }
        return Int(min(relative, count))
    }
    let lower = resolve(start)
    let upper = end.map(resolve) ?? scalars.count
    guard lower < upper else { return "" }
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars[lower..<upper])
    return String(view)
}

/// Collapses runs of spaces, tabs and line breaks to one space and trims both ends.
func normalizeSpace(_ text: String) -> String {
    var result = String.UnicodeScalarView()
    var pendingSpace = false
    for scalar in text.unicodeScalars {
        if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
            pendingSpace = !result.isEmpty
        } else {
            if pendingSpace { result.append(" ") }
            pendingSpace = false
            result.append(scalar)
        }
    }
    return String(result)
}

private func replace(_ args: [Value], _ context: CallContext) throws(JSONataError) -> Value {
    guard case .string(let text) = args[argument: 0] else { return .undefined }
    let evaluator = context.evaluator
    var limit: Int?
    if case .number(let number) = args[argument: 3] {
        if number < 0 {
            throw JSONataError(
                code: "D3011", message: "Fourth argument of replace function must evaluate to a positive number",
                token: "replace")
        }
        limit = Int(clamping: number.rounded(.down))
    }
    let replacement = args[argument: 2]
    switch args[argument: 1] {
    case .string(let pattern):
        if pattern.isEmpty {
            throw JSONataError(
                code: "D3010", message: "Second argument of replace function cannot be an empty string",
                token: "replace")
        }
        guard case .string(let substitute) = replacement else {
            throw JSONataError(
                code: "T0410", message: "Argument 3 of function replace does not match function signature",
                token: "replace")
        }
        if limit == 0 { return .string(text) }
        let scalars = Array(text.unicodeScalars)
        let needle = Array(pattern.unicodeScalars)
        var result = ""
        var position = 0
        var count = 0
        while limit.map({ count < $0 }) ?? true, let index = indexOf(needle, in: scalars, from: position) {
            result += slice(scalars, Double(position), Double(index))
            result += substitute
            position = index + needle.count
            count += 1
            try evaluator.checkSize(result.utf8.count)
        }
        result += slice(scalars, Double(position), nil)
        return .string(result)
    case .function:
        let scalars = Array(text.unicodeScalars)
        var result = ""
        var position = 0
        for match in try evaluator.matches(of: args[argument: 1], in: text, limit: limit, functionName: "replace") {
            result += slice(scalars, Double(position), Double(match.start))
            let substitute: Value
            switch replacement {
            case .string(let template):
                substitute = .string(expandReplacement(template, match))
            case .function(let function):
                substitute = try evaluator.call(function, [match.object])
            default:
                throw JSONataError(
                    code: "T0410", message: "Argument 3 of function replace does not match function signature",
                    token: "replace")
            }
            guard case .string(let string) = substitute else {
                throw JSONataError(
                    code: "D3012", message: "Attempted to replace a matched string with a non-string value",
                    token: "replace")
            }
            result += string
            position = match.end
            try evaluator.checkSize(result.utf8.count)
        }
        result += slice(scalars, Double(position), nil)
        return .string(result)
    case .undefined:
        return .undefined
    default:
        throw JSONataError(
            code: "T0410", message: "Argument 2 of function replace does not match function signature", token: "replace"
        )
    }
}

/// Expands `$0`, `$1`... and `$$` in a replacement string.
private func expandReplacement(_ template: String, _ match: MatchResult) -> String {
    let characters = Array(template.unicodeScalars)
    var output = String.UnicodeScalarView()
    var index = 0
    let groupCount = match.groups.count
    while index < characters.count {
        let character = characters[index]
        guard character == "$", index + 1 < characters.count else {
            output.append(character)
            index += 1
            continue
        }
        let next = characters[index + 1]
        if next == "$" {
            output.append("$")
            index += 2
        } else if next == "0" {
            output.append(contentsOf: match.match.unicodeScalars)
            index += 2
        } else {
            // As many digits as the largest group number has, falling back to fewer when too large.
            let maxDigits = groupCount == 0 ? 1 : String(groupCount).count
            var digits = ""
            var cursor = index + 1
            while cursor < characters.count, digits.count < maxDigits, ("0"..."9").contains(characters[cursor]) {
                digits.unicodeScalars.append(characters[cursor])
                cursor += 1
            }
            if maxDigits > 1, let value = Int(digits), value > groupCount { digits.removeLast() }
            if let group = Int(digits) {
                if group >= 1 && group <= groupCount {
                    output.append(contentsOf: match.groups[group - 1].unicodeScalars)
                }
                index += 1 + digits.count
            } else {
                output.append("$")
                index += 1
            }
        }
    }
    return String(output)
}

extension Evaluator {
    /// Successive non-overlapping matches, as JavaScript's global matching finds them. A zero-length match
    /// after the first is an error (D1004), as JSONata specifies.
    func allMatches(_ regex: JSRegex, in text: [Unicode.Scalar], limit: Int?) throws(JSONataError) -> [RegexMatch] {
        var matches: [RegexMatch] = []
        var start = 0
        while limit.map({ matches.count < $0 }) ?? true {
            guard let match = try firstMatch(regex, in: text, from: start) else { break }
            if match.range.isEmpty && !matches.isEmpty {
                throw JSONataError(code: "D1004", message: "Regular expression matches zero length string")
            }
            matches.append(match)
            start = match.range.upperBound
            if start >= text.count { break }
            try checkTime()
        }
        return matches
    }
}

/// The first position at or after `start` where `needle` occurs in `haystack` (an empty needle occurs at `start`).
func indexOf(_ needle: [Unicode.Scalar], in haystack: [Unicode.Scalar], from start: Int = 0) -> Int? {
    guard !needle.isEmpty else { return start <= haystack.count ? start : nil }
    guard haystack.count >= needle.count else { return nil }
    var index = start
    let first = needle[0]
    while index + needle.count <= haystack.count {
        if haystack[index] == first && haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
        index += 1
    }
    return nil
}
