import WeftJSON

/// A second, much cheaper way to evaluate the expressions mappings are mostly made of: literals, field paths
/// over objects, arithmetic, comparisons, `&`, `and`/`or`, conditions, literal-key object constructors and a
/// few pure functions — directly on `JSON`, without sequences, frames or an evaluator object.
///
/// It never decides anything the general evaluator would decide differently: whenever the data leaves the
/// subset (a path meets an array, an operand has the wrong type so an error must be raised, a function is
/// shadowed by a binding, ...) it answers `.fallback` and the general evaluator runs the whole expression.
/// The official test suite therefore exercises both.
indirect enum DirectExpression: Sendable {
    /// Where a path starts.
    enum Root: Sendable {
        /// The context value `$` (a path such as `customer.email` starts there).
        case context
        /// `$$`.
        case rootInput
        /// A variable from the bindings.
        case variable(String)
    }

    case literal(JSON)
    case path(Root, [String])
    case arithmetic(BinaryOperator, DirectExpression, DirectExpression)
    case equality(negated: Bool, DirectExpression, DirectExpression)
    case ordering(BinaryOperator, DirectExpression, DirectExpression)
    case concat(DirectExpression, DirectExpression)
    case and(DirectExpression, DirectExpression)
    case or(DirectExpression, DirectExpression)
    case negate(DirectExpression)
    case condition(DirectExpression, DirectExpression, DirectExpression?)
    /// A literal-key object: a template with every key, and each key's value expression.
    case object(JSONObject, [DirectExpression])
    case call(DirectFunction, [DirectExpression])

    /// The outcome of a direct evaluation.
    enum Outcome {
        case value(JSON)
        case undefined
        /// Outside the subset: evaluate with the general evaluator instead.
        case fallback
    }

    /// What an evaluation can read.
    struct Environment {
        let input: JSON?
        let bindings: [String: JSON]
        let maxOutputSize: Int
    }

    // MARK: - Compiling

    /// The direct form of `node`, or nil when any part of it is outside the subset.
    static func compile(_ node: Node) -> DirectExpression? {
        guard node.predicates.isEmpty, node.group == nil, !node.keepArray, !node.tuple else { return nil }
        switch node.kind {
        case .string(let string): return .literal(.string(string))
        case .number(let number): return .literal(.number(number))
        case .value(.bool(let bool)): return .literal(.bool(bool))
        case .value(.null): return .literal(.null)
        case .path(let steps):
            if let names = node.fieldNames { return .path(.context, names) }
            guard let first = steps.first, case .variable(let name) = first.kind, isPlain(first) else { return nil }
            var names: [String] = []
            for step in steps.dropFirst() {
                guard case .name(let field) = step.kind, isPlain(step) else { return nil }
                names.append(field)
            }
            return .path(root(name), names)
        case .variable(let name):
            return .path(root(name), [])
        case .binary(let op, let lhs, let rhs):
            guard let left = compile(lhs), let right = compile(rhs) else { return nil }
            switch op {
            case .add, .subtract, .multiply, .divide, .modulo: return .arithmetic(op, left, right)
            case .equal: return .equality(negated: false, left, right)
            case .notEqual: return .equality(negated: true, left, right)
            case .less, .lessOrEqual, .greater, .greaterOrEqual: return .ordering(op, left, right)
            case .concat: return .concat(left, right)
            case .and: return .and(left, right)
            case .or: return .or(left, right)
            case .in, .range, .coalesce, .elvis: return nil
            }
        case .negate(let operand):
            return compile(operand).map(DirectExpression.negate)
        case .condition(let test, let then, let otherwise):
            guard let test = compile(test), let then = compile(then) else { return nil }
            if let otherwise {
                guard let otherwise = compile(otherwise) else { return nil }
                return .condition(test, then, otherwise)
            }
            return .condition(test, then, nil)
        case .object(let pairs):
            guard let template = node.objectTemplate else { return nil }
            var values: [DirectExpression] = []
            for pair in pairs {
                guard let value = compile(pair.value) else { return nil }
                values.append(value)
            }
            return .object(template, values)
        case .call(let procedure, let arguments, false):
            guard case .variable(let name) = procedure.kind, isPlain(procedure),
                let function = DirectFunction(name: name, arity: arguments.count)
            else { return nil }
            var compiled: [DirectExpression] = []
            for argument in arguments {
                guard let value = compile(argument) else { return nil }
                compiled.append(value)
            }
            return .call(function, compiled)
        default:
            return nil
        }
    }

    private static func root(_ name: String) -> Root {
        switch name {
        case "": return .context
        case "$": return .rootInput
        default: return .variable(name)
        }
    }

    private static func isPlain(_ step: Node) -> Bool {
        step.stages.isEmpty && step.predicates.isEmpty && !step.tuple && step.group == nil && !step.keepArray
            && step.focus == nil && step.index == nil
    }

    // MARK: - Evaluating

    func evaluate(_ environment: Environment) -> Outcome {
        switch self {
        case .literal(let value):
            return .value(value)
        case .path(let root, let names):
            return Self.walk(root, names, environment)
        case .arithmetic(let op, let lhs, let rhs):
            let left = lhs.evaluate(environment)
            let right = rhs.evaluate(environment)
            switch (left, right) {
            case (.fallback, _), (_, .fallback): return .fallback
            case (.value(.number(let a)), .value(.number(let b))):
                let result: Double
                switch op {
                case .add: result = a + b
                case .subtract: result = a - b
                case .multiply: result = a * b
                case .divide: result = a / b
                default: result = a.truncatingRemainder(dividingBy: b)
                }
                return result.isFinite ? .value(.number(result)) : .fallback
            case (.value(.number), .undefined), (.undefined, .value(.number)), (.undefined, .undefined):
                return .undefined
            default:
                return .fallback  // a type error: let the general evaluator raise it
            }
        case .equality(let negated, let lhs, let rhs):
            switch (lhs.evaluate(environment), rhs.evaluate(environment)) {
            case (.fallback, _), (_, .fallback): return .fallback
            case (.value(let a), .value(let b)): return .value(.bool(a.isEquivalent(to: b) != negated))
            default: return .value(.bool(false))
            }
        case .ordering(let op, let lhs, let rhs):
            let order: Int
            switch (lhs.evaluate(environment), rhs.evaluate(environment)) {
            case (.fallback, _), (_, .fallback): return .fallback
            case (.value(.number(let a)), .value(.number(let b))): order = a < b ? -1 : (a > b ? 1 : 0)
            case (.value(.string(let a)), .value(.string(let b))): order = compareUTF16(a, b)
            case (.undefined, .undefined), (.undefined, .value(.number)), (.undefined, .value(.string)),
                (.value(.number), .undefined), (.value(.string), .undefined):
                return .undefined
            default: return .fallback
            }
            switch op {
            case .less: return .value(.bool(order < 0))
            case .lessOrEqual: return .value(.bool(order <= 0))
            case .greater: return .value(.bool(order > 0))
            default: return .value(.bool(order >= 0))
            }
        case .concat(let lhs, let rhs):
            guard let left = Self.text(lhs.evaluate(environment)), let right = Self.text(rhs.evaluate(environment))
            else {
                return .fallback
            }
            let result = left + right
            return result.utf8.count > environment.maxOutputSize ? .fallback : .value(.string(result))
        case .and(let lhs, let rhs):
            switch lhs.evaluate(environment) {
            case .fallback: return .fallback
            case .undefined: return .value(.bool(false))
            case .value(let left):
                guard Self.isTruthy(left) else { return .value(.bool(false)) }
                return Self.truth(rhs.evaluate(environment))
            }
        case .or(let lhs, let rhs):
            switch lhs.evaluate(environment) {
            case .fallback: return .fallback
            case .value(let left) where Self.isTruthy(left): return .value(.bool(true))
            default: return Self.truth(rhs.evaluate(environment))
            }
        case .negate(let operand):
            switch operand.evaluate(environment) {
            case .value(.number(let number)): return .value(.number(-number))
            case .undefined: return .undefined
            default: return .fallback
            }
        case .condition(let test, let then, let otherwise):
            switch test.evaluate(environment) {
            case .fallback: return .fallback
            case .value(let value) where Self.isTruthy(value): return then.evaluate(environment)
            default: return otherwise?.evaluate(environment) ?? .undefined
            }
        case .object(let template, let values):
            if case .array? = environment.input { return .fallback }  // an array context groups: not direct
            var object = template
            var missing: [Int] = []
            for index in values.indices {
                switch values[index].evaluate(environment) {
                case .fallback: return .fallback
                case .undefined: missing.append(index)
                case .value(let value): object.values[index] = value
                }
            }
            for index in missing.reversed() { object.remove(at: index) }
            return .value(.object(object))
        case .call(let function, let arguments):
            if environment.bindings[function.name] != nil { return .fallback }  // shadowed by a binding
            var values: [Outcome] = []
            values.reserveCapacity(arguments.count)
            for argument in arguments {
                let value = argument.evaluate(environment)
                if case .fallback = value { return .fallback }
                values.append(value)
            }
            return function.apply(values)
        }
    }

    private static func walk(_ root: Root, _ names: [String], _ environment: Environment) -> Outcome {
        var current: JSON
        switch root {
        case .context, .rootInput:
            guard let input = environment.input else { return .undefined }
            if names.isEmpty { return .value(input) }
            current = input
        case .variable(let name):
            guard let value = environment.bindings[name] else { return .fallback }
            current = value
        }
        for name in names {
            switch current {
            case .object(let object):
                guard let member = object[name] else { return .undefined }
                current = member
            case .array:
                return .fallback  // mapping over an array: the general evaluator's job
            default:
                return .undefined
            }
        }
        return .value(current)
    }

    /// `&`'s view of a value: undefined is empty, scalars as `$string` prints them; nil for structures.
    private static func text(_ outcome: Outcome) -> String? {
        switch outcome {
        case .undefined: return ""
        case .value(.string(let string)): return string
        case .value(.number(let number)): return number.isFinite ? formatJSONataNumber(number) : nil
        case .value(.bool(let bool)): return bool ? "true" : "false"
        case .value(.null): return "null"
        default: return nil
        }
    }

    private static func truth(_ outcome: Outcome) -> Outcome {
        switch outcome {
        case .fallback: return .fallback
        case .undefined: return .value(.bool(false))
        case .value(let value): return .value(.bool(isTruthy(value)))
        }
    }

    /// JSONata's Boolean cast of a JSON value.
    static func isTruthy(_ value: JSON) -> Bool {
        switch value {
        case .null: return false
        case .bool(let bool): return bool
        case .number(let number): return number != 0 && !number.isNaN
        case .string(let string): return !string.isEmpty
        case .array(let items): return items.count == 1 ? isTruthy(items[0]) : items.contains(where: isTruthy)
        case .object(let object): return !object.isEmpty
        }
    }
}
