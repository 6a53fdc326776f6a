/// A JSONata function signature such as `<s-n?:s>`, used to validate and coerce arguments.
///
/// Each parameter accepts a set of type symbols: `b` Boolean, `n` number, `s` string, `l` null, `a` array,
/// `o` object, `f` function; `j` is any JSON value and `x` anything. Modifiers: `?` optional, `+` one or more,
/// `-` take the context value when the argument is missing. `a<n>` constrains the element type.
struct Signature: Sendable {
    struct Parameter: Sendable {
        /// The types this parameter accepts, including `missing` for an undefined argument.
        var accepts: TypeMask
        /// The declared type symbol (`a` for arrays, `(` for unions, otherwise the symbol itself).
        var type: Character
        var optional = false
        var repeating = false
        var useContext = false
        /// For `a<x>`: the element type.
        var subtype: String?
    }

    var parameters: [Parameter]
    let text: String
    /// No parameter repeats, so arguments map one to one onto parameters when the counts agree.
    private var isFixed: Bool { !parameters.contains { $0.repeating } }

    /// Parses a signature. `position` is used for error reports.
    init(parsing text: String, position: Int = 0) throws(JSONataError) {
        self.text = text
        var parameters: [Parameter] = []
        let characters = Array(text)
        var index = 1  // skip '<'
        func fail(_ offset: Int, _ code: String = "S0401") -> JSONataError {
            JSONataError(
                code: code, message: "Type parameters can only be applied to functions and arrays",
                position: position + offset, token: String(characters[min(offset, characters.count - 1)]))
        }
        while index < characters.count {
            let symbol = characters[index]
            if symbol == ":" || symbol == ">" { break }
            switch symbol {
            case "s", "n", "b", "l", "o":
                parameters.append(Parameter(accepts: [TypeMask(symbol: symbol), .missing], type: symbol))
            case "a":
                parameters.append(Parameter(accepts: .anything, type: "a"))
            case "f":
                parameters.append(Parameter(accepts: .function, type: "f"))
            case "j":
                parameters.append(Parameter(accepts: .json, type: "j"))
            case "x":
                parameters.append(Parameter(accepts: .anything, type: "x"))
            case "-":
                guard !parameters.isEmpty else { throw fail(index) }
                parameters[parameters.count - 1].useContext = true
                parameters[parameters.count - 1].optional = true
            case "?":
                guard !parameters.isEmpty else { throw fail(index) }
                parameters[parameters.count - 1].optional = true
            case "+":
                guard !parameters.isEmpty else { throw fail(index) }
                parameters[parameters.count - 1].repeating = true
            case "(":
                guard let close = characters[index...].firstIndex(of: ")") else { throw fail(index) }
                var accepts: TypeMask = .missing
                if characters[(index + 1)..<close].contains("<") {
                    throw JSONataError(
                        code: "S0402", message: "Choice groups containing parameterized types are not supported",
                        position: position + index, token: "(")
                }
                for choice in characters[(index + 1)..<close] {
                    switch choice {
                    case "x": accepts.formUnion(.anything)
                    case "j": accepts.formUnion(.json)
                    default: accepts.formUnion(TypeMask(symbol: choice))
                    }
                }
                parameters.append(Parameter(accepts: accepts, type: "("))
                index = close
            case "<":
                guard let last = parameters.last, last.type == "a" || last.type == "f" else {
                    throw fail(index - 1, "S0401")
                }
                var depth = 1
                var end = index + 1
                while end < characters.count && depth > 0 {
                    if characters[end] == "<" { depth += 1 } else if characters[end] == ">" { depth -= 1 }
                    end += 1
                }
                guard depth == 0 else { throw fail(index, "S0402") }
                let inner = String(characters[(index + 1)..<(end - 1)])
                if last.type == "a" {
                    parameters[parameters.count - 1].subtype = inner
                }
                index = end - 1
            default:
                throw JSONataError(
                    code: "S0401", message: "Unknown type symbol '\(symbol)' in function signature",
                    position: position + index, token: String(symbol))
            }
            index += 1
        }
        self.parameters = parameters
    }

    /// The number of parameters, as used to decide how many arguments a higher-order function passes.
    var arity: Int { parameters.count }

    /// Checks `arguments` against the signature and returns them coerced: missing context arguments filled in,
    /// single values wrapped into arrays where an array is expected.
    func validate(_ arguments: [Value], context: Value, functionName: String) throws(JSONataError) -> [Value] {
        if isFixed && arguments.count == parameters.count {
            if let validated = try validateOneToOne(arguments, functionName: functionName) { return validated }
        }
        let symbols = arguments.map(\.typeMask)
        guard let counts = match(symbols, parameter: 0, argument: 0) else {
            throw mismatch(arguments, symbols, functionName: functionName)
        }
        var result: [Value] = []
        result.reserveCapacity(max(arguments.count, parameters.count))
        var argumentIndex = 0
        for (parameterIndex, parameter) in parameters.enumerated() {
            let count = counts[parameterIndex]
            if count == 0 {
                if parameter.useContext {
                    guard parameter.accepts.contains(context.typeMask) else {
                        throw JSONataError(
                            code: "T0411",
                            message:
                                "Context value is not a compatible type with argument \(argumentIndex + 1) of function \(functionName)",
                            token: functionName)
                    }
                    result.append(context)
                } else if argumentIndex < arguments.count {
                    result.append(arguments[argumentIndex])
                    argumentIndex += 1
                }
                continue
            }
            for _ in 0..<count {
                var argument = arguments[argument: argumentIndex]
                if parameter.type == "a" {
                    if case .undefined = argument {
                        result.append(.undefined)
                        argumentIndex += 1
                        continue
                    }
                    if let subtype = parameter.subtype {
                        try checkElements(argument, subtype: subtype, index: argumentIndex, functionName: functionName)
                    }
                    if !argument.isArray { argument = .array(JArray([argument])) }
                }
                result.append(argument)
                argumentIndex += 1
            }
        }
        return result
    }

