extension BuiltinFunction {
    static let arrayFunctions: [BuiltinFunction] = [
        BuiltinFunction("append", "<xx:a>") { (args, context) throws(JSONataError) in
            let result = context.evaluator.appending(args[argument: 0], args[argument: 1])
            try context.evaluator.checkSize(result.count)
            return result
        },
        BuiltinFunction("sort", "<af?:a>") { (args, context) throws(JSONataError) in
            let values = args[argument: 0]
            if values.isUndefined { return .undefined }
            let items = values.elements
            guard items.count > 1 else { return values }
            let sorted: [Value]
            if case .function(let comparator) = args[argument: 1] {
                let evaluator = context.evaluator
                sorted = try mergeSort(items) { (a, b) throws(JSONataError) in
                    try evaluator.call(comparator, [a, b]).isTruthy
                }
            } else if items.allSatisfy(\.isNumber) {
                sorted = try mergeSort(items) { (a, b) throws(JSONataError) in a.numberValue! > b.numberValue! }
            } else if items.allSatisfy(\.isString) {
                sorted = try mergeSort(items) { (a, b) throws(JSONataError) in
                    guard case .string(let x) = a, case .string(let y) = b else { return false }
                    return compareUTF16(x, y) > 0
                }
            } else {
                throw JSONataError(
                    code: "D3070",
                    message:
                        "The single argument form of the sort function can only be applied to an array of strings or an array of numbers.  Use the second argument to specify a comparison function",
                    token: "sort")
            }
            return .array(JArray(sorted))
        },
        BuiltinFunction("reverse", "<a:a>") { (args, _) throws(JSONataError) in
            let values = args[argument: 0]
            if values.isUndefined { return .undefined }
            if values.count <= 1 { return values }
            return .array(JArray(values.elements.reversed()))
        },
        BuiltinFunction("shuffle", "<a:a>") { (args, context) throws(JSONataError) in
            let values = args[argument: 0]
            if values.isUndefined { return .undefined }
            if values.count <= 1 { return values }
            var items = values.elements
            for index in stride(from: items.count - 1, to: 0, by: -1) {
                let other = Int(context.evaluator.nextRandom() * Double(index + 1))
                items.swapAt(index, other)
            }
            return .array(JArray(items))
        },
        BuiltinFunction("distinct", "<x:x>") { (args, _) throws(JSONataError) in
            let values = args[argument: 0]
            if values.isUndefined { return .undefined }
            guard values.isArray, values.count > 1 else { return values }
            var result: [Value] = []
            for item in values.elements where !result.contains(where: { $0.isDeepEqual(to: item) }) {
                result.append(item)
            }
            return .array(JArray(result, isSequence: values.isSequence))
        },
        BuiltinFunction("zip", "<a+>") { (args, _) throws(JSONataError) in
            let arrays = args.map(\.elements)
            let length = arrays.map(\.count).min() ?? 0
            var result: [Value] = []
            for index in 0..<length {
                result.append(.array(JArray(arrays.map { $0[index] })))
            }
            return .array(JArray(result))
        },
    ]
}
