/// A function of JSONata's standard library. A class, so that a function value is one reference wide.
final class BuiltinFunction: Sendable {
    typealias Implementation = @Sendable ([Value], CallContext) throws(JSONataError) -> Value

    let name: String
    let signature: Signature
    /// How many arguments a higher-order function passes to it (JavaScript's `length` of the reference).
    let arity: Int
    let implementation: Implementation

    init(_ name: String, _ signature: String, arity: Int? = nil, _ implementation: @escaping Implementation) {
        self.name = name
        // The signatures are constants of this file's tables: a parse failure is a programming error.
        let parsed = try! Signature(parsing: signature)
        self.signature = parsed
        self.arity = arity ?? parsed.arity
        self.implementation = implementation
    }

    /// Every built-in function, by name without `$`.
    static let table: [String: BuiltinFunction] = {
        var table: [String: BuiltinFunction] = [:]
        for function in stringFunctions + numericFunctions + aggregateFunctions + booleanFunctions + arrayFunctions
            + objectFunctions + higherOrderFunctions + dateTimeFunctions
        {
            table[function.name] = function
        }
        return table
    }()
}

extension Array where Element == Value {
    /// The argument at `index`, or undefined when fewer were passed.
    subscript(argument index: Int) -> Value {
        index < count ? self[index] : .undefined
    }
}
