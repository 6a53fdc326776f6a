import WeftJSON

/// Checks one value against compiled schema nodes, collecting violations up to a limit.
struct SchemaEvaluator {
    /// What kind of failure a record is, for choosing the closest alternative of `anyOf` and `oneOf`.
    enum Kind {
        /// The value is not of the schema's types.
        case type(SchemaTypes)
        /// The value is not one of a few allowed values (`enum`, `const`): often a discriminator.
        case value
        case other
    }

    struct Record {
        var path: String
        var message: String
        var kind: Kind
        /// How many tokens `path` has, to tell failures of the value itself from nested ones.
        var depth: Int
    }

    private enum PathToken {
        case key(String)
        case index(Int)
    }

    let nodes: [SchemaNode]
    private(set) var records: [Record] = []
    private var limit: Int
    private var path: [PathToken] = []
    private var depth = 0
    /// Schemas checked so far, against ``stepBudget``.
    private var steps = 0
    /// Why evaluation stopped early (too deep, too much work), once it has; nothing is checked after that.
    private(set) var abandoned: Record?

    /// The most schema checks one validation may take: nested `anyOf`s and `oneOf`s can make the work grow
    /// exponentially with the depth of a value.
    static let stepBudget = 100_000

    init(nodes: [SchemaNode], limit: Int) {
        self.nodes = nodes
        self.limit = limit
    }

    private var isFull: Bool { records.count >= limit }

    // MARK: - Reporting

    private var pointer: String {
        var text = ""
        for token in path {
            text.append("/")
            switch token {
            case .key(let key): text.append(JSONPointer.escape(key))
            case .index(let index): text.append(String(index))
            }
        }
        return text
    }

    private mutating func report(_ message: String, kind: Kind = .other) {
        guard !isFull else { return }
        records.append(Record(path: pointer, message: message, kind: kind, depth: path.count))
    }

    /// Reports a violation of the member or element `token` of the current value.
    private mutating func report(_ message: String, at token: PathToken) {
        path.append(token)
        report(message)
        path.removeLast()
    }

    /// Whether `value` conforms to node `index`, without keeping any violation.
    private mutating func conforms(_ index: Int, _ value: JSON) -> Bool {
        let mark = records.count
        let saved = limit
        limit = mark + 1
        evaluate(index, value)
        let conforms = records.count == mark && abandoned == nil
        records.removeSubrange(mark...)
        limit = saved
        return conforms
    }

    /// The violations of `value` against node `index`, set aside rather than reported.
    private mutating func violations(_ index: Int, _ value: JSON) -> [Record] {
        let mark = records.count
        let saved = limit
        limit = mark + JSONSchemaValidator.maximumViolations
        evaluate(index, value)
        let found = Array(records[mark...])
        records.removeSubrange(mark...)
        limit = saved
        return found
    }

    // MARK: - Evaluation

    /// Checks `value` against node `index`, then reports why evaluation was abandoned, if it was.
    mutating func evaluateRoot(_ index: Int, _ value: JSON) {
        evaluate(index, value)
        if let abandoned {
            if isFull { records.removeLast() }
            records.append(abandoned)
        }
    }

    /// Checks `value`, at the current path, against node `index`.
    mutating func evaluate(_ index: Int, _ value: JSON) {
        guard !isFull, abandoned == nil else { return }
        steps += 1
        guard depth < JSONSchemaValidator.maximumDepth, steps <= Self.stepBudget else {
            let message =
                steps > Self.stepBudget
                ? "the schema is too complex to check this value (more than \(Self.stepBudget) steps)"
                : "nested too deeply to validate (more than \(JSONSchemaValidator.maximumDepth) levels)"
            abandoned = Record(path: pointer, message: message, kind: .other, depth: path.count)
            return
        }
        depth += 1
        defer { depth -= 1 }
        let node = nodes[index]
        let keywords = node.keywords
        if keywords.rejectsEverything {
            report("no value is allowed here")
            return
        }
        if keywords.nullable && value == .null { return }
        if let reference = keywords.reference { evaluate(reference, value) }
        if let types = keywords.types, !types.matches(value) {
            report("expected \(types.phrase), found \(Self.typePhrase(of: value, expected: types))", kind: .type(types))
            return
        }
        checkValue(node, value)
        switch value {
        case .number(let number): checkNumber(node, number)
        case .string(let string): checkString(node, string)
        case .array(let elements): checkArray(node, elements)
        case .object(let object): checkObject(node, object)
        case .null, .bool: break
        }
        checkApplicators(node, value)
    }

    private mutating func checkValue(_ node: SchemaNode, _ value: JSON) {
        let keywords = node.keywords
        if let allowed = keywords.enumValues, !allowed.contains(value.schemaCanonical) {
            let list = keywords.enumList
            let shown = list.prefix(12).map(Self.quoted).joined(separator: ", ")
            let more = list.count > 12 ? ", … (\(list.count) in all)" : ""
            if list.isEmpty {
                report("no value is allowed here (the enum is empty)", kind: .value)
            } else if list.count == 1 {
                report("expected \(shown), found \(Self.quoted(value))", kind: .value)
            } else {
                report("expected one of \(shown)\(more), found \(Self.quoted(value))", kind: .value)
            }
        }
        if let constant = keywords.constValue, constant != value.schemaCanonical {
            report("expected \(Self.quoted(constant)), found \(Self.quoted(value))", kind: .value)
        }
    }

