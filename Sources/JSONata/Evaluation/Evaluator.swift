import WeftJSON

/// Evaluates a parsed expression. One evaluator serves one evaluation: it holds the depth counter, the
/// deadline and the clock reading, so it is never shared between threads.
final class Evaluator {
    let options: EvaluationOptions
    let hostFunctions: [String: JSONataFunction]
    private var depth = 0
    private var ticks = 0
    private let deadline: ContinuousClock.Instant?
    private let stackGuard = NativeStack.guardAddress() ?? 0
    private(set) lazy var now: Double = options.clock()
    /// Seeded on first use: most evaluations never call `$random()`.
    private lazy var randomState: UInt64 =
        options.randomSeed
        ?? {
            var generator = SystemRandomNumberGenerator()
            return generator.next()
        }()
    /// The input document, which `$$` names.
    private var rootInput: Value = .undefined

    init(options: EvaluationOptions, hostFunctions: [String: JSONataFunction]) {
        self.options = options
        self.hostFunctions = hostFunctions
        self.deadline = options.timeLimit.map { ContinuousClock.now.advanced(by: $0) }
    }

    /// A number in [0, 1) from a SplitMix64 sequence: deterministic when the options give a seed.
    func nextRandom() -> Double {
        randomState &+= 0x9E37_79B9_7F4A_7C15
        var mixed = randomState
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        mixed ^= mixed >> 31
        return Double(mixed >> 11) / Double(1 << 53)
    }

    /// Evaluates `root` on the input with the given variable bindings.
    func run(_ root: Node, input json: JSON?, bindings: [String: JSON]) throws(JSONataError) -> Value {
        let environment = Frame(parent: nil)
        var input: Value = json.map(Value.init) ?? .undefined
        rootInput = input
        for (name, value) in bindings { environment.bind(name, Value(value)) }
        // An input array is wrapped so that it is treated as one value rather than a sequence of inputs.
        if case .jsonArray(let items) = input {
            var wrapper = JArray([.jsonArray(items)], isSequence: true)
            wrapper.outerWrapper = true
            input = .array(wrapper)
        }
        return try evaluate(root, input, environment)
    }

    // MARK: - Limits

    @inline(__always)
    private func enter() throws(JSONataError) {
        depth += 1
        if depth > options.maxDepth || NativeStack.currentAddress() < stackGuard {
            throw JSONataError(
                code: "U1001",
                message:
                    "Stack overflow error: Check for non-terminating recursive function. Consider rewriting as tail-recursive."
            )
        }
        ticks &+= 1
        if ticks & 0x3FF == 0 { try checkTime() }
    }

    func checkTime() throws(JSONataError) {
        if let deadline, ContinuousClock.now > deadline {
            throw JSONataError(code: "U1001", message: "Expression evaluation timeout: Check for infinite loop")
        }
    }

    /// Checks a size about to be built against the output budget.
    @inline(__always)
    func checkSize(_ size: Int) throws(JSONataError) {
        if size > options.maxOutputSize {
            throw JSONataError(
                code: "U1002", message: "The result would exceed the maximum size of \(options.maxOutputSize)")
        }
    }

    // MARK: - Dispatch

