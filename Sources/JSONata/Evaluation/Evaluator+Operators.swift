extension Evaluator {
    func evaluateBinary(
        _ op: BinaryOperator, _ lhsNode: Node, _ rhsNode: Node, _ input: Value, _ environment: Frame, position: Int
    ) throws(JSONataError) -> Value {
        switch op {
        case .and:
            let lhs = try evaluate(lhsNode, input, environment)
            guard lhs.isTruthy else { return .bool(false) }
            return .bool(try evaluate(rhsNode, input, environment).isTruthy)
        case .or:
            let lhs = try evaluate(lhsNode, input, environment)
            if lhs.isTruthy { return .bool(true) }
            return .bool(try evaluate(rhsNode, input, environment).isTruthy)
        case .coalesce:
            let lhs = try evaluate(lhsNode, input, environment)
            if !lhs.isUndefined { return lhs }
            return try evaluate(rhsNode, input, environment)
        case .elvis:
            let lhs = try evaluate(lhsNode, input, environment)
            if lhs.isTruthy { return lhs }
            return try evaluate(rhsNode, input, environment)
        default:
            break
        }
        let lhs = try evaluate(lhsNode, input, environment)
        let rhs = try evaluate(rhsNode, input, environment)
        switch op {
        case .add, .subtract, .multiply, .divide, .modulo:
            return try arithmetic(op, lhs, rhs, position: position)
        case .equal:
            if lhs.isUndefined || rhs.isUndefined { return .bool(false) }
            return .bool(lhs.isDeepEqual(to: rhs))
        case .notEqual:
            if lhs.isUndefined || rhs.isUndefined { return .bool(false) }
            return .bool(!lhs.isDeepEqual(to: rhs))
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            return try compare(op, lhs, rhs, position: position)
        case .concat:
            var text = try stringify(lhs)
            text += try stringify(rhs)
            try checkSize(text.utf8.count)
            return .string(text)
        case .in:
            if lhs.isUndefined || rhs.isUndefined { return .bool(false) }
            for item in itemsOf(rhs) where item.isIdentical(to: lhs) { return .bool(true) }
            return .bool(false)
        case .range:
            return try range(lhs, rhs, position: position)
        case .and, .or, .coalesce, .elvis:
            return .undefined
        }
    }

    private func stringify(_ value: Value) throws(JSONataError) -> String {
        if value.isUndefined { return "" }
        return try string(of: value)
    }

    private func arithmetic(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value, position: Int) throws(JSONataError)
        -> Value
    {
        try checkFinite(lhs, position: position)
        try checkFinite(rhs, position: position)
        if !lhs.isUndefined && !lhs.isNumber {
            throw JSONataError(
                code: "T2001", message: "The left side of the \"\(op.rawValue)\" operator must evaluate to a number",
                position: position, token: op.rawValue)
        }
        if !rhs.isUndefined && !rhs.isNumber {
            throw JSONataError(
                code: "T2002", message: "The right side of the \"\(op.rawValue)\" operator must evaluate to a number",
                position: position, token: op.rawValue)
        }
        guard case .number(let a) = lhs, case .number(let b) = rhs else { return .undefined }
        switch op {
        case .add: return .number(a + b)
        case .subtract: return .number(a - b)
        case .multiply: return .number(a * b)
        case .divide: return .number(a / b)
        default: return .number(a.truncatingRemainder(dividingBy: b))
        }
    }

    /// An infinite intermediate result (such as `1/0`) may exist, but using it as an operand is an error.
    private func checkFinite(_ value: Value, position: Int) throws(JSONataError) {
        if case .number(let number) = value, !number.isFinite, !number.isNaN {
            throw JSONataError(code: "D1001", message: "Number out of range: \(number)", position: position)
        }
    }

    private func compare(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value, position: Int) throws(JSONataError) -> Value
    {
        let lhsComparable = lhs.isNumber || lhs.isString
        let rhsComparable = rhs.isNumber || rhs.isString
        if (!lhs.isUndefined && !lhsComparable) || (!rhs.isUndefined && !rhsComparable) {
            throw JSONataError(
                code: "T2010",
                message:
                    "The expressions either side of operator \"\(op.rawValue)\" must evaluate to numeric or string values",
                position: position, token: op.rawValue)
        }
        if lhs.isUndefined || rhs.isUndefined { return .undefined }
        let order: Int
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)):
            order = a < b ? -1 : (a > b ? 1 : 0)
        case (.string(let a), .string(let b)):
            order = compareUTF16(a, b)
        default:
            throw JSONataError(
                code: "T2009",
                message:
                    "The values \(describe(lhs)) and \(describe(rhs)) either side of operator \"\(op.rawValue)\" must be of the same data type",
                position: position, token: op.rawValue)
        }
        switch op {
        case .less: return .bool(order < 0)
        case .lessOrEqual: return .bool(order <= 0)
        case .greater: return .bool(order > 0)
        default: return .bool(order >= 0)
        }
    }

    private func range(_ lhs: Value, _ rhs: Value, position: Int) throws(JSONataError) -> Value {
        if !lhs.isUndefined && !lhs.isInteger {
            throw JSONataError(
                code: "T2003", message: "The left side of the range operator (..) must evaluate to an integer",
                position: position, token: "..")
        }
        if !rhs.isUndefined && !rhs.isInteger {
            throw JSONataError(
                code: "T2004", message: "The right side of the range operator (..) must evaluate to an integer",
                position: position, token: "..")
        }
        guard case .number(let low) = lhs, case .number(let high) = rhs else { return .undefined }
        if low > high { return .undefined }
        let size = high - low + 1
        if size > 10_000_000 {
            throw JSONataError(
                code: "D2014",
                message:
                    "The size of the sequence allocated by the range operator (..) must not exceed 1e7.  Attempted to allocate \(formatNumberForMessage(size)).",
                position: position, token: "..")
        }
        try checkSize(Int(size))
        let start = Int(low)
        let end = Int(high)
        var items: [Value] = []
        items.reserveCapacity(Int(size))
        for value in start...end { items.append(.number(Double(value))) }
        return .array(JArray(items))
    }

    func evaluateNegation(_ operand: Node, _ input: Value, _ environment: Frame, position: Int) throws(JSONataError)
        -> Value
    {
        let value = try evaluate(operand, input, environment)
        switch value {
        case .undefined: return .undefined
        case .number(let number): return .number(-number)
        default:
            throw JSONataError(
                code: "D1002", message: "Cannot negate a non-numeric value: \(describe(value))", position: position,
                token: "-")
        }
    }

    /// A short rendering of a value for error messages.
    func describe(_ value: Value) -> String {
        (try? string(of: value)) ?? "value"
    }
}

/// Compares two strings by UTF-16 code units, as JavaScript does.
func compareUTF16(_ a: String, _ b: String) -> Int {
    if a == b { return 0 }
    var left = a.utf16.makeIterator()
    var right = b.utf16.makeIterator()
    while true {
        switch (left.next(), right.next()) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case (let x?, let y?):
            if x != y { return x < y ? -1 : 1 }
        }
    }
}
