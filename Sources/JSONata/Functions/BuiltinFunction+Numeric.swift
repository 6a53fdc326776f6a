import WeftJSON

extension BuiltinFunction {
    static let numericFunctions: [BuiltinFunction] = [
        BuiltinFunction("number", "<(nsb)-:n>") { (args, _) throws(JSONataError) in
            switch args[argument: 0] {
            case .undefined: return .undefined
            case .number(let number): return .number(number)
            case .bool(let bool): return .number(bool ? 1 : 0)
            case .string(let text):
                if let number = parseJSONataNumber(text) { return .number(number) }
                throw JSONataError(
                    code: "D3030", message: "Unable to cast value to a number: \"\(text)\"", token: "number")
            default:
                throw JSONataError(code: "D3030", message: "Unable to cast value to a number", token: "number")
            }
        },
        unary("abs") { abs($0) },
        unary("floor") { $0.rounded(.down) },
        unary("ceil") { $0.rounded(.up) },
        BuiltinFunction("round", "<n-n?:n>") { (args, _) throws(JSONataError) in
            guard case .number(let number) = args[argument: 0] else { return .undefined }
            var precision = 0
            if case .number(let digits) = args[argument: 1] { precision = Int(clamping: digits) }
            return .number(roundHalfEven(number, precision: precision))
        },
        BuiltinFunction("power", "<n-n:n>") { (args, _) throws(JSONataError) in
            guard case .number(let base) = args[argument: 0], case .number(let exponent) = args[argument: 1] else {
                return .undefined
            }
            let result = javaScriptPower(base, exponent)
            guard result.isFinite else {
                throw JSONataError(
                    code: "D3061",
                    message:
                        "The power function has resulted in a value that cannot be represented as a JSON number: base=\(formatJSONataNumber(base)), exponent=\(formatJSONataNumber(exponent))",
                    token: "power")
            }
            return .number(result)
        },
        BuiltinFunction("sqrt", "<n-:n>") { (args, _) throws(JSONataError) in
            guard case .number(let number) = args[argument: 0] else { return .undefined }
            guard number >= 0 else {
                throw JSONataError(
                    code: "D3060",
                    message: "The sqrt function cannot be applied to a negative number: \(formatJSONataNumber(number))",
                    token: "sqrt")
            }
            return .number(number.squareRoot())
        },
        BuiltinFunction("random", "<:n>") { (_, context) throws(JSONataError) in
            .number(context.evaluator.nextRandom())
        },
        BuiltinFunction("formatNumber", "<n-so?:s>") { (args, _) throws(JSONataError) in
            guard case .number(let number) = args[argument: 0], case .string(let picture) = args[argument: 1] else {
                return .undefined
            }
            var options: [String: String] = [:]
            for (key, value) in args[argument: 2].members {
                if case .string(let text) = value { options[key] = text }
            }
            return .string(try formatNumber(number, picture: picture, options: options))
        },
        BuiltinFunction("formatBase", "<n-n?:s>") { (args, _) throws(JSONataError) in
            guard case .number(let number) = args[argument: 0] else { return .undefined }
            var radix = 10
            if case .number(let requested) = args[argument: 1] {
                radix = Int(clamping: roundHalfEven(requested, precision: 0))
            }
            guard (2...36).contains(radix) else {
                throw JSONataError(
                    code: "D3100",
                    message: "The radix of the formatBase function must be between 2 and 36.  It was given \(radix)",
                    token: "formatBase")
            }
            let value = roundHalfEven(number, precision: 0)
            guard abs(value) < 9.007_199_254_740_992e15 else {
                return .string(JSONNumber.format(value))
            }
            return .string(String(Int64(value), radix: radix))
        },
        BuiltinFunction("formatInteger", "<n-s:s>") { (args, _) throws(JSONataError) in
            guard case .number(let number) = args[argument: 0], case .string(let picture) = args[argument: 1] else {
                return .undefined
            }
            return .string(try formatInteger(number, picture: picture))
        },
        BuiltinFunction("parseInteger", "<s-s:n>") { (args, _) throws(JSONataError) in
            guard case .string(let text) = args[argument: 0], case .string(let picture) = args[argument: 1] else {
                return .undefined
            }
            return try parseInteger(text, picture: picture).map(Value.number) ?? .undefined
        },
    ]

    private static func unary(_ name: String, _ operation: @escaping @Sendable (Double) -> Double) -> BuiltinFunction {
        BuiltinFunction(name, "<n-:n>") { (args, _) throws(JSONataError) in
            guard case .number(let number) = args[argument: 0] else { return .undefined }
            return .number(operation(number))
        }
    }
}

/// Parses a string as `$number` does: JSON number syntax, or hexadecimal, octal and binary literals.
func parseJSONataNumber(_ text: String) -> Double? {
    let bytes = Array(text.utf8)
    if bytes.count > 2, bytes[0] == UInt8(ascii: "0") {
        let radix: Int?
        switch bytes[1] {
        case UInt8(ascii: "x"), UInt8(ascii: "X"): radix = 16
        case UInt8(ascii: "o"), UInt8(ascii: "O"): radix = 8
        case UInt8(ascii: "b"), UInt8(ascii: "B"): radix = 2
        default: radix = nil
        }
        if let radix {
            let digits = String(decoding: bytes[2...], as: UTF8.self)
            if let value = Int64(digits, radix: radix) { return Double(value) }
            return nil
        }
    }
    // -?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?
    var index = 0
    func digits() -> Bool {
        let start = index
        while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
        return index > start
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
    guard digits() else { return nil }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
        index += 1
        guard digits() else { return nil }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
        index += 1
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard digits() else { return nil }
    }
    guard index == bytes.count, let value = Double(text), value.isFinite else { return nil }
    return value
}

/// Rounds half to even at `precision` decimal places, shifting the decimal point in the number's text
/// (as JSONata does) so that binary representation errors do not tip the result.
func roundHalfEven(_ number: Double, precision: Int) -> Double {
    var value = number
    if precision != 0 {
        value = shiftDecimal(value, by: precision)
    }
    var result = (value + 0.5).rounded(.down)
    let difference = result - value
    if abs(difference) == 0.5 && abs(result.truncatingRemainder(dividingBy: 2)) == 1 {
        result -= 1
    }
    if precision != 0 {
        result = shiftDecimal(result, by: -precision)
    }
    if result == 0 { result = 0 }  // no negative zero
    return result
}

private func shiftDecimal(_ value: Double, by places: Int) -> Double {
    let text = JSONNumber.format(value)
    let parts = text.split(separator: "e", maxSplits: 1)
    let exponent = (parts.count > 1 ? Int(parts[1]) ?? 0 : 0) + places
    return Double("\(parts[0])e\(exponent)") ?? value
}

/// `Math.pow` semantics, which differ from C's `pow` for a base of ±1 with an infinite or NaN exponent.
func javaScriptPower(_ base: Double, _ exponent: Double) -> Double {
    if exponent.isNaN { return .nan }
    if abs(base) == 1 && exponent.isInfinite { return .nan }
    return powBridge(base, exponent)
}
