/// A JSONata function signature such as `<s-n?:s>`, used to validate and coerce arguments.
///
/// Each parameter accepts a set of type symbols: `b` Boolean, `n` number, `s` string, `l` null, `a` array,
/// `o` object, `f` function; `j` is any JSON value and `x` anything. Modifiers: `?` optional, `+` one or more,
/// `-` take the context value when the argument is missing. `a<n>` constrains the element type.
struct Signature: Sendable {
    struct Parameter: Sendable {
        /// The type symbols this parameter accepts; `m` stands for a missing (undefined) argument.
        var accepts: Set<Character>
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
                parameters.append(Parameter(accepts: [symbol, "m"], type: symbol))
            case "a":
                parameters.append(Parameter(accepts: ["a", "s", "n", "b", "l", "f", "o", "m"], type: "a"))
            case "f":
                parameters.append(Parameter(accepts: ["f"], type: "f"))
            case "j":
                parameters.append(Parameter(accepts: ["a", "s", "n", "b", "l", "o", "m"], type: "j"))
            case "x":
                parameters.append(Parameter(accepts: ["a", "s", "n", "b", "l", "f", "o", "m"], type: "x"))
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
                var accepts: Set<Character> = ["m"]
                if characters[(index + 1)..<close].contains("<") {
                    throw JSONataError(
                        code: "S0402", message: "Choice groups containing parameterized types are not supported",
                        position: position + index, token: "(")
                }
                for choice in characters[(index + 1)..<close] {
                    accepts.insert(choice)
                    if choice == "x" || choice == "j" {
                        accepts.formUnion(["a", "s", "n", "b", "l", "o"])
                        if choice == "x" { accepts.insert("f") }
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
        let symbols = arguments.map(\.typeSymbol)
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
                    guard parameter.accepts.contains(context.typeSymbol) else {
                        throw JSONataError(
                            code: "T0411",
                            message: "Context value is not a compatible type with argument \(argumentIndex + 1) of function \(functionName)",
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

    private func checkElements(_ argument: Value, subtype: String, index: Int, functionName: String) throws(JSONataError) {
        let expected = subtype.first!
        let ok: Bool
        if argument.isArray {
            let elements = argument.elements
            if let first = elements.first {
                let firstType = first.typeSymbol
                ok = (expected == "x" || firstType == expected) && elements.allSatisfy { $0.typeSymbol == firstType }
            } else {
                ok = true
            }
        } else {
            ok = expected == "x" || argument.typeSymbol == expected
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
    private func match(_ symbols: [Character], parameter: Int, argument: Int) -> [Int]? {
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
    private func mismatch(_ arguments: [Value], _ symbols: [Character], functionName: String) -> JSONataError {
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

    private func prefixMatches(_ symbols: [Character], upTo last: Int) -> Bool {
        let prefix = Signature(parameters: Array(parameters[0...last]), text: text)
        return prefix.match(symbols, parameter: 0, argument: 0) != nil
    }

    private init(parameters: [Parameter], text: String) {
        self.parameters = parameters
        self.text = text
    }
}
