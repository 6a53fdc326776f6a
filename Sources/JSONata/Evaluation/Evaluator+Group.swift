import Collections

extension Evaluator {
    /// Object construction and group-by: each item's keys are evaluated, items are grouped by key, and each
    /// group's value expression is evaluated with the group's items as context.
    func evaluateGroup(_ pairs: [(key: Node, value: Node)], _ input: Value, _ environment: Frame, tupleStream: Bool)
        throws(JSONataError) -> Value
    {
        var items = itemsOf(input)
        if items.isEmpty { items = [.undefined] }
        var groups: OrderedDictionary<String, (data: Value, pair: Int)> = [:]
        for item in items {
            for (pairIndex, pair) in pairs.enumerated() {
                let key = try groupKey(pair.key, item, environment)
                guard let key else { continue }
                if let existing = groups[key] {
                    guard existing.pair == pairIndex else { throw duplicateKey(key, pair.key) }
                    groups[key] = (appending(existing.data, item), pairIndex)
                } else {
                    groups[key] = (item, pairIndex)
                }
            }
        }
        let result = JObject()
        for (key, group) in groups {
            let value = try evaluate(pairs[group.pair].value, group.data, environment)
            if !value.isUndefined { result.fields[key] = value }
        }
        return .object(result)
    }

    /// Group-by over a tuple stream: each group's tuples are merged so their bindings are visible to the value.
    func evaluateTupleGroup(_ pairs: [(key: Node, value: Node)], _ tuples: [Tuple], _ environment: Frame)
        throws(JSONataError) -> Value
    {
        let items = tuples.isEmpty ? [Tuple(focus: .undefined)] : tuples
        var groups: OrderedDictionary<String, (data: [Tuple], pair: Int)> = [:]
        for tuple in items {
            let frame = Frame(parent: environment, tuple: tuple)
            for (pairIndex, pair) in pairs.enumerated() {
                guard let key = try groupKey(pair.key, tuple.focus, frame) else { continue }
                if let existing = groups[key] {
                    guard existing.pair == pairIndex else { throw duplicateKey(key, pair.key) }
                    groups[key] = (existing.data + [tuple], pairIndex)
                } else {
                    groups[key] = ([tuple], pairIndex)
                }
            }
        }
        let result = JObject()
        for (key, group) in groups {
            let merged = mergeTuples(group.data)
            let value = try evaluate(pairs[group.pair].value, merged.focus, Frame(parent: environment, tuple: merged))
            if !value.isUndefined { result.fields[key] = value }
        }
        return .object(result)
    }

    private func groupKey(_ node: Node, _ context: Value, _ environment: Frame) throws(JSONataError) -> String? {
        let key = try evaluate(node, context, environment)
        switch key {
        case .undefined: return nil
        case .string(let string): return string
        default:
            throw JSONataError(
                code: "T1003", message: "Key in object structure must evaluate to a string; got: \(describe(key))",
                position: node.position, token: describe(key))
        }
    }

    private func duplicateKey(_ key: String, _ node: Node) -> JSONataError {
        JSONataError(
            code: "D1009", message: "Multiple key definitions evaluate to same key: \"\(key)\"",
            position: node.position,
            token: key)
    }

    /// Merges tuples: every binding (and the context) becomes the concatenation of the tuples' values.
    private func mergeTuples(_ tuples: [Tuple]) -> Tuple {
        var merged = tuples[0]
        for tuple in tuples.dropFirst() {
            merged.focus = appending(merged.focus, tuple.focus)
            for (name, value) in tuple.bindings {
                merged.bindings[name] = appending(merged.bindings[name] ?? .undefined, value)
            }
        }
        return merged
    }

    /// `$append`: concatenates two values, treating single values as one-element arrays.
    func appending(_ first: Value, _ second: Value) -> Value {
        if first.isUndefined { return second }
        if second.isUndefined { return first }
        var items = first.isArray ? first.elements : [first]
        if second.isArray {
            items.append(contentsOf: second.elements)
        } else {
            items.append(second)
        }
        return .array(JArray(items))
    }

    // MARK: - Sorting

    /// Sorts values by the terms of an order-by clause (stable).
    func sortValues(_ items: [Value], _ terms: [SortTerm], _ environment: Frame) throws(JSONataError) -> [Value] {
        try mergeSort(items) { (a, b) throws(JSONataError) in
            try sortsAfter(terms, a, environment, b, environment)
        }
    }

    func sortTuples(_ tuples: [Tuple], _ terms: [SortTerm], _ environment: Frame) throws(JSONataError) -> [Tuple] {
        try mergeSort(tuples) { (a, b) throws(JSONataError) in
            try sortsAfter(
                terms, a.focus, Frame(parent: environment, tuple: a), b.focus, Frame(parent: environment, tuple: b))
        }
    }

    private func sortsAfter(_ terms: [SortTerm], _ a: Value, _ aScope: Frame, _ b: Value, _ bScope: Frame)
        throws(JSONataError) -> Bool
    {
        for term in terms {
            let left = try evaluate(term.expression, a, aScope)
            let right = try evaluate(term.expression, b, bScope)
            if left.isUndefined && right.isUndefined { continue }
            if left.isUndefined { return true }
            if right.isUndefined { return false }
            guard (left.isNumber || left.isString) && (right.isNumber || right.isString) else {
                throw JSONataError(
                    code: "T2008",
                    message: "The expressions within an order-by clause must evaluate to numeric or string values",
                    position: term.expression.position)
            }
            var order: Int
            switch (left, right) {
            case (.number(let x), .number(let y)): order = x < y ? -1 : (x > y ? 1 : 0)
            case (.string(let x), .string(let y)): order = compareUTF16(x, y)
            default:
                throw JSONataError(
                    code: "T2007",
                    message:
                        "Type mismatch when comparing values \(describe(left)) and \(describe(right)) in order-by clause",
                    position: term.expression.position)
            }
            if order == 0 { continue }
            if term.descending { order = -order }
            return order > 0
        }
        return false
    }
}

/// A stable merge sort whose comparator may throw. `sortsAfter(a, b)` is true when `a` belongs after `b`.
func mergeSort<T>(_ items: [T], _ sortsAfter: (T, T) throws(JSONataError) -> Bool) throws(JSONataError) -> [T] {
    guard items.count > 1 else { return items }
    let middle = items.count / 2
    let left = try mergeSort(Array(items[..<middle]), sortsAfter)
    let right = try mergeSort(Array(items[middle...]), sortsAfter)
    var result: [T] = []
    result.reserveCapacity(items.count)
    var i = 0
    var j = 0
    while i < left.count && j < right.count {
        if try sortsAfter(left[i], right[j]) {
            result.append(right[j])
            j += 1
        } else {
            result.append(left[i])
            i += 1
        }
    }
    result.append(contentsOf: left[i...])
    result.append(contentsOf: right[j...])
    return result
}
