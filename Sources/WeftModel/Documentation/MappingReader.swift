/// Reads the field mapping out of a JSONata object constructor such as
/// `{ "tranDate": $substring(created_at, 0, 10), "item": { "items": line_items.{ "quantity": quantity } } }`:
/// one row per leaf field, nested objects as dot paths and `path.{ ... }` mappings as `items[]` when the path is
/// known to be a list (as `items` otherwise: over a single object, the mapping gives one object).
struct MappingReader {
    let list: TokenList
    let wording: TransformationWording
    /// Origins by target path; fields not listed are `written`.
    let origins: [String: String]
    /// What is known of the values the expression reads.
    let scope: ShapeScope

    init(_ list: TokenList, origins: [String: String], scope: ShapeScope = .unknown) {
        self.list = list
        self.wording = TransformationWording(list, scope: scope)
        self.origins = origins
        self.scope = scope
    }

    /// The rows of `source` when it is an object constructor (or `path.{ ... }`), nil otherwise.
    static func rows(
        expression source: String, target: String = "", origins: [String: String], scope: ShapeScope = .unknown
    ) -> [FieldMapping]? {
        guard let list = TokenList(source) else { return nil }
        let reader = MappingReader(list, origins: origins, scope: scope)
        let range = list.unwrapped(list.all)
        guard reader.isConstructor(range) else { return nil }
        return reader.valueRows(range, target: target, context: .input(scope.input))
    }

    /// The rows of one value written in a YAML structure (an `input:` member): a constructor is unfolded, any
    /// other expression gives one row.
    static func rows(
        value source: String, target: String, origins: [String: String], scope: ShapeScope = .unknown
    ) -> [FieldMapping] {
        guard let list = TokenList(source) else {
            return [
                FieldMapping(
                    target: target, sources: [], expression: source, transformation: "expression",
                    origin: origins[target] ?? FieldMapping.written)
            ]
        }
        return MappingReader(list, origins: origins, scope: scope).valueRows(
            list.unwrapped(list.all), target: target, context: .input(scope.input))
    }

    /// Whether `range` is `{ ... }` or `path.{ ... }`.
    func isConstructor(_ range: Range<Int>) -> Bool {
        if objectBody(range) != nil { return true }
        return arrayMapping(range) != nil
    }

    /// The inside of `range` when it is exactly `{ ... }`.
    private func objectBody(_ range: Range<Int>) -> Range<Int>? {
        guard range.count >= 2, list[range.lowerBound].isPunctuation("{"),
            list.matching(range.lowerBound) == range.upperBound - 1
        else { return nil }
        return (range.lowerBound + 1)..<(range.upperBound - 1)
    }

    /// `path.{ ... }` or `path[].{ ... }`: the path's range (without the `[]`), the constructor's inside, and
    /// whether the path ends in `[]`, which keeps the result a list even of one element.
    private func arrayMapping(_ range: Range<Int>) -> (path: Range<Int>, body: Range<Int>, keepsList: Bool)? {
        guard range.count >= 4, list[range.upperBound - 1].isPunctuation("}") else { return nil }
        var open = range.upperBound - 2
        while open > range.lowerBound, !(list[open].isPunctuation("{") && list.matching(open) == range.upperBound - 1) {
            open -= 1
        }
        guard open > range.lowerBound + 1, list[open - 1].isPunctuation(".") else { return nil }
        var end = open - 1
        let keepsList =
            end - range.lowerBound >= 3 && list[end - 2].isPunctuation("[") && list[end - 1].isPunctuation("]")
        if keepsList { end -= 2 }
        guard list.isPath(range.lowerBound..<end) else { return nil }
        return (range.lowerBound..<end, (open + 1)..<(range.upperBound - 1), keepsList)
    }

    private func join(_ prefix: String, _ name: String) -> String {
        prefix.isEmpty ? name : prefix + "." + name
    }

    /// The rows for the value in `range`, written to `target`; relative paths are read inside `context`.
    func valueRows(_ range: Range<Int>, target: String, context: PathContext) -> [FieldMapping] {
        let range = list.unwrapped(range)
        if let body = objectBody(range), let rows = objectRows(body, target: target, context: context),
            !rows.isEmpty
        {
            return rows
        }
        if let mapping = arrayMapping(range) {
            var shape = ShapeReader(list: list, scope: scope).shape(mapping.path, context: context.shape, locals: [:])
            if mapping.keepsList, !shape.isList { shape = .list(shape) }
            // The path's name as a source; a path through a variable bound in the expression is not one.
            let first = list[mapping.path.lowerBound]
            let path: String? =
                first.kind == .variable && list.boundVariables.contains(first.value)
                ? nil : wording.sources(mapping.path, context: context).first ?? list.text(mapping.path)
            if let rows = objectRows(
                mapping.body, target: target + (shape.isList ? "[]" : ""), context: .each(of: path, shape: shape)),
                !rows.isEmpty
            {
                return rows
            }
        }
        return [
            FieldMapping(
                target: target, sources: wording.sources(range, context: context), expression: list.text(range),
                transformation: wording.describe(range), origin: origins[target] ?? FieldMapping.written)
        ]
    }

    /// The rows of the members of an object constructor's inside, or nil when a member has no `key: value`.
    private func objectRows(_ body: Range<Int>, target: String, context: PathContext) -> [FieldMapping]? {
        guard let members = list.split(body, on: ",") else { return nil }
        var rows: [FieldMapping] = []
        for member in members where !member.isEmpty {
            guard let pairs = list.split(member, on: ":"), pairs.count >= 2, !pairs[0].isEmpty else { return nil }
            let keyRange = pairs[0]
            let valueRange = pairs[1].lowerBound..<member.upperBound
            let key: String
            if keyRange.count == 1, list[keyRange.lowerBound].kind == .string || list[keyRange.lowerBound].kind == .name
            {
                key = list[keyRange.lowerBound].value
            } else {
                key = "(" + list.text(keyRange) + ")"
            }
            rows += valueRows(valueRange, target: join(target, key), context: context)
        }
        return rows
    }
}