    func evaluate(_ node: Node, _ input: Value, _ environment: Frame) throws(JSONataError) -> Value {
        try enter()
        defer { depth -= 1 }
        var result: Value
        switch node.kind {
        case .path(let steps):
            result = try evaluatePath(node, steps, input, environment)
        case .binary(let op, let lhs, let rhs):
            result = try evaluateBinary(op, lhs, rhs, input, environment, position: node.position)
        case .negate(let operand):
            result = try evaluateNegation(operand, input, environment, position: node.position)
        case .name(let name):
            result = lookup(input, name)
        case .string(let string):
            result = .string(string)
        case .number(let number):
            result = .number(number)
        case .value(let literal):
            switch literal {
            case .bool(let value): result = .bool(value)
            case .null: result = .null
            }
        case .wildcard:
            result = wildcard(input)
        case .descendant:
            result = descendants(input)
        case .parent(let slot):
            result = environment.lookup(slot.label) ?? .undefined
        case .condition(let test, let then, let otherwise):
            let condition = try evaluate(test, input, environment)
            if condition.isTruthy {
                result = try evaluate(then, input, environment)
            } else if let otherwise {
                result = try evaluate(otherwise, input, environment)
            } else {
                result = .undefined
            }
        case .block(let expressions):
            // A block has its own scope.
            let scope = Frame(parent: environment)
            result = .undefined
            for expression in expressions {
                result = try evaluate(expression, input, scope)
            }
        case .bind(let name, let valueNode):
            result = try evaluate(valueNode, input, environment)
            environment.bind(name, result)
        case .regex(let regex):
            result = .function(.regex(regex))
        case .call(let procedure, let arguments, let partial):
            if partial {
                result = try evaluatePartialApplication(
                    procedure, arguments, input, environment, position: node.position)
            } else {
                result = try evaluateCall(procedure, arguments, input, environment, position: node.position)
            }
        case .variable(let name):
            result = variable(name, node, input, environment)
        case .lambda(let definition):
            result = .function(.lambda(Closure(definition: definition, environment: environment, input: input)))
        case .array(let items):
            result = try evaluateArrayConstructor(node, items, input, environment)
        case .object(let pairs):
            if let template = node.objectTemplate, !input.isArray {
                result = try evaluateLiteralKeyObject(template, pairs, input, environment)
            } else {
                result = try evaluateGroup(pairs, input, environment, tupleStream: false)
            }
        case .apply(let lhs, let rhs):
            result = try evaluateApplyOperator(lhs, rhs, input, environment, position: node.position)
        case .transform(let location, let update, let delete):
            result = .function(
                .transform(
                    TransformClosure(location: location, update: update, delete: delete, environment: environment)))
        case .sort:
            // A sort is always a path step, evaluated by the path.
            result = input
        case .placeholder:
            result = .undefined
        }

        if !node.predicates.isEmpty || node.group != nil {
            for predicate in node.predicates {
                result = try evaluateFilter(predicate, result, environment)
            }
            if let group = node.group, !node.isPath {
                result = try evaluateGroup(group.pairs, result, environment, tupleStream: false)
            }
        }

        if case .array(var array) = result, array.isSequence {
            if node.keepArray { array.keepSingleton = true }
            if array.items.isEmpty { return .undefined }
            if array.items.count == 1 && !array.keepSingleton { return array.items[0] }
            return .array(array)
        }
        return result
    }

    private func variable(_ name: String, _ node: Node, _ input: Value, _ environment: Frame) -> Value {
        if name.isEmpty {
            if case .array(let array) = input, array.outerWrapper, let first = array.items.first { return first }
            return input
        }
        if let value = environment.lookup(name) { return value }
        if let builtin = node.builtin { return .function(.builtin(builtin)) }
        if name == "$" { return rootInput }
        if let host = hostFunctions[name] { return .function(.host(HostFunction(host))) }
        return .undefined
    }

    // MARK: - Navigation

    /// The value of field `key` in `input`; over an array, the flattened values of the field in each element.
    func lookup(_ input: Value, _ key: String) -> Value {
        switch input {
        case .jsonObject(let object):
            if let value = object[key] { return Value(value) }
            return .undefined
        case .object(let object):
            return object.fields[key] ?? .undefined
        case .array(let array):
            var result: [Value] = []
            for item in array.items { appendLookup(item, key, into: &result) }
            return .sequence(result)
        case .jsonArray(let array):
            var result: [Value] = []
            for item in array { appendLookup(Value(item), key, into: &result) }
            return .sequence(result)
        default:
            return .undefined
        }
    }

    private func appendLookup(_ item: Value, _ key: String, into result: inout [Value]) {
        let value = lookup(item, key)
        switch value {
        case .undefined: break
        case .array(let array): result.append(contentsOf: array.items)
        case .jsonArray(let array): for element in array { result.append(Value(element)) }
        default: result.append(value)
        }
    }

    private func wildcard(_ input: Value) -> Value {
        var subject = input
        if case .array(let array) = input, array.outerWrapper, let first = array.items.first { subject = first }
        var results: [Value] = []
        // An array's elements are its members, as in JavaScript.
        let members = subject.isArray ? subject.elements : subject.members.map(\.value)
        for value in members {
            if value.isArray {
                flatten(value, into: &results)
            } else {
                results.append(value)
            }
        }
        return .sequence(results)
    }

