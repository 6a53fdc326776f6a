import WeftJSON

/// The built-in functions the direct evaluator applies itself, for the argument counts it handles. Anything
/// else about them (a wrong type, the context as an implicit argument) falls back to the general evaluator.
enum DirectFunction: Sendable {
    case count, exists, string, number, uppercase, lowercase, trim, length, substring, sum, round, floor, ceil, abs
    case boolean, not, join

    /// The function called `name` with `arity` arguments, when the direct evaluator handles that.
    init?(name: String, arity: Int) {
        switch (name, arity) {
        case ("count", 1): self = .count
        case ("exists", 1): self = .exists
        case ("string", 1): self = .string
        case ("number", 1): self = .number
        case ("uppercase", 1): self = .uppercase
        case ("lowercase", 1): self = .lowercase
        case ("trim", 1): self = .trim
        case ("length", 1): self = .length
        case ("substring", 2), ("substring", 3): self = .substring
        case ("sum", 1): self = .sum
        case ("round", 1), ("round", 2): self = .round
        case ("floor", 1): self = .floor
        case ("ceil", 1): self = .ceil
        case ("abs", 1): self = .abs
        case ("boolean", 1): self = .boolean
        case ("not", 1): self = .not
        case ("join", 1), ("join", 2): self = .join
        default: return nil
        }
    }

    /// The variable the function is bound to (a binding of the same name shadows it).
    var name: String {
        switch self {
        case .count: return "count"
        case .exists: return "exists"
        case .string: return "string"
        case .number: return "number"
        case .uppercase: return "uppercase"
        case .lowercase: return "lowercase"
        case .trim: return "trim"
        case .length: return "length"
        case .substring: return "substring"
        case .sum: return "sum"
        case .round: return "round"
        case .floor: return "floor"
        case .ceil: return "ceil"
        case .abs: return "abs"
        case .boolean: return "boolean"
        case .not: return "not"
        case .join: return "join"
        }
    }

    typealias Outcome = DirectExpression.Outcome

    func apply(_ arguments: [Outcome]) -> Outcome {
        let first = arguments[0]
        switch self {
        case .count:
            switch first {
            case .undefined: return .value(.number(0))
            case .value(.array(let items)): return .value(.number(Double(items.count)))
            case .value: return .value(.number(1))
            case .fallback: return .fallback
            }
        case .exists:
            if case .undefined = first { return .value(.bool(false)) }
            return .value(.bool(true))
        case .string:
            switch first {
            case .undefined: return .undefined
            case .value(.string): return first
            case .value(.number(let number)) where number.isFinite: return .value(.string(formatJSONataNumber(number)))
            case .value(.bool(let bool)): return .value(.string(bool ? "true" : "false"))
            case .value(.null): return .value(.string("null"))
            default: return .fallback
            }
        case .number:
            switch first {
            case .undefined: return .undefined
            case .value(.number): return first
            case .value(.bool(let bool)): return .value(.number(bool ? 1 : 0))
            case .value(.string(let text)): return parseJSONataNumber(text).map { .value(.number($0)) } ?? .fallback
            default: return .fallback
            }
        case .uppercase, .lowercase, .trim, .length:
            switch first {
            case .undefined: return .undefined
            case .value(.string(let text)):
                switch self {
                case .uppercase: return .value(.string(text.uppercased()))
                case .lowercase: return .value(.string(text.lowercased()))
                case .trim: return .value(.string(normalizeSpace(text)))
                default: return .value(.number(Double(text.unicodeScalars.count)))
                }
            default: return .fallback
            }
        case .substring:
            guard case .value(.string(let text)) = first else {
                if case .undefined = first { return .undefined }
                return .fallback
            }
            guard case .value(.number(let start)) = arguments[1] else { return .fallback }
            let scalars = Array(text.unicodeScalars)
            var begin = start
            if Double(scalars.count) + begin < 0 { begin = 0 }
            if arguments.count == 3 {
                guard case .value(.number(let length)) = arguments[2] else { return .fallback }
                if length <= 0 { return .value(.string("")) }
                let end = begin >= 0 ? begin + length : Double(scalars.count) + begin + length
                return .value(.string(slice(scalars, begin, end)))
            }
            return .value(.string(slice(scalars, begin, nil)))
        case .sum:
            switch first {
            case .undefined: return .undefined
            case .value(.number): return first
            case .value(.array(let items)):
                var total = 0.0
                for item in items {
                    guard case .number(let number) = item else { return .fallback }
                    total += number
                }
                return .value(.number(total))
            default: return .fallback
            }
        case .round:
            guard case .value(.number(let number)) = first else {
                if case .undefined = first { return .undefined }
                return .fallback
            }
            var precision = 0
            if arguments.count == 2 {
                guard case .value(.number(let digits)) = arguments[1] else { return .fallback }
                precision = Int(clamping: digits)
            }
            return .value(.number(roundHalfEven(number, precision: precision)))
        case .floor, .ceil, .abs:
            switch first {
            case .undefined: return .undefined
            case .value(.number(let number)):
                switch self {
                case .floor: return .value(.number(number.rounded(.down)))
                case .ceil: return .value(.number(number.rounded(.up)))
                default: return .value(.number(Swift.abs(number)))
                }
            default: return .fallback
            }
        case .boolean, .not:
            switch first {
            case .undefined: return .undefined
            case .value(let value):
                let truth = DirectExpression.isTruthy(value)
                return .value(.bool(self == .boolean ? truth : !truth))
            case .fallback: return .fallback
            }
        case .join:
            var separator = ""
            if arguments.count == 2 {
                guard case .value(.string(let text)) = arguments[1] else { return .fallback }
                separator = text
            }
            switch first {
            case .undefined: return .undefined
            case .value(.string): return first
            case .value(.array(let items)):
                var parts: [String] = []
                for item in items {
                    guard case .string(let text) = item else { return .fallback }
                    parts.append(text)
                }
                return .value(.string(parts.joined(separator: separator)))
            default: return .fallback
            }
        }
    }
}
