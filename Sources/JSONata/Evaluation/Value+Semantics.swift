import WeftJSON

extension Value {
    var isNumber: Bool {
        if case .number = self { return true }
        return false
    }

    var isString: Bool {
        if case .string = self { return true }
        return false
    }

    /// A number without a fractional part.
    var isInteger: Bool {
        if case .number(let number) = self { return number.isFinite && number == number.rounded(.towardZero) }
        return false
    }

    /// JSONata's Boolean cast (`$boolean`), with undefined as false.
    var isTruthy: Bool {
        switch self {
        case .undefined, .null, .function: return false
        case .bool(let value): return value
        case .number(let number): return number != 0 && !number.isNaN
        case .string(let string): return !string.isEmpty
        case .array(let array):
            if array.items.count == 1 { return array.items[0].isTruthy }
            return array.items.contains { $0.isTruthy }
        case .jsonArray(let array):
            if array.count == 1 { return Value(array[0]).isTruthy }
            return array.contains { Value($0).isTruthy }
        case .object(let object): return !object.fields.isEmpty
        case .jsonObject(let object): return !object.isEmpty
        }
    }

    /// JavaScript's `===`: scalars by value, containers only when they are the same object. Arrays and objects
    /// taken from the input document have no identity here, so they are never identical.
    func isIdentical(to other: Value) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.object(let a), .object(let b)): return a === b
        default: return false
        }
    }

    /// Structural equality of JSON values; functions are equal to nothing.
    func isDeepEqual(to other: Value) -> Bool {
        switch (self, other) {
        case (.undefined, .undefined), (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.jsonArray(let a), .jsonArray(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isEquivalent(to: $1) }
        case (.jsonObject(let a), .jsonObject(let b)):
            return JSON.object(a).isEquivalent(to: .object(b))
        case (.object(let a), .object(let b)) where a === b: return true
        default:
            if isArray && other.isArray {
                let left = elements
                let right = other.elements
                guard left.count == right.count else { return false }
                return zip(left, right).allSatisfy { $0.isDeepEqual(to: $1) }
            }
            if isObject && other.isObject {
                let left = members
                guard left.count == other.keys.count else { return false }
                for (key, value) in left {
                    let otherValue = other.member(key)
                    if otherValue.isUndefined || !value.isDeepEqual(to: otherValue) { return false }
                }
                return true
            }
            return false
        }
    }

    /// The value as JSON when it holds no functions (nil otherwise); undefined members are left out.
    var plainJSON: JSON? {
        switch self {
        case .undefined, .function: return nil
        case .null: return .null
        case .bool(let value): return .bool(value)
        case .number(let value): return value.isFinite ? .number(value) : nil
        case .string(let value): return .string(value)
        case .jsonArray(let value): return .array(value)
        case .jsonObject(let value): return .object(value)
        case .array(let array):
            var result: [JSON] = []
            result.reserveCapacity(array.items.count)
            for item in array.items {
                if item.isUndefined { continue }
                guard let json = item.plainJSON else { return nil }
                result.append(json)
            }
            return .array(result)
        case .object(let object):
            var result = JSONObject(minimumCapacity: object.fields.count)
            for (key, value) in object.fields {
                if value.isUndefined { continue }
                guard let json = value.plainJSON else { return nil }
                result[key] = json
            }
            return .object(result)
        }
    }

    /// The value as a JSON document, dropping functions and undefined values as JavaScript's JSON does.
    var json: JSON? {
        switch self {
        case .undefined, .function: return nil
        case .null: return .null
        case .bool(let value): return .bool(value)
        case .number(let value): return .number(value)
        case .string(let value): return .string(value)
        case .jsonArray(let value): return .array(value)
        case .jsonObject(let value): return .object(value)
        case .array(let array): return .array(array.items.compactMap(\.json))
        case .object(let object):
            var result = JSONObject(minimumCapacity: object.fields.count)
            for (key, value) in object.fields {
                if let json = value.json { result[key] = json }
            }
            return .object(result)
        }
    }
}

/// JSONata's `$string` conversion: strings unchanged, everything else as JSON with numbers rounded to
/// 15 significant digits and functions as empty strings.
func string(of value: Value, pretty: Bool = false) throws(JSONataError) -> String {
    switch value {
    case .string(let string): return string
    case .function: return ""
    case .undefined: return ""
    case .number(let number):
        guard number.isFinite else {
            throw JSONataError(code: "D3001", message: "Attempting to invoke string function on Infinity or NaN")
        }
        return formatJSONataNumber(number)
    default:
        var subject = value
        if case .array(let array) = value, array.outerWrapper, let first = array.items.first { subject = first }
        try checkFiniteNumbers(subject)
        var output = ""
        writeJSON(subject, to: &output, indent: pretty ? 0 : nil)
        return output
    }
}

/// A number as JSONata prints it: rounded to 15 significant digits, then in JavaScript's notation.
func formatJSONataNumber(_ number: Double) -> String {
    if number == number.rounded() {
        return JSONNumber.format(number)
    }
    let rounded = Double(JSONNumber.format(number, precision: 15)) ?? number
    return JSONNumber.format(rounded)
}

private func writeJSON(_ value: Value, to output: inout String, indent: Int?) {
    switch value {
    case .undefined, .null:
        output += "null"
    case .function:
        output += "\"\""
    case .bool(let bool):
        output += bool ? "true" : "false"
    case .number(let number):
        output += formatJSONataNumber(number)
    case .string(let string):
        JSONWriter.appendEscaped(string, to: &output)
    case .array, .jsonArray:
        let items = value.elements
        if items.isEmpty {
            output += "[]"
            return
        }
        output += "["
        for (offset, item) in items.enumerated() {
            if offset > 0 { output += "," }
            newline(&output, indent.map { $0 + 1 })
            writeJSON(item.isUndefined ? .null : item, to: &output, indent: indent.map { $0 + 1 })
        }
        newline(&output, indent)
        output += "]"
    case .object, .jsonObject:
        let members = value.members.filter { !$0.value.isUndefined }
        if members.isEmpty {
            output += "{}"
            return
        }
        output += "{"
        for (offset, member) in members.enumerated() {
            if offset > 0 { output += "," }
            newline(&output, indent.map { $0 + 1 })
            JSONWriter.appendEscaped(member.key, to: &output)
            output += indent == nil ? ":" : ": "
            writeJSON(member.value, to: &output, indent: indent.map { $0 + 1 })
        }
        newline(&output, indent)
        output += "}"
    }
}

/// JSON has no infinities: a non-finite number inside a structure cannot be written (D1001).
private func checkFiniteNumbers(_ value: Value) throws(JSONataError) {
    switch value {
    case .number(let number) where !number.isFinite:
        throw JSONataError(code: "D1001", message: "Number out of range: \(number)")
    case .array(let array):
        for item in array.items { try checkFiniteNumbers(item) }
    case .object(let object):
        for item in object.fields.values { try checkFiniteNumbers(item) }
    default:
        break
    }
}

private func newline(_ output: inout String, _ level: Int?) {
    guard let level else { return }
    output += "\n"
    output += String(repeating: " ", count: level * 2)
}