    private mutating func checkNumber(_ node: SchemaNode, _ number: Double) {
        let keywords = node.keywords
        let found = JSONNumber.format(number)
        if let minimum = keywords.minimum, number < minimum {
            report("expected at least \(JSONNumber.format(minimum)), found \(found)")
        }
        if let maximum = keywords.maximum, number > maximum {
            report("expected at most \(JSONNumber.format(maximum)), found \(found)")
        }
        if let bound = keywords.exclusiveMinimum, number <= bound {
            report("expected more than \(JSONNumber.format(bound)), found \(found)")
        }
        if let bound = keywords.exclusiveMaximum, number >= bound {
            report("expected less than \(JSONNumber.format(bound)), found \(found)")
        }
        if let divisor = keywords.multipleOf, !Self.isMultiple(number, of: divisor) {
            report("expected a multiple of \(JSONNumber.format(divisor)), found \(found)")
        }
    }

    /// Whether `number` is a whole multiple of `divisor`, allowing for binary rounding (0.3 of 0.1).
    static func isMultiple(_ number: Double, of divisor: Double) -> Bool {
        let quotient = number / divisor
        guard quotient.isFinite else { return false }
        // Beyond 2^53 every double is a whole number.
        guard abs(quotient) < 9_007_199_254_740_992 else { return true }
        return abs(quotient - quotient.rounded()) <= 1e-9 * max(1, abs(quotient))
    }

    private mutating func checkString(_ node: SchemaNode, _ string: String) {
        let keywords = node.keywords
        if keywords.minLength != nil || keywords.maxLength != nil {
            let length = string.unicodeScalars.count
            if let minimum = keywords.minLength, length < minimum {
                report("expected at least \(Self.counted(minimum, "character")), found \(length)")
            }
            if let maximum = keywords.maxLength, length > maximum {
                report("expected at most \(Self.counted(maximum, "character")), found \(length)")
            }
        }
        if let pattern = keywords.pattern, pattern.matches(string) == false {
            report("expected text matching `\(pattern.source)`, found \(Self.quoted(.string(string)))")
        }
        if let format = keywords.format, !format.matches(string) {
            report("expected \(format.phrase), found \(Self.quoted(.string(string)))")
        }
    }

    private mutating func checkArray(_ node: SchemaNode, _ elements: [JSON]) {
        let keywords = node.keywords
        if let minimum = keywords.minItems, elements.count < minimum {
            report("expected at least \(Self.counted(minimum, "item")), found \(elements.count)")
        }
        if let maximum = keywords.maxItems, elements.count > maximum {
            report("expected at most \(Self.counted(maximum, "item")), found \(elements.count)")
        }
        if keywords.uniqueItems {
            var seen: [JSON: Int] = [:]
            for (offset, element) in elements.enumerated() {
                if let first = seen.updateValue(offset, forKey: element.schemaCanonical) {
                    report("expected unique items, but items \(first) and \(offset) are equal")
                    break
                }
            }
        }
        for (offset, schema) in zip(elements.indices, keywords.prefixItems) {
            path.append(.index(offset))
            evaluate(schema, elements[offset])
            path.removeLast()
        }
        if let items = keywords.items, elements.count > keywords.prefixItems.count {
            if nodes[items].keywords.rejectsEverything {
                let allowed = keywords.prefixItems.count
                report("expected at most \(Self.counted(allowed, "item")), found \(elements.count)")
            } else {
                for offset in keywords.prefixItems.count..<elements.count {
                    guard !isFull else { break }
                    path.append(.index(offset))
                    evaluate(items, elements[offset])
                    path.removeLast()
                }
            }
        }
        if let contains = keywords.contains {
            let matching = elements.reduce(0) { $0 + (conforms(contains, $1) ? 1 : 0) }
            let minimum = keywords.minContains ?? 1
            if matching < minimum {
                report(
                    "expected at least \(Self.counted(minimum, "item")) matching the `contains` schema, found \(matching)"
                )
            }
            if let maximum = keywords.maxContains, matching > maximum {
                report(
                    "expected at most \(Self.counted(maximum, "item")) matching the `contains` schema, found \(matching)"
                )
            }
        }
    }

