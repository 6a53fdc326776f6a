import WeftJSON

extension Evaluator {
    /// The name a call site uses for its procedure, for error messages.
    private func procedureName(_ procedure: Node) -> String {
        switch procedure.kind {
        case .variable(let name): return name
        case .path(let steps):
            if let first = steps.first, case .name(let name) = first.kind { return name }
            return ""
        default: return ""
        }
    }

    func evaluateCall(
        _ procedure: Node, _ arguments: [Node], _ input: Value, _ environment: Frame, position: Int,
        applyTo context: Value? = nil
    ) throws(JSONataError) -> Value {
        let function = try evaluate(procedure, input, environment)
        let name = procedureName(procedure)
        if function.isUndefined, procedure.isPath, environment.lookup(name) != nil || BuiltinFunction.table[name] != nil
        {
            throw JSONataError(
                code: "T1005", message: "Attempted to invoke a non-function. Did you mean \"$\(name)\"?",
                position: position, token: name)
        }
        var values: [Value] = []
        values.reserveCapacity(arguments.count + 1)
        if let context { values.append(context) }
        for argument in arguments {
            values.append(try evaluate(argument, input, environment))
        }
        do throws(JSONataError) {
            return try apply(function, values, input: input, environment: environment, name: name)
        } catch {
            var error = error
            if error.position == nil { error.position = position }
            if error.token == nil { error.token = name }
            throw error
        }
    }

    func evaluatePartialApplication(
        _ procedure: Node, _ arguments: [Node], _ input: Value, _ environment: Frame, position: Int
    ) throws(JSONataError) -> Value {
        var values: [Value?] = []
        for argument in arguments {
            if case .placeholder = argument.kind {
                values.append(nil)
            } else {
                values.append(try evaluate(argument, input, environment))
            }
        }
        let function = try evaluate(procedure, input, environment)
        let name = procedureName(procedure)
        guard case .function(let callee) = function else {
            if function.isUndefined, procedure.isPath,
                environment.lookup(name) != nil || BuiltinFunction.table[name] != nil
            {
                throw JSONataError(
                    code: "T1007", message: "Attempted to partially apply a non-function. Did you mean \"$\(name)\"?",
                    position: position, token: name)
            }
            throw JSONataError(
                code: "T1008", message: "Attempted to partially apply a non-function", position: position, token: name)
        }
        return .function(.partial(PartialApplication(function: callee, arguments: values)))
    }

    /// Calls `function` with `arguments`, running tail calls in a loop rather than recursively.
    func apply(_ function: Value, _ arguments: [Value], input: Value, environment: Frame, name: String = "")
        throws(JSONataError) -> Value
    {
        var result = try applyOnce(function, arguments, input: input, environment: environment, name: name)
        while case .function(.lambda(let thunk)) = result, thunk.definition.isThunk {
            guard case .call(let procedure, let argumentNodes, _) = thunk.definition.body.kind else { break }
            let next = try evaluate(procedure, thunk.input, thunk.environment)
            var values: [Value] = []
            values.reserveCapacity(argumentNodes.count)
            for argument in argumentNodes {
                values.append(try evaluate(argument, thunk.input, thunk.environment))
            }
            do throws(JSONataError) {
                result = try applyOnce(
                    next, values, input: input, environment: environment, name: procedureName(procedure))
            } catch {
                var error = error
                if error.position == nil { error.position = thunk.definition.body.position }
                if error.token == nil { error.token = procedureName(procedure) }
                throw error
            }
        }
        return result
    }

    /// Calls a function value from a built-in (such as `$map`), passing as many arguments as it declares.
    func call(_ function: FunctionValue, _ arguments: [Value]) throws(JSONataError) -> Value {
        try apply(.function(function), arguments, input: .undefined, environment: Frame(parent: nil))
    }

    private func applyOnce(
        _ function: Value, _ arguments: [Value], input: Value, environment: Frame, name: String
    ) throws(JSONataError) -> Value {
        guard case .function(let callee) = function else {
            throw JSONataError(
                code: "T1006", message: "Attempted to invoke a non-function", token: name.isEmpty ? nil : name)
        }
        switch callee {
        case .lambda(let closure):
            let definition = closure.definition
            var values = arguments
            if let signature = definition.signature {
                values = try signature.validate(arguments, context: input, functionName: name)
            }
            let frame = Frame(parent: closure.environment)
            for (index, parameter) in definition.parameters.enumerated() {
                frame.bind(parameter, index < values.count ? values[index] : .undefined)
            }
            return try evaluate(definition.body, closure.input, frame)
        case .builtin(let builtin):
            let values = try builtin.signature.validate(arguments, context: input, functionName: builtin.name)
            return try builtin.implementation(
                values, CallContext(evaluator: self, input: input, environment: environment))
        case .partial(let partial):
            var values: [Value] = []
            var supplied = arguments.makeIterator()
            for argument in partial.arguments {
                values.append(argument ?? supplied.next() ?? .undefined)
            }
            return try apply(
                .function(partial.function), values, input: input, environment: Frame(parent: nil), name: name)
        case .regex(let regex):
            guard let first = arguments.first else { return .undefined }
            guard case .string(let text) = first else {
                if first.isUndefined { return .undefined }
                throw JSONataError(
                    code: "T0410", message: "Argument 1 of a regular expression must be a string", token: name)
            }
            let scalars = Array(text.unicodeScalars)
            guard let match = try firstMatch(regex, in: scalars, from: 0) else { return .undefined }
            return matchObject(match, in: scalars)
        case .transform(let transform):
            guard arguments.count <= 1 else {
                throw JSONataError(
                    code: "T0410", message: "Argument 2 of function transform does not match function signature")
            }
            return try applyTransform(transform, arguments.first ?? input)
        case .composition(let first, let second):
            let intermediate = try apply(
                .function(first.function), arguments, input: input, environment: Frame(parent: nil))
            return try apply(.function(second.function), [intermediate], input: input, environment: Frame(parent: nil))
        case .host(let box):
            let host = box.function
            var values = arguments
            if let signature = host.signature {
                values = try signature.validate(arguments, context: input, functionName: host.name)
            }
            let result = try host.implementation(values.map(\.json))
            return result.map(Value.init) ?? .undefined
        }
    }

