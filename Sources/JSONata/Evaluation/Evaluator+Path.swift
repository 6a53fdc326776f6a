extension Evaluator {
    /// Evaluates a path: each step maps over the results of the previous one, and the results are flattened.
    func evaluatePath(_ node: Node, _ steps: [Node], _ input: Value, _ environment: Frame) throws(JSONataError) -> Value
    {
        // The common case, fields of nested objects, needs none of the sequence machinery: walk directly
        // while every step meets an object, and fall back to the general walk at the first array.
        if let names = node.fieldNames, case .jsonObject(var object) = input {
            var index = 0
            while true {
                guard let member = object[names[index]] else { return .undefined }
                index += 1
                if index == names.count { return Value(member) }
                guard case .object(let next) = member else {
                    if case .array = member { break }
                    return .undefined
                }
                object = next
            }
        }
        let walked = try walk(steps, input, environment)
        var result: Value
        if let tuples = walked.tuples {
            result = .sequence(tuples.map(\.focus))
        } else {
            result = walked.result
        }
        if node.keepSingletonArray {
            switch result {
            case .array(var array):
                if array.isConstructed && !array.isSequence {
                    array = JArray([result], isSequence: true)
                }
                array.keepSingleton = true
                result = .array(array)
            case .undefined, .jsonArray:
                break
            default:
                var array = JArray([result], isSequence: true)
                array.keepSingleton = true
                result = .array(array)
            }
        }
        if let group = node.group {
            if let tuples = walked.tuples {
                result = try evaluateTupleGroup(group.pairs, tuples, environment)
            } else {
                result = try evaluateGroup(group.pairs, result, environment, tupleStream: false)
            }
        }
        return result
    }

    /// The tuple stream of a path or block marked to carry its bindings, for use as a step of an outer path.
    func evaluateTupleSource(_ node: Node, _ input: Value, _ environment: Frame) throws(JSONataError) -> [Tuple]? {
        guard node.tuple else { return nil }
        var tuples: [Tuple]?
        switch node.kind {
        case .path(let steps):
            tuples = try walk(steps, input, environment).tuples
        case .block(let expressions):
            guard let last = expressions.last else { return nil }
            let scope = Frame(parent: environment)
            for expression in expressions.dropLast() { _ = try evaluate(expression, input, scope) }
            tuples = try evaluateTupleSource(last, input, scope)
        default:
            return nil
        }
        guard var result = tuples else { return nil }
        for predicate in node.predicates {
            result = try filterTuples(predicate, result, environment)
        }
        return result
    }

    private func walk(_ steps: [Node], _ input: Value, _ environment: Frame) throws(JSONataError)
        -> (result: Value, tuples: [Tuple]?)
    {
        var firstIsVariable = false
        if case .variable = steps[0].kind { firstIsVariable = true }
        // The items the next step maps over: an array's elements, or a single value.
        var inputs: Value = input
        if input.isArray && firstIsVariable { inputs = .sequence([input]) }

        var result: Value = .undefined
        var tuples: [Tuple]?
        var tupleMode = false
        for (index, step) in steps.enumerated() {
            if step.tuple { tupleMode = true }
            if index == 0 && step.isConstructedArray {
                result = try evaluate(step, inputs.isArray ? inputs : .sequence([inputs]), environment)
            } else if tupleMode {
                tuples = try evaluateTupleStep(step, inputs, tuples, environment)
            } else {
                result = try evaluateStep(step, inputs, environment, isLast: index == steps.count - 1)
            }
            if !tupleMode {
                if result.isUndefined { break }
                if result.isArray && result.count == 0 { break }
            }
            if step.focus == nil { inputs = result }
        }
        return (result, tupleMode ? (tuples ?? []) : nil)
    }

    /// Evaluates one step for each input item and flattens the results into a sequence.
    private func evaluateStep(_ step: Node, _ inputs: Value, _ environment: Frame, isLast: Bool) throws(JSONataError)
        -> Value
    {
        if case .sort(let terms) = step.kind {
            var sorted: Value = .sequence(try sortValues(itemsOf(inputs), terms, environment))
            for case .filter(let predicate) in step.stages {
                sorted = try evaluateFilter(predicate, sorted, environment)
            }
            return sorted
        }

        if !inputs.isArray {
            // One input item: no sequence needs building unless the step yields an array.
            var value = try evaluate(step, inputs, environment)
            for case .filter(let predicate) in step.stages {
                value = try evaluateFilter(predicate, value, environment)
            }
            switch value {
            case .undefined: return .sequence([])
            case .array(let array):
                if isLast && !array.isSequence { return value }
                if array.isConstructed { return .sequence([value]) }
                return .array(JArray(array.items, isSequence: true))
            case .jsonArray(let array):
                if isLast { return value }
                return .sequence(array.map(Value.init))
            default:
                return value
            }
        }

        var results: [Value] = []
        results.reserveCapacity(inputs.count)
        try forEachItem(of: inputs) { (item) throws(JSONataError) in
            var value = try evaluate(step, item, environment)
            for case .filter(let predicate) in step.stages {
                value = try evaluateFilter(predicate, value, environment)
            }
            if !value.isUndefined { results.append(value) }
        }
        if isLast && results.count == 1 {
            switch results[0] {
            case .array(let array) where !array.isSequence: return results[0]
            case .jsonArray: return results[0]
            default: break
            }
        }
        var flattened: [Value] = []
        flattened.reserveCapacity(results.count)
        for value in results {
            switch value {
            case .array(let array) where !array.isConstructed: flattened.append(contentsOf: array.items)
            case .jsonArray(let array): for element in array { flattened.append(Value(element)) }
            default: flattened.append(value)
            }
        }
        return .sequence(flattened)
    }

    private func evaluateTupleStep(_ step: Node, _ inputs: Value, _ tuples: [Tuple]?, _ environment: Frame)
        throws(JSONataError) -> [Tuple]
    {
        if case .sort(let terms) = step.kind {
            var result: [Tuple]
            if let tuples {
                result = try sortTuples(tuples, terms, environment)
            } else {
                let sorted = try sortValues(itemsOf(inputs), terms, environment)
                result = sorted.enumerated().map { offset, value in
                    var tuple = Tuple(focus: value)
                    if let index = step.index { tuple.bindings[index] = .number(Double(offset)) }
                    return tuple
                }
            }
            return try applyStages(step.stages, to: result, environment)
        }

        let source = tuples ?? itemsOf(inputs).map { Tuple(focus: $0) }
        var result: [Tuple] = []
        for tuple in source {
            let frame = Frame(parent: environment, tuple: tuple)
            if let nested = try evaluateTupleSource(step, tuple.focus, frame) {
                for inner in nested {
                    var merged = tuple
                    merged.focus = inner.focus
                    for (name, value) in inner.bindings { merged.bindings[name] = value }
                    result.append(merged)
                }
                continue
            }
            let value = try evaluate(step, tuple.focus, frame)
            if value.isUndefined { continue }
            let values = value.isArray ? value.elements : [value]
            for (offset, item) in values.enumerated() {
                var next = tuple
                if let focus = step.focus {
                    next.bindings[focus] = item
                } else {
                    next.focus = item
                }
                if let index = step.index { next.bindings[index] = .number(Double(offset)) }
                if let ancestor = step.ancestor { next.bindings[ancestor.label] = tuple.focus }
                result.append(next)
            }
        }
        return try applyStages(step.stages, to: result, environment)
    }

    private func applyStages(_ stages: [Stage], to tuples: [Tuple], _ environment: Frame) throws(JSONataError)
        -> [Tuple]
    {
        var result = tuples
        for stage in stages {
            switch stage {
            case .filter(let predicate):
                result = try filterTuples(predicate, result, environment)
            case .index(let name):
                for offset in result.indices { result[offset].bindings[name] = .number(Double(offset)) }
            }
        }
        return result
    }

    // MARK: - Predicates

    /// Applies a predicate `[...]` to a value: a number selects by position, anything else filters by truth.
    func evaluateFilter(_ predicate: Node, _ input: Value, _ environment: Frame) throws(JSONataError) -> Value {
        let items = itemsOf(input)
        if case .number(let number) = predicate.kind {
            var index = Int(clamping: number.rounded(.down))
            if index < 0 { index += items.count }
            guard index >= 0 && index < items.count else { return .sequence([]) }
            let item = items[index]
            if item.isArray { return item }
            return .sequence([item])
        }
        var results: [Value] = []
        for (index, item) in items.enumerated() {
            let value = try evaluate(predicate, item, environment)
            if selects(value, index: index, count: items.count) { results.append(item) }
        }
        return .sequence(results)
    }

    func filterTuples(_ predicate: Node, _ tuples: [Tuple], _ environment: Frame) throws(JSONataError)
        -> [Tuple]
    {
        if case .number(let number) = predicate.kind {
            var index = Int(clamping: number.rounded(.down))
            if index < 0 { index += tuples.count }
            guard index >= 0 && index < tuples.count else { return [] }
            return [tuples[index]]
        }
        var results: [Tuple] = []
        for (index, tuple) in tuples.enumerated() {
            let value = try evaluate(predicate, tuple.focus, Frame(parent: environment, tuple: tuple))
            if selects(value, index: index, count: tuples.count) { results.append(tuple) }
        }
        return results
    }

    /// Whether a predicate's value keeps the item at `index`: numbers select positions, other values by truth.
    private func selects(_ value: Value, index: Int, count: Int) -> Bool {
        if case .number(let number) = value {
            return positionMatches(number, index: index, count: count)
        }
        if value.isArray {
            let elements = value.elements
            if elements.allSatisfy({ if case .number = $0 { return true } else { return false } }) {
                for case .number(let number) in elements where positionMatches(number, index: index, count: count) {
                    return true
                }
                return false
            }
        }
        return value.isTruthy
    }

    private func positionMatches(_ number: Double, index: Int, count: Int) -> Bool {
        var position = Int(clamping: number.rounded(.down))
        if position < 0 { position += count }
        return position == index
    }

    // MARK: - Items

    /// The items of a value seen as a sequence: an array's elements, or the value itself.
    func itemsOf(_ value: Value) -> [Value] {
        switch value {
        case .array(let array): return array.items
        case .jsonArray(let array): return array.map(Value.init)
        default: return [value]
        }
    }

    @inline(__always)
    func forEachItem(of value: Value, _ body: (Value) throws(JSONataError) -> Void) throws(JSONataError) {
        switch value {
        case .array(let array): for item in array.items { try body(item) }
        case .jsonArray(let array): for item in array { try body(Value(item)) }
        default: try body(value)
        }
    }
}

extension Int {
    /// The integer nearest to `value` within `Int`'s range (NaN becomes 0), instead of trapping.
    init(clamping value: Double) {
        if value.isNaN {
            self = 0
        } else if value >= Double(Int.max) {
            self = Int.max
        } else if value <= Double(Int.min) {
            self = Int.min
        } else {
            self = Int(value)
        }
    }
}
