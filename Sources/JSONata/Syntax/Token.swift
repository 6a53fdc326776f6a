/// A lexical token of a JSONata expression.
struct Token: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// An operator or punctuation symbol, including the word operators `and`, `or` and `in`.
        case symbol(String)
        /// A field name, plain or back-quoted.
        case name(String)
        /// A variable reference; the name excludes the `$` (so `$` is the empty name and `$$` is `"$"`).
        case variable(String)
        case string(String)
        case number(Double)
        /// `true`, `false` or `null`.
        case value(Literal)
        case regex(pattern: String, flags: String)
        case end
    }

    var kind: Kind
    /// Character offset just past the token, as JSONata reports positions.
    var position: Int

    /// The text the token stands for, as used in error messages.
    var text: String {
        switch kind {
        case .symbol(let symbol): return symbol
        case .name(let name): return name
        case .variable(let name): return "$" + name
        case .string(let string): return string
        case .number(let number): return formatNumberForMessage(number)
        case .value(let literal): return literal.text
        case .regex(let pattern, let flags): return "/\(pattern)/\(flags)"
        case .end: return "(end)"
        }
    }
}

/// The literal constants `true`, `false` and `null`.
enum Literal: Sendable, Equatable {
    case bool(Bool)
    case null

    var text: String {
        switch self {
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        }
    }
}

func formatNumberForMessage(_ number: Double) -> String {
    if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
    return String(number)
}