    /// `lhs ~> rhs`: calls `rhs` with `lhs` as its first argument, or composes two functions.
    func evaluateApplyOperator(_ lhsNode: Node, _ rhsNode: Node, _ input: Value, _ environment: Frame, position: Int)
        throws(JSONataError) -> Value
    {
        let lhs = try evaluate(lhsNode, input, environment)
        if case .call(let procedure, let arguments, false) = rhsNode.kind {
            return try evaluateCall(procedure, arguments, input, environment, position: rhsNode.position, applyTo: lhs)
        }
        let function = try evaluate(rhsNode, input, environment)
        guard case .function(let second) = function else {
            throw JSONataError(
                code: "T2006", message: "The right side of the function application operator ~> must be a function",
                position: position, token: "~>")
        }
        if case .function(let first) = lhs {
            return .function(.composition(FunctionBox(first), FunctionBox(second)))
        }
        return try apply(function, [lhs], input: input, environment: environment)
    }

    // MARK: - Transform

    private func applyTransform(_ transform: TransformClosure, _ argument: Value) throws(JSONataError) -> Value {
        if argument.isUndefined { return .undefined }
        guard argument.isObject || argument.isArray else {
            throw JSONataError(
                code: "T0410", message: "Argument 1 of function transform does not match function signature")
        }
        let copy = deepCopy(argument)
        var matches = try evaluate(transform.location, copy, transform.environment)
        if !matches.isUndefined {
            if !matches.isArray { matches = .array(JArray([matches])) }
            for match in matches.elements {
                let update = try evaluate(transform.update, match, transform.environment)
                if !update.isUndefined {
                    guard update.isObject else {
                        throw JSONataError(
                            code: "T2011",
                            message:
                                "The insert/update clause of the transform expression must evaluate to an object: \(describe(update))",
                            position: transform.update.position)
                    }
                    if case .object(let target) = match {
                        for (key, value) in update.members { target.fields[key] = value }
                    }
                }
                if let deleteNode = transform.delete {
                    let deletions = try evaluate(deleteNode, match, transform.environment)
                    if deletions.isUndefined { continue }
                    let names = itemsOf(deletions)
                    guard names.allSatisfy(\.isString) else {
                        throw JSONataError(
                            code: "T2012",
                            message:
                                "The delete clause of the transform expression must evaluate to a string or array of strings: \(describe(deletions))",
                            position: deleteNode.position)
                    }
                    if case .object(let target) = match {
                        for case .string(let name) in names { target.fields.removeValue(forKey: name) }
                    }
                }
            }
        }
        return copy
    }

    /// A copy whose objects are fresh references, so a transform can update them without touching the input.
    private func deepCopy(_ value: Value) -> Value {
        switch value {
        case .jsonObject, .object:
            let object = JObject()
            for (key, member) in value.members { object.fields[key] = deepCopy(member) }
            return .object(object)
        case .jsonArray, .array:
            var array = JArray(value.elements.map(deepCopy))
            if case .array(let original) = value {
                array.isSequence = original.isSequence
                array.keepSingleton = original.keepSingleton
                array.isConstructed = original.isConstructed
            }
            return .array(array)
        default:
            return value
        }
    }

    // MARK: - Regular expressions

    /// Runs a regex search, turning the step budget into JSONata's error.
    func firstMatch(_ regex: JSRegex, in text: [Unicode.Scalar], from start: Int) throws(JSONataError) -> RegexMatch? {
        do throws(RegexBudgetExceeded) {
            return try regex.firstMatch(
                in: text, from: start, limits: RegexLimits.default.scaled(forInputLength: text.count))
        } catch {
            throw JSONataError(
                code: "U1003",
                message:
                    "The regular expression /\(regex.pattern)/ took too many steps (more than \(error.steps)); it may backtrack catastrophically"
            )
        }
    }

    /// The object JSONata returns for a regex match: `match`, `index` (or `start`/`end`) and `groups`.
    func matchObject(_ match: RegexMatch, in text: [Unicode.Scalar]) -> Value {
        let object = JObject()
        object.fields["match"] = .string(substring(text, match.range))
        object.fields["start"] = .number(Double(match.range.lowerBound))
        object.fields["end"] = .number(Double(match.range.upperBound))
        object.fields["groups"] = .array(
            JArray(match.groups.map { range in range.map { .string(substring(text, $0)) } ?? .string("") }))
        return .object(object)
    }

    func substring(_ text: [Unicode.Scalar], _ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: text[range])
        return String(view)
    }
}

/// What a built-in function sees besides its arguments.
struct CallContext {
    let evaluator: Evaluator
    /// The context value (`$`) at the call site.
    let input: Value
    /// The scope at the call site (for `$eval`).
    let environment: Frame
}