    private mutating func checkObject(_ node: SchemaNode, _ object: JSONObject) {
        let keywords = node.keywords
        if let minimum = keywords.minProperties, object.count < minimum {
            report("expected at least \(Self.counted(minimum, "property")), found \(object.count)")
        }
        if let maximum = keywords.maxProperties, object.count > maximum {
            report("expected at most \(Self.counted(maximum, "property")), found \(object.count)")
        }
        for name in keywords.required where object[name] == nil {
            report("missing required property `\(name)`")
        }
        for (name, required) in keywords.dependentRequired where object[name] != nil {
            for other in required where object[other] == nil {
                report("missing property `\(other)`, required when `\(name)` is present")
            }
        }
        for (key, member) in object {
            guard !isFull else { return }
            path.append(.key(key))
            var matched = false
            if let schema = keywords.properties[key] {
                evaluate(schema, member)
                matched = true
            }
            for (pattern, schema) in keywords.patternProperties {
                switch pattern.matches(key) {
                case true?:
                    evaluate(schema, member)
                    matched = true
                case nil:
                    // Undecidable: neither checked against the pattern's schema nor counted as additional.
                    matched = true
                case false?:
                    break
                }
            }
            if !matched, let additional = keywords.additionalProperties {
                if nodes[additional].keywords.rejectsEverything {
                    report("property `\(key)` is not allowed")
                } else {
                    evaluate(additional, member)
                }
            }
            path.removeLast()
        }
        if let names = keywords.propertyNames {
            for key in object.keys {
                for record in violations(names, .string(key)) {
                    report("invalid property name `\(key)`: \(record.message)", at: .key(key))
                }
            }
        }
        for (name, schema) in keywords.dependentSchemas where object[name] != nil {
            evaluate(schema, .object(object))
        }
    }

    private mutating func checkApplicators(_ node: SchemaNode, _ value: JSON) {
        let keywords = node.keywords
        for schema in keywords.allOf { evaluate(schema, value) }
        if !keywords.anyOf.isEmpty, !keywords.anyOf.contains(where: { conforms($0, value) }) {
            reportClosest(keywords.anyOf, value, keyword: "anyOf")
        }
        if !keywords.oneOf.isEmpty {
            let matching = keywords.oneOf.filter { conforms($0, value) }.count
            if matching == 0 {
                reportClosest(keywords.oneOf, value, keyword: "oneOf")
            } else if matching > 1 {
                report("must match exactly one schema of oneOf, but matched \(matching)")
            }
        }
        if let not = keywords.not, conforms(not, value) {
            report("must not match the schema in `not`")
        }
        if let condition = keywords.ifSchema {
            if conforms(condition, value) {
                if let then = keywords.thenSchema { evaluate(then, value) }
            } else if let otherwise = keywords.elseSchema {
                evaluate(otherwise, value)
            }
        }
    }

    /// Reports why `value` matched none of `alternatives`: the violations of the alternative that comes
    /// closest, or, when none accepts the value's type, the types they would accept.
    private mutating func reportClosest(_ alternatives: [Int], _ value: JSON, keyword: String) {
        guard abandoned == nil else { return }
        var expected = SchemaTypes()
        var best: (score: Int, records: [Record])?
        for alternative in alternatives {
            let found = violations(alternative, value)
            var score = 0
            for record in found {
                if record.depth == path.count, case .type(let types) = record.kind {
                    expected.formUnion(types)
                    score = Int.max
                    break
                }
                if record.depth == path.count && !nodes[alternative].keywords.rejectsEverything {
                    score += 1
                } else if case .value = record.kind {
                    // A wrong discriminator (`kind: const "refund"`) means the value meant another alternative.
                    score += 1_000
                } else {
                    score += 1
                }
            }
            if score != Int.max, best.map({ score < $0.score }) ?? true { best = (score, found) }
        }
        if let best {
            for record in best.records where !isFull { records.append(record) }
        } else if !expected.isEmpty {
            let message = "expected \(expected.phrase), found \(Self.typePhrase(of: value, expected: expected))"
            report(message, kind: .type(expected))
        } else {
            report("must match at least one schema of \(keyword)")
        }
    }

    // MARK: - Wording

    /// "a string", or the number itself when only its fraction is wrong ("1.5" for an integer).
    private static func typePhrase(of value: JSON, expected: SchemaTypes) -> String {
        if case .number(let number) = value, expected.contains(.integer) {
            return JSONNumber.format(number)
        }
        return SchemaTypes.withArticle(value.typeName)
    }

    /// A value for messages, in backticks: "`abc`", "`42`", or "an object" when it is too long to show.
    static func quoted(_ value: JSON) -> String {
        switch value {
        case .string(let string):
            let scalars = string.unicodeScalars
            guard scalars.count > 60 else { return "`\(string)`" }
            var shortened = String.UnicodeScalarView()
            shortened.append(contentsOf: scalars.prefix(57))
            return "`\(String(shortened))…`"
        case .array, .object:
            let text = value.serialized()
            return text.utf8.count <= 60 ? "`\(text)`" : SchemaTypes.withArticle(value.typeName)
        default:
            return "`\(value.serialized())`"
        }
    }

    /// "1 item", "3 items", "1 property", "2 properties".
    static func counted(_ count: Int, _ noun: String) -> String {
        guard count != 1 else { return "1 \(noun)" }
        return noun.hasSuffix("y") ? "\(count) \(noun.dropLast())ies" : "\(count) \(noun)s"
    }
}
