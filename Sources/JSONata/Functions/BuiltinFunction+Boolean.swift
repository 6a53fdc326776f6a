extension BuiltinFunction {
    static let booleanFunctions: [BuiltinFunction] = [
        BuiltinFunction("boolean", "<x-:b>") { (args, _) throws(JSONataError) in
            let value = args[argument: 0]
            if value.isUndefined { return .undefined }
            return .bool(value.isTruthy)
        },
        BuiltinFunction("not", "<x-:b>") { (args, _) throws(JSONataError) in
            let value = args[argument: 0]
            if value.isUndefined { return .undefined }
            return .bool(!value.isTruthy)
        },
        BuiltinFunction("exists", "<x:b>") { (args, _) throws(JSONataError) in
            .bool(!args[argument: 0].isUndefined)
        },
    ]
}
