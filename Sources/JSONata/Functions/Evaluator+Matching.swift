/// One match found by a regex or by a matcher function.
struct MatchResult {
    var match: String
    /// Position of the match in code points.
    var start: Int
    var end: Int
    var groups: [String]
}

extension Evaluator {
    /// The successive matches of `pattern` (a regex, or a function following JSONata's matcher protocol:
    /// called with the string, it returns `{match, start, end, groups, next}`, and `next()` returns the following
    /// match) in `text`, at most `limit` of them.
    func matches(of pattern: Value, in text: String, limit: Int?, functionName: String) throws(JSONataError)
        -> [MatchResult]
    {
        switch pattern {
        case .function(.regex(let regex)):
            let scalars = Array(text.unicodeScalars)
            return try allMatches(regex, in: scalars, limit: limit).map { match in
                MatchResult(
                    match: substring(scalars, match.range), start: match.range.lowerBound, end: match.range.upperBound,
                    groups: match.groups.map { $0.map { substring(scalars, $0) } ?? "" })
            }
        case .function(let function):
            var results: [MatchResult] = []
            var current = try call(function, [.string(text)])
            while !current.isUndefined, limit.map({ results.count < $0 }) ?? true {
                guard case .string(let match) = current.member("match"),
                    case .number(let start) = current.member("start"),
                    case .number(let end) = current.member("end")
                else { throw malformedMatcher(functionName) }
                let groups = current.member("groups")
                guard groups.isUndefined || groups.isArray else { throw malformedMatcher(functionName) }
                results.append(
                    MatchResult(
                        match: match, start: Int(clamping: start), end: Int(clamping: end),
                        groups: groups.elements.map { if case .string(let text) = $0 { text } else { "" } }))
                guard case .function(let next) = current.member("next") else { break }
                current = try call(next, [])
                try checkTime()
            }
            return results
        default:
            throw JSONataError(
                code: "T0410", message: "Argument 2 of function \(functionName) does not match function signature",
                token: functionName)
        }
    }

    private func malformedMatcher(_ functionName: String) -> JSONataError {
        JSONataError(
            code: "T1010",
            message:
                "The matcher function argument passed to function \(functionName) does not return the correct object structure",
            token: functionName)
    }
}

extension MatchResult {
    /// The object passed to a replacement function: `match`, `start`, `end` and `groups`.
    var object: Value {
        let object = JObject()
        object.fields["match"] = .string(match)
        object.fields["start"] = .number(Double(start))
        object.fields["end"] = .number(Double(end))
        object.fields["groups"] = .array(JArray(groups.map(Value.string)))
        return .object(object)
    }
}