    private func flatten(_ value: Value, into results: inout [Value]) {
        if value.isArray {
            for element in value.elements { flatten(element, into: &results) }
        } else {
            results.append(value)
        }
    }

    private func descendants(_ input: Value) -> Value {
        guard !input.isUndefined else { return .undefined }
        var results: [Value] = []
        collectDescendants(input, into: &results)
        if results.count == 1 { return results[0] }
        return .sequence(results)
    }

    private func collectDescendants(_ input: Value, into results: inout [Value]) {
        if input.isArray {
            for element in input.elements { collectDescendants(element, into: &results) }
            return
        }
        results.append(input)
        for (_, value) in input.members { collectDescendants(value, into: &results) }
    }

    // MARK: - Constructors

    /// An object constructor with literal keys over one context value: no grouping is needed. When every value
    /// is plain JSON the object is built as JSON directly, so the result needs no conversion later.
    private func evaluateLiteralKeyObject(
        _ template: JSONObject, _ pairs: [(key: Node, value: Node)], _ input: Value, _ environment: Frame
    ) throws(JSONataError) -> Value {
        var object = template
        var missing: [Int] = []
        for index in pairs.indices {
            let value = try evaluate(pairs[index].value, input, environment)
            if value.isUndefined {
                missing.append(index)
                continue
            }
            guard let json = value.plainJSON else {
                return try evaluateGroupFallback(Array(template.keys), pairs, input, environment)
            }
            object.values[index] = json
        }
        // Undefined values leave their key out, as in any object constructor.
        for index in missing.reversed() { object.remove(at: index) }
        return .jsonObject(object)
    }

    private func evaluateGroupFallback(
        _ keys: [String], _ pairs: [(key: Node, value: Node)], _ input: Value, _ environment: Frame
    ) throws(JSONataError) -> Value {
        let object = JObject()
        object.fields.reserveCapacity(keys.count)
        for index in pairs.indices {
            let value = try evaluate(pairs[index].value, input, environment)
            if !value.isUndefined { object.fields[keys[index]] = value }
        }
        return .object(object)
    }

    private func evaluateArrayConstructor(_ node: Node, _ items: [Node], _ input: Value, _ environment: Frame)
        throws(JSONataError) -> Value
    {
        var result: [Value] = []
        for item in items {
            let value = try evaluate(item, input, environment)
            if value.isUndefined { continue }
            if case .array = item.kind {
                result.append(value)
            } else if value.isArray {
                result.append(contentsOf: value.elements)
            } else {
                result.append(value)
            }
        }
        var array = JArray(result)
        array.isConstructed = node.isConstructedArray
        return .array(array)
    }

    // MARK: - Output

    /// Converts the final result to JSON, enforcing the output budget.
    func output(_ value: Value) throws(JSONataError) -> JSON? {
        var budget = options.maxOutputSize
        return try toJSON(value, budget: &budget)
    }

    private func toJSON(_ value: Value, budget: inout Int) throws(JSONataError) -> JSON? {
        budget -= 1
        if budget < 0 { try checkSize(options.maxOutputSize + 1) }
        switch value {
        case .undefined: return nil
        case .null: return .null
        case .bool(let bool): return .bool(bool)
        case .number(let number):
            guard number.isFinite else {
                throw JSONataError(
                    code: "D1001", message: "Number out of range: \(number) cannot be represented in JSON")
            }
            return .number(number)
        case .string(let string):
            budget -= string.utf8.count
            if budget < 0 { try checkSize(options.maxOutputSize + 1) }
            return .string(string)
        case .jsonArray(let array): return .array(array)
        case .jsonObject(let object): return .object(object)
        case .array(let array):
            var result: [JSON] = []
            result.reserveCapacity(array.items.count)
            for item in array.items {
                // JSON has no functions: they are left out, as JavaScript's JSON conversion does.
                if let json = try toJSON(item, budget: &budget) { result.append(json) }
            }
            return .array(result)
        case .object(let object):
            var result = JSONObject(minimumCapacity: object.fields.count)
            for (key, item) in object.fields {
                if let json = try toJSON(item, budget: &budget) { result[key] = json }
            }
            return .object(result)
        case .function:
            return nil
        }
    }
}

extension Node {
    var isPath: Bool {
        if case .path = kind { return true }
        return false
    }
}
