extension BuiltinFunction {
    static let higherOrderFunctions: [BuiltinFunction] = [
        BuiltinFunction("map", "<af>") { (args, context) throws(JSONataError) in
            let values = args[argument: 0]
            guard !values.isUndefined, case .function(let function) = args[argument: 1] else { return .undefined }
            var results: [Value] = []
            for (index, item) in values.elements.enumerated() {
                let value = try context.evaluator.call(
                    function, higherOrderArguments(function, item, .number(Double(index)), values))
                if !value.isUndefined { results.append(value) }
            }
            return .sequence(results)
        },
        BuiltinFunction("filter", "<af>") { (args, context) throws(JSONataError) in
            let values = args[argument: 0]
            guard !values.isUndefined, case .function(let function) = args[argument: 1] else { return .undefined }
            var results: [Value] = []
            for (index, item) in values.elements.enumerated() {
                let keep = try context.evaluator.call(
                    function, higherOrderArguments(function, item, .number(Double(index)), values))
                if keep.isTruthy { results.append(item) }
            }
            return .sequence(results)
        },
        BuiltinFunction("single", "<af?>") { (args, context) throws(JSONataError) in
            let values = args[argument: 0]
            if values.isUndefined { return .undefined }
            var found: Value?
            for (index, item) in values.elements.enumerated() {
                var matches = true
                if case .function(let function) = args[argument: 1] {
                    matches = try context.evaluator.call(
                        function, higherOrderArguments(function, item, .number(Double(index)), values)
                    ).isTruthy
                }
                guard matches else { continue }
                if found != nil {
                    throw JSONataError(
                        code: "D3138",
                        message: "The $single() function expected exactly 1 matching result.  Instead it matched more.",
                        token: "single")
                }
                found = item
            }
            guard let found else {
                throw JSONataError(
                    code: "D3139",
                    message: "The $single() function expected exactly 1 matching result.  Instead it matched 0.",
                    token: "single")
            }
            return found
        },
        BuiltinFunction("reduce", "<afj?:j>") { (args, context) throws(JSONataError) in
            let values = args[argument: 0]
            guard !values.isUndefined, case .function(let function) = args[argument: 1] else { return .undefined }
            let arity = function.arity
            guard arity >= 2 else {
                throw JSONataError(
                    code: "D3050",
                    message: "The second argument of reduce function must be a function with at least two arguments",
                    token: "reduce")
            }
            let items = values.elements
            var accumulator = args[argument: 2]
            var index = 0
            if accumulator.isUndefined && !items.isEmpty {
                accumulator = items[0]
                index = 1
            }
            while index < items.count {
                var arguments = [accumulator, items[index]]
                if arity >= 3 { arguments.append(.number(Double(index))) }
                if arity >= 4 { arguments.append(values) }
                accumulator = try context.evaluator.call(function, arguments)
                index += 1
            }
            return accumulator
        },
    ]
}
