extension BuiltinFunction {
    static let aggregateFunctions: [BuiltinFunction] = [
        BuiltinFunction("sum", "<a<n>:n>") { (args, _) throws(JSONataError) in
            let values = args[argument: 0]
            if values.isUndefined { return .undefined }
            var total = 0.0
            for case .number(let number) in values.elements { total += number }
            return .number(total)
        },
        BuiltinFunction("count", "<a:n>") { (args, _) throws(JSONataError) in
            let values = args[argument: 0]
            if values.isUndefined { return .number(0) }
            return .number(Double(values.count))
        },
        BuiltinFunction("max", "<a<n>:n>") { (args, _) throws(JSONataError) in
            let numbers = args[argument: 0].elements.compactMap(\.numberValue)
            guard let first = numbers.first else { return .undefined }
            return .number(numbers.dropFirst().reduce(first) { Swift.max($0, $1) })
        },
        BuiltinFunction("min", "<a<n>:n>") { (args, _) throws(JSONataError) in
            let numbers = args[argument: 0].elements.compactMap(\.numberValue)
            guard let first = numbers.first else { return .undefined }
            return .number(numbers.dropFirst().reduce(first) { Swift.min($0, $1) })
        },
        BuiltinFunction("average", "<a<n>:n>") { (args, _) throws(JSONataError) in
            let numbers = args[argument: 0].elements.compactMap(\.numberValue)
            guard !numbers.isEmpty else { return .undefined }
            return .number(numbers.reduce(0, +) / Double(numbers.count))
        },
    ]
}

extension Value {
    var numberValue: Double? {
        if case .number(let number) = self { return number }
        return nil
    }
}
