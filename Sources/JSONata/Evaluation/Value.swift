import Collections
import WeftJSON

/// A value during evaluation.
///
/// Input documents stay in their `JSON` form (`jsonArray`/`jsonObject`) and are never copied; values built by
/// the expression use `array` (which carries JSONata's sequence flags) and `object` (a reference, so that a
/// transform can update the objects its location expression selected). `undefined` is JSONata's "no value".
enum Value {
    case undefined
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array(JArray)
    case object(JObject)
    case jsonArray([JSON])
    case jsonObject(JSONObject)
    case function(FunctionValue)

    /// Wraps an input value without copying it.
    @inline(__always)
    init(_ json: JSON) {
        switch json {
        case .null: self = .null
        case .bool(let value): self = .bool(value)
        case .number(let value): self = .number(value)
        case .string(let value): self = .string(value)
        case .array(let value): self = .jsonArray(value)
        case .object(let value): self = .jsonObject(value)
        }
    }

    var isUndefined: Bool {
        if case .undefined = self { return true }
        return false
    }

    var isArray: Bool {
        switch self {
        case .array, .jsonArray: return true
        default: return false
        }
    }

    var isObject: Bool {
        switch self {
        case .object, .jsonObject: return true
        default: return false
        }
    }

    var isFunction: Bool {
        if case .function = self { return true }
        return false
    }

    /// A JSONata sequence (the result of a path), as opposed to an array built by the expression or input.
    var isSequence: Bool {
        if case .array(let array) = self { return array.isSequence }
        return false
    }

    /// The elements of an array value (empty for anything else).
    var elements: [Value] {
        switch self {
        case .array(let array): return array.items
        case .jsonArray(let array): return array.map(Value.init)
        default: return []
        }
    }

    /// The number of elements of an array value.
    var count: Int {
        switch self {
        case .array(let array): return array.items.count
        case .jsonArray(let array): return array.count
        default: return 0
        }
    }

    /// The member `key` of an object value.
    @inline(__always)
    func member(_ key: String) -> Value {
        switch self {
        case .jsonObject(let object):
            if let value = object[key] { return Value(value) }
            return .undefined
        case .object(let object):
            return object.fields[key] ?? .undefined
        default:
            return .undefined
        }
    }

    /// The keys of an object value, in order.
    var keys: [String] {
        switch self {
        case .jsonObject(let object): return Array(object.keys)
        case .object(let object): return Array(object.fields.keys)
        default: return []
        }
    }

    /// The members of an object value, in order.
    var members: [(key: String, value: Value)] {
        switch self {
        case .jsonObject(let object): return object.map { ($0.key, Value($0.value)) }
        case .object(let object): return object.fields.map { ($0.key, $0.value) }
        default: return []
        }
    }

    /// The type name `$type` reports.
    var typeName: String? {
        switch self {
        case .undefined: return nil
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array, .jsonArray: return "array"
        case .object, .jsonObject: return "object"
        case .function: return "function"
        }
    }

    /// A new sequence holding `items`.
    static func sequence(_ items: [Value]) -> Value {
        .array(JArray(items, isSequence: true))
    }
}

/// An array built during evaluation, with the flags JSONata uses to decide how results collapse and flatten.
struct JArray {
    var items: [Value]
    /// A sequence produced by path navigation: flattened into enclosing sequences, a singleton collapses.
    var isSequence = false
    /// A singleton must stay an array (the `[]` operator).
    var keepSingleton = false
    /// The input document was an array and has been wrapped to be treated as a single value.
    var outerWrapper = false
    /// Built by an array constructor: not flattened by path steps.
    var isConstructed = false

    init(_ items: [Value] = [], isSequence: Bool = false) {
        self.items = items
        self.isSequence = isSequence
    }
}

/// An object built during evaluation. A reference type so that a transform can update matched objects.
final class JObject {
    /// Unchecked exclusivity: an object belongs to one evaluation on one thread, and reads are hot.
    @exclusivity(unchecked) var fields: OrderedDictionary<String, Value>

    init(_ fields: OrderedDictionary<String, Value> = [:]) {
        self.fields = fields
    }
}
