extension BuiltinFunction {
    static let objectFunctions: [BuiltinFunction] = [
        BuiltinFunction("keys", "<x-:a<s>>") { (args, _) throws(JSONataError) in
            let value = args[argument: 0]
            var keys: [String] = []
            var seen: Set<String> = []
            for item in value.isArray ? value.elements : [value] {
                for key in item.keys where seen.insert(key).inserted { keys.append(key) }
            }
            return .sequence(keys.map(Value.string))
        },
        BuiltinFunction("lookup", "<x-s:x>") { (args, context) throws(JSONataError) in
            guard case .string(let key) = args[argument: 1] else { return .undefined }
            return context.evaluator.lookup(args[argument: 0], key)
        },
        BuiltinFunction("spread", "<x-:a<o>>") { (args, _) throws(JSONataError) in
            spread(args[argument: 0])
        },
        BuiltinFunction("merge", "<a<o>:o>") { (args, _) throws(JSONataError) in
            let value = args[argument: 0]
            if value.isUndefined { return .undefined }
            let result = JObject()
            for item in value.elements {
                for (key, member) in item.members { result.fields[key] = member }
            }
            return .object(result)
        },
        BuiltinFunction("sift", "<o-f?:o>") { (args, context) throws(JSONataError) in
            let object = args[argument: 0]
            guard case .function(let predicate) = args[argument: 1] else { return .undefined }
            let result = JObject()
            for (key, member) in object.members {
                let keep = try context.evaluator.call(
                    predicate, higherOrderArguments(predicate, member, .string(key), object))
                if keep.isTruthy { result.fields[key] = member }
            }
            return result.fields.isEmpty ? .undefined : .object(result)
        },
        BuiltinFunction("each", "<o-f:a>") { (args, context) throws(JSONataError) in
            let object = args[argument: 0]
            guard case .function(let function) = args[argument: 1] else { return .undefined }
            var results: [Value] = []
            for (key, member) in object.members {
                let value = try context.evaluator.call(
                    function, higherOrderArguments(function, member, .string(key), object))
                if !value.isUndefined { results.append(value) }
            }
            return .sequence(results)
        },
        BuiltinFunction("error", "<s?:x>") { (args, _) throws(JSONataError) in
            var message = "$error() function evaluated"
            if case .string(let text) = args[argument: 0] { message = text }
            throw JSONataError(code: "D3137", message: message, token: "error")
        },
        BuiltinFunction("assert", "<bs?:x>") { (args, _) throws(JSONataError) in
            guard case .bool(let condition) = args[argument: 0] else {
                throw JSONataError(
                    code: "T0410", message: "Argument 1 of function assert does not match function signature",
                    token: "assert")
            }
            if !condition {
                var message = "$assert() statement failed"
                if case .string(let text) = args[argument: 1] { message = text }
                throw JSONataError(code: "D3141", message: message, token: "assert")
            }
            return .undefined
        },
        BuiltinFunction("type", "<x:s>") { (args, _) throws(JSONataError) in
            args[argument: 0].typeName.map(Value.string) ?? .undefined
        },
    ]
}

private func spread(_ value: Value) -> Value {
    switch value {
    case .array, .jsonArray:
        var results: [Value] = []
        for item in value.elements {
            let spreadItem = spread(item)
            if spreadItem.isArray {
                results.append(contentsOf: spreadItem.elements)
            } else if !spreadItem.isUndefined {
                results.append(spreadItem)
            }
        }
        return .sequence(results)
    case .object, .jsonObject:
        return .sequence(value.members.map { .object(JObject([$0.key: $0.value])) })
    default:
        return value
    }
}

/// The arguments a higher-order function passes: the value, then the index or key and the whole collection
/// if the function declares that many parameters.
func higherOrderArguments(_ function: FunctionValue, _ value: Value, _ position: Value, _ collection: Value) -> [Value]
{
    let arity = function.arity
    var arguments = [value]
    if arity >= 2 { arguments.append(position) }
    if arity >= 3 { arguments.append(collection) }
    return arguments
}
