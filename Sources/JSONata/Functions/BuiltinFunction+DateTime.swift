extension BuiltinFunction {
    static let dateTimeFunctions: [BuiltinFunction] = [
        BuiltinFunction("now", "<s?s?:s>") { (args, context) throws(JSONataError) in
            var picture: String?
            var timezone: String?
            if case .string(let text) = args[argument: 0] { picture = text }
            if case .string(let text) = args[argument: 1] { timezone = text }
            return .string(try formatDateTime(millis: context.evaluator.now, picture: picture, timezone: timezone))
        },
        BuiltinFunction("millis", "<:n>") { (_, context) throws(JSONataError) in
            .number(context.evaluator.now)
        },
        BuiltinFunction("fromMillis", "<n-s?s?:s>") { (args, _) throws(JSONataError) in
            guard case .number(let millis) = args[argument: 0] else { return .undefined }
            var picture: String?
            var timezone: String?
            if case .string(let text) = args[argument: 1] { picture = text }
            if case .string(let text) = args[argument: 2] { timezone = text }
            return .string(try formatDateTime(millis: millis, picture: picture, timezone: timezone))
        },
        BuiltinFunction("toMillis", "<s-s?:n>") { (args, context) throws(JSONataError) in
            guard case .string(let text) = args[argument: 0] else { return .undefined }
            var picture: String?
            if case .string(let custom) = args[argument: 1] { picture = custom }
            return try parseDateTime(text, picture: picture, now: context.evaluator.now).map(Value.number) ?? .undefined
        },
    ]
}