    /// The common case without allocation: as many arguments as parameters, each of an accepted type.
    /// Returns nil when the general matcher must decide.
    private func validateOneToOne(_ arguments: [Value], functionName: String) throws(JSONataError) -> [Value]? {
        var needsWrapping = false
        for index in parameters.indices {
            let argument = arguments[index]
            let parameter = parameters[index]
            guard parameter.accepts.contains(argument.typeMask) else { return nil }
            if parameter.type == "a" {
                if argument.isUndefined { continue }
                if let subtype = parameter.subtype {
                    try checkElements(argument, subtype: subtype, index: index, functionName: functionName)
                }
                if !argument.isArray { needsWrapping = true }
            }
        }
        guard needsWrapping else { return arguments }
        var result = arguments
        for index in parameters.indices where parameters[index].type == "a" {
            if !result[index].isArray && !result[index].isUndefined { result[index] = .array(JArray([result[index]])) }
        }
        return result
    }

    private func checkElements(_ argument: Value, subtype: String, index: Int, functionName: String)
        throws(JSONataError)
    {
        let expected = subtype.first!
        let expectedMask: TypeMask = expected == "x" ? .anything : TypeMask(symbol: expected)
        let ok: Bool
        if argument.isArray {
            let elements = argument.elements
            if let first = elements.first {
                let firstType = first.typeMask
                ok = expectedMask.contains(firstType) && elements.allSatisfy { $0.typeMask == firstType }
            } else {
                ok = true
            }
        } else {
            ok = expectedMask.contains(argument.typeMask)
        }
        if !ok {
            let typeName: String
            switch expected {
            case "a": typeName = "arrays"
            case "b": typeName = "booleans"
            case "f": typeName = "functions"
            case "n": typeName = "numbers"
            case "o": typeName = "objects"
            case "s": typeName = "strings"
            default: typeName = String(expected)
            }
            throw JSONataError(
                code: "T0412",
                message: "Argument \(index + 1) of function \(functionName) must be an array of \(typeName)",
                token: functionName)
        }
    }

    /// Greedy matching with backtracking, as a regular expression over type symbols would do.
    /// Returns how many arguments each parameter takes.
    private func match(_ symbols: [TypeMask], parameter: Int, argument: Int) -> [Int]? {
        if parameter == parameters.count {
            return argument == symbols.count ? [] : nil
        }
        let current = parameters[parameter]
        var available = 0
        while argument + available < symbols.count && current.accepts.contains(symbols[argument + available]) {
            available += 1
            if !current.repeating { break }
        }
        let minimum = current.optional ? 0 : 1
        var take = available
        while take >= minimum {
            if let rest = match(symbols, parameter: parameter + 1, argument: argument + take) {
                return [take] + rest
            }
            take -= 1
        }
        return nil
    }

    /// Finds the first argument that cannot match, to report it.
    private func mismatch(_ arguments: [Value], _ symbols: [TypeMask], functionName: String) -> JSONataError {
        var goodTo = 0
        for parameterIndex in parameters.indices {
            // Longest prefix of the symbols matched by parameters[0...parameterIndex].
            var best: Int?
            for length in stride(from: symbols.count, through: goodTo, by: -1) {
                if prefixMatches(Array(symbols[0..<length]), upTo: parameterIndex) {
                    best = length
                    break
                }
            }
            guard let best else { break }
            goodTo = best
        }
        return JSONataError(
            code: "T0410",
            message: "Argument \(goodTo + 1) of function \(functionName) does not match function signature",
            token: functionName)
    }

    private func prefixMatches(_ symbols: [TypeMask], upTo last: Int) -> Bool {
        let prefix = Signature(parameters: Array(parameters[0...last]), text: text)
        return prefix.match(symbols, parameter: 0, argument: 0) != nil
    }

    private init(parameters: [Parameter], text: String) {
        self.parameters = parameters
        self.text = text
    }
}

/// A set of JSONata value types, as signatures name them.
struct TypeMask: OptionSet, Sendable {
    let rawValue: UInt8

    static let missing = TypeMask(rawValue: 1 << 0)
    static let null = TypeMask(rawValue: 1 << 1)
    static let boolean = TypeMask(rawValue: 1 << 2)
    static let number = TypeMask(rawValue: 1 << 3)
    static let string = TypeMask(rawValue: 1 << 4)
    static let array = TypeMask(rawValue: 1 << 5)
    static let object = TypeMask(rawValue: 1 << 6)
    static let function = TypeMask(rawValue: 1 << 7)
    /// `j`: any JSON value, or missing.
    static let json: TypeMask = [.missing, .null, .boolean, .number, .string, .array, .object]
    /// `x` (and `a`, which wraps single values): anything.
    static let anything: TypeMask = [.json, .function]

    init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The type for a signature symbol (`s`, `n`, `b`, `l`, `a`, `o`, `f`).
    init(symbol: Character) {
        switch symbol {
        case "s": self = .string
        case "n": self = .number
        case "b": self = .boolean
        case "l": self = .null
        case "a": self = .array
        case "o": self = .object
        case "f": self = .function
        default: self = []
        }
    }
}

extension Value {
    /// The value's type as a one-element type set.
    var typeMask: TypeMask {
        switch self {
        case .undefined: return .missing
        case .null: return .null
        case .bool: return .boolean
        case .number: return .number
        case .string: return .string
        case .array, .jsonArray: return .array
        case .object, .jsonObject: return .object
        case .function: return .function
        }
    }
}
