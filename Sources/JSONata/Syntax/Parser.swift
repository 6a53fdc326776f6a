import WeftJSON

/// A top-down operator-precedence parser for JSONata.
///
/// Each parse function returns a processed node: paths are flattened into steps, predicates become stages
/// of the step they follow, bindings and group-by clauses are attached, and `%` references are resolved to
/// the step whose input they name. Positions are scalar offsets into the expression.
struct Parser {
    private var lexer: Lexer
    private var token: Token
    private var ancestorCount = 0
    private let stackGuard = NativeStack.guardAddress() ?? 0
    private var ancestors: [AncestorSlot] = []

    /// Left binding powers of the infix operators. Terminators and prefix-only symbols (`]`, `)`, `}`, `,`,
    /// `;`, `:`, `..`, `|`, `**`) bind with power 0, so an expression stops in front of them. `!` and `~` are
    /// lexed (as parts of `!=` and `~>`) but are no operators of their own: alone they are unknown (S0204).
    static let bindingPower: [String: Int] = [
        ".": 75, "[": 80, "]": 0, "{": 70, "}": 0, "(": 80, ")": 0, ",": 0, "@": 80, "#": 80, ";": 0, ":": 0,
        "?": 20, "+": 50, "-": 50, "*": 60, "/": 60, "%": 60, "|": 0, "=": 40, "<": 40, ">": 40, "^": 40,
        "**": 0, "..": 0, ":=": 10, "!=": 40, "<=": 40, ">=": 40, "~>": 40, "?:": 40, "??": 40, "and": 30,
        "or": 25, "in": 40, "&": 50,
    ]

    /// Parses a whole expression.
    static func parse(_ source: String) throws(JSONataError) -> Node {
        var parser = try Parser(source)
        let root = try parser.expression(0)
        guard case .end = parser.token.kind else {
            throw JSONataError(
                code: "S0201", message: "Syntax error: \"\(parser.token.text)\"", position: parser.token.position,
                token: parser.token.text)
        }
        if case .parent = root.kind {
            throw JSONataError(
                code: "S0217", message: "The object representing the 'parent' cannot be derived from this expression",
                position: root.position, token: root.typeName)
        }
        if !root.seekingParent.isEmpty {
            throw JSONataError(
                code: "S0217", message: "The object representing the 'parent' cannot be derived from this expression",
                position: root.position, token: root.typeName)
        }
        root.prepareForEvaluation()
        return root
    }

    private init(_ source: String) throws(JSONataError) {
        lexer = Lexer(source)
        token = Token(kind: .end, position: 0)
        token = try lexer.next(prefix: true)
    }

    // MARK: - Token handling

    private func isSymbol(_ symbol: String) -> Bool {
        if case .symbol(let current) = token.kind { return current == symbol }
        return false
    }

    private var isEnd: Bool {
        if case .end = token.kind { return true }
        return false
    }

    /// Moves to the next token. `operandNext` tells the lexer whether an operand (so possibly a regex) follows.
    private mutating func advance(operandNext: Bool = true) throws(JSONataError) {
        token = try lexer.next(prefix: operandNext)
    }

    /// Checks that the current token is `symbol`, then moves past it.
    private mutating func expect(_ symbol: String, operandNext: Bool = true) throws(JSONataError) {
        guard isSymbol(symbol) else {
            if isEnd {
                throw JSONataError(
                    code: "S0203", message: "Expected \"\(symbol)\" before end of expression", position: token.position,
                    token: symbol)
            }
            throw JSONataError(
                code: "S0202", message: "Expected \"\(symbol)\", got \"\(token.text)\"", position: token.position,
                token: token.text)
        }
        try advance(operandNext: operandNext)
    }

    private func infixPower(_ token: Token) throws(JSONataError) -> Int {
        switch token.kind {
        case .symbol(let symbol):
            guard let power = Self.bindingPower[symbol] else {
                throw JSONataError(
                    code: "S0204", message: "Unknown operator: \"\(symbol)\"", position: token.position, token: symbol)
            }
            return power
        case .end: return 0
        default: return 0
        }
    }

    // MARK: - Expressions

    mutating func expression(_ rightBindingPower: Int) throws(JSONataError) -> Node {
        if NativeStack.currentAddress() < stackGuard {
            throw JSONataError(
                code: "U1001", message: "The expression is nested too deeply to parse", position: token.position)
        }
        let first = token
        try advance(operandNext: false)
        var left = try prefix(first)
        while true {
            let power: Int
            switch token.kind {
            case .symbol:
                power = try infixPower(token)
            case .end:
                power = 0
            default:
                // An operand where an operator belongs ends the expression; the caller reports what it expected.
                power = 0
            }
            guard rightBindingPower < power else { break }
            let operatorToken = token
            try advance()
            left = try infix(operatorToken, left: left)
        }
        return left
    }

    private mutating func prefix(_ token: Token) throws(JSONataError) -> Node {
        let position = token.position
        switch token.kind {
        case .end:
            throw JSONataError(code: "S0207", message: "Unexpected end of expression", position: position)
        case .string(let string):
            return Node(.string(string), position: position)
        case .number(let number):
            return Node(.number(number), position: position)
        case .value(let literal):
            return Node(.value(literal), position: position)
        case .regex(let pattern, let flags):
            do throws(RegexSyntaxError) {
                return Node(.regex(try JSRegex(pattern: pattern, flags: flags)), position: position)
            } catch {
                throw JSONataError(
                    code: "S0302", message: "Invalid regular expression: \(error.message)", position: position,
                    token: pattern)
            }
        case .variable(let name):
            let node = Node(.variable(name), position: position)
            node.builtin = BuiltinFunction.table[name]
            return node
        case .name(let name):
            return pathNode(Node(.name(name), position: position))
        case .symbol(let symbol):
            return try prefixOperator(symbol, position: position)
        }
    }

    private mutating func prefixOperator(_ symbol: String, position: Int) throws(JSONataError) -> Node {
        switch symbol {
        case "and", "or", "in":
            return pathNode(Node(.name(symbol), position: position))
        case "-":
            let operand = try expression(70)
            if case .number(let number) = operand.kind {
                operand.kind = .number(-number)
                return operand
            }
            let node = Node(.negate(operand), position: position)
            pushAncestry(node, operand)
            return node
        case "*":
            return Node(.wildcard, position: position)
        case "**":
            return Node(.descendant, position: position)
        case "%":
            let slot = AncestorSlot(label: "!\(ancestorCount)", level: 1, index: ancestors.count)
            ancestorCount += 1
            ancestors.append(slot)
            let node = Node(.parent(slot), position: position)
            node.seekingParent = [slot]
            return node
        case "(":
            var expressions: [Node] = []
            while !isSymbol(")") {
                expressions.append(try expression(0))
                if !isSymbol(";") { break }
                try expect(";")
            }
            try expect(")", operandNext: false)
            let node = Node(.block(expressions), position: position)
            for expression in expressions {
                pushAncestry(node, expression)
                if expression.isConstructedArray { node.isConstructedArray = true }
                if case .path(let steps) = expression.kind, steps.first?.isConstructedArray == true {
                    node.isConstructedArray = true
                }
            }
            return node
        case "[":
            var items: [Node] = []
            if !isSymbol("]") {
                while true {
                    var item = try expression(0)
                    if isSymbol("..") {
                        let rangePosition = token.position
                        try advance()
                        let upper = try expression(0)
                        let range = Node(.binary(.range, item, upper), position: rangePosition)
                        pushAncestry(range, item)
                        pushAncestry(range, upper)
                        item = range
                    }
                    items.append(item)
                    if !isSymbol(",") { break }
                    try expect(",")
                }
            }
            try expect("]", operandNext: false)
            let node = Node(.array(items), position: position)
            for item in items { pushAncestry(node, item) }
            return node
        case "{":
            let pairs = try objectPairs()
            let node = Node(.object(pairs), position: position)
            let keys = pairs.compactMap { pair -> String? in
                if case .string(let key) = pair.key.kind { return key }
                return nil
            }
            if keys.count == pairs.count && Set(keys).count == keys.count {
                node.objectTemplate = JSONObject(uniqueKeysWithValues: keys.map { ($0, JSON.null) })
            }
            for pair in pairs {
                pushAncestry(node, pair.key)
                pushAncestry(node, pair.value)
            }
            return node
        case "|":
            let location = try expression(0)
            try expect("|")
            let update = try expression(0)
            var delete: Node?
            if isSymbol(",") {
                try expect(",")
                delete = try expression(0)
            }
            try expect("|", operandNext: false)
            return Node(.transform(location: location, update: update, delete: delete), position: position)
        case "?":
            return Node(.placeholder, position: position)
        case "!", "~":
            throw JSONataError(
                code: "S0204", message: "Unknown operator: \"\(symbol)\"", position: position, token: symbol)
        default:
            throw JSONataError(
                code: "S0211", message: "The symbol \"\(symbol)\" cannot be used as a unary operator",
                position: position, token: symbol)
        }
    }

    /// Parses `key: value, ...}` after an opening brace.
    private mutating func objectPairs() throws(JSONataError) -> [(key: Node, value: Node)] {
        var pairs: [(key: Node, value: Node)] = []
        if !isSymbol("}") {
            while true {
                let key = try expression(0)
                try expect(":")
                let value = try expression(0)
                pairs.append((key, value))
                if !isSymbol(",") { break }
                try expect(",")
            }
        }
        try expect("}", operandNext: false)
        return pairs
    }

    private mutating func infix(_ operatorToken: Token, left: Node) throws(JSONataError) -> Node {
        guard case .symbol(let symbol) = operatorToken.kind else {
            throw JSONataError(
                code: "S0201", message: "Syntax error: \"\(operatorToken.text)\"", position: operatorToken.position,
                token: operatorToken.text)
        }
        let position = operatorToken.position
        let power = Self.bindingPower[symbol] ?? 0
        switch symbol {
        case ".":
            let right = try expression(power)
            return try path(left, right, position: position)
        case "[":
            if isSymbol("]") {
                try advance(operandNext: false)
                left.keepArray = true
                if case .path(let steps) = left.kind, let last = steps.last {
                    last.keepArray = true
                    left.keepSingletonArray = true
                }
                return left
            }
            let predicate = try expression(Self.bindingPower["]"]!)
            try expect("]", operandNext: false)
            return try attachPredicate(predicate, to: left, position: position)
        case "{":
            let pairs = try objectPairs()
            if left.group != nil {
                throw JSONataError(
                    code: "S0210", message: "Each step can only have one grouping expression", position: position)
            }
            left.group = GroupBy(pairs: pairs, position: position)
            for pair in pairs {
                pushAncestry(left, pair.key)
                pushAncestry(left, pair.value)
            }
            return left
        case "(":
            return try call(left, position: position)
        case "^":
            return try sort(left, position: position)
        case "@", "#":
            let right = try expression(power)
            guard case .variable(let name) = right.kind else {
                throw JSONataError(
                    code: "S0214", message: "The right side of \(symbol) must be a variable name (start with $)",
                    position: right.position, token: symbol)
            }
            return try bindStep(left, symbol: symbol, variable: name, position: position)
        case "?":
            let then = try expression(0)
            var otherwise: Node?
            if isSymbol(":") {
                try expect(":")
                otherwise = try expression(0)
            }
            let node = Node(.condition(left, then, otherwise), position: position)
            pushAncestry(node, left)
            pushAncestry(node, then)
            if let otherwise { pushAncestry(node, otherwise) }
            return node
        case ":=":
            guard case .variable(let name) = left.kind else {
                throw JSONataError(
                    code: "S0212", message: "The left side of := must be a variable name (start with $)",
                    position: left.position, token: left.tokenText)
            }
            let value = try expression(power - 1)
            let node = Node(.bind(name, value), position: position)
            pushAncestry(node, value)
            return node
        case "~>":
            let right = try expression(power)
            let node = Node(.apply(left, right), position: position)
            node.keepArray = left.keepArray || right.keepArray
            pushAncestry(node, left)
            pushAncestry(node, right)
            return node
        default:
            guard let binaryOperator = BinaryOperator(rawValue: symbol) else {
                throw JSONataError(
                    code: "S0201", message: "Syntax error: \"\(symbol)\"", position: position, token: symbol)
            }
            let right = try expression(power)
            let node = Node(.binary(binaryOperator, left, right), position: position)
            pushAncestry(node, left)
            pushAncestry(node, right)
            return node
        }
    }

    // MARK: - Paths

    /// Wraps a name in a one-step path, as every field reference is a path.
    private func pathNode(_ step: Node) -> Node {
        let path = Node(.path([step]), position: step.position)
        if step.keepArray { path.keepSingletonArray = true }
        return path
    }

    private mutating func path(_ left: Node, _ right: Node, position: Int) throws(JSONataError) -> Node {
        var steps: [Node]
        let result: Node
        if case .path(let leftSteps) = left.kind {
            steps = leftSteps
            result = left
        } else {
            steps = [left]
            result = Node(.path([]), position: left.position)
            if case .parent(let slot) = left.kind { result.seekingParent = [slot] }
        }
        if case .path(let rightSteps) = right.kind {
            steps.append(contentsOf: rightSteps)
        } else {
            if !right.predicates.isEmpty {
                right.stages = right.predicates.map { .filter($0) }
                right.predicates = []
            }
            steps.append(right)
        }
        for step in steps {
            switch step.kind {
            case .number(let number):
                throw JSONataError(
                    code: "S0213",
                    message:
                        "The literal value \(formatNumberForMessage(number)) cannot be used as a step within a path expression",
                    position: step.position, token: formatNumberForMessage(number))
            case .value(let literal):
                throw JSONataError(
                    code: "S0213",
                    message: "The literal value \(literal.text) cannot be used as a step within a path expression",
                    position: step.position, token: literal.text)
            case .string(let string):
                step.kind = .name(string)
            default:
                break
            }
            if step.keepArray { result.keepSingletonArray = true }
        }
        if case .array = steps[0].kind { steps[0].isConstructedArray = true }
        if case .array = steps[steps.count - 1].kind { steps[steps.count - 1].isConstructedArray = true }
        result.kind = .path(steps)
        try resolveAncestry(result)
        return result
    }

    private mutating func attachPredicate(_ predicate: Node, to left: Node, position: Int) throws(JSONataError) -> Node
    {
        var step = left
        var onPathStep = false
        if case .path(let steps) = left.kind, let last = steps.last {
            step = last
            onPathStep = true
        }
        if step.group != nil {
            throw JSONataError(
                code: "S0209", message: "A predicate cannot follow a grouping expression in a step",
                position: position)
        }
        if !predicate.seekingParent.isEmpty {
            for slot in predicate.seekingParent {
                if slot.level == 1 {
                    try seekParent(step, slot)
                } else {
                    slot.level -= 1
                }
            }
            pushAncestry(step, predicate)
        }
        if onPathStep {
            step.stages.append(.filter(predicate))
        } else {
            step.predicates.append(predicate)
        }
        return left
    }

    private mutating func bindStep(_ left: Node, symbol: String, variable: String, position: Int) throws(JSONataError)
        -> Node
    {
        var result = left
        var step = left
        if case .path(let steps) = left.kind, let last = steps.last {
            step = last
        } else if symbol == "#" {
            result = Node(.path([left]), position: left.position)
            if !left.predicates.isEmpty {
                left.stages = left.predicates.map { .filter($0) }
                left.predicates = []
            }
        }
        if symbol == "@" {
            if !step.stages.isEmpty || !step.predicates.isEmpty {
                throw JSONataError(
                    code: "S0215", message: "A context variable binding must precede any predicates on a step",
                    position: position)
            }
            if case .sort = step.kind {
                throw JSONataError(
                    code: "S0216", message: "A context variable binding must precede the 'order-by' clause on a step",
                    position: position)
            }
            step.focus = variable
        } else {
            if step.stages.isEmpty {
                step.index = variable
            } else {
                step.stages.append(.index(variable))
            }
        }
        step.tuple = true
        return result
    }

    private mutating func sort(_ left: Node, position: Int) throws(JSONataError) -> Node {
        try expect("(")
        var terms: [SortTerm] = []
        while true {
            var descending = false
            if isSymbol("<") {
                try advance()
            } else if isSymbol(">") {
                descending = true
                try advance()
            }
            terms.append(SortTerm(expression: try expression(0), descending: descending))
            if !isSymbol(",") { break }
            try expect(",")
        }
        try expect(")", operandNext: false)
        let result: Node
        var steps: [Node]
        if case .path(let existing) = left.kind {
            result = left
            steps = existing
        } else {
            result = Node(.path([]), position: left.position)
            steps = [left]
            if left.keepArray { result.keepSingletonArray = true }
        }
        let sortStep = Node(.sort(terms), position: position)
        for term in terms { pushAncestry(sortStep, term.expression) }
        steps.append(sortStep)
        result.kind = .path(steps)
        try resolveAncestry(result)
        return result
    }

    // MARK: - Function calls and lambdas

    private mutating func call(_ procedure: Node, position: Int) throws(JSONataError) -> Node {
        var arguments: [Node] = []
        var partial = false
        if !isSymbol(")") {
            while true {
                if isSymbol("?") {
                    partial = true
                    arguments.append(Node(.placeholder, position: token.position))
                    try advance(operandNext: false)
                } else {
                    arguments.append(try expression(0))
                }
                if !isSymbol(",") { break }
                try expect(",")
            }
        }
        try expect(")", operandNext: false)

        if case .path(let steps) = procedure.kind, steps.count == 1, case .name(let name) = steps[0].kind,
            name == "function" || name == "λ"
        {
            return try lambda(arguments: arguments, position: position)
        }
        let node = Node(.call(procedure: procedure, arguments: arguments, partial: partial), position: position)
        for argument in arguments { pushAncestry(node, argument) }
        return node
    }

    private mutating func lambda(arguments: [Node], position: Int) throws(JSONataError) -> Node {
        var parameters: [String] = []
        for (index, argument) in arguments.enumerated() {
            guard case .variable(let name) = argument.kind else {
                throw JSONataError(
                    code: "S0208",
                    message: "Parameter \(index + 1) of function definition must be a variable name (start with $)",
                    position: argument.position, token: argument.tokenText)
            }
            parameters.append(name)
        }
        var signature: Signature?
        if isSymbol("<") {
            let text = lexer.readSignature()
            signature = try Signature(parsing: text, position: token.position)
            try advance()
        }
        try expect("{")
        let body = try expression(0)
        try expect("}", operandNext: false)
        let definition = LambdaDefinition(
            parameters: parameters, body: Self.tailCallOptimized(body), signature: signature, isThunk: false)
        return Node(.lambda(definition), position: position)
    }

    /// Marks calls in tail position so that applying the lambda returns a thunk instead of recursing.
    private static func tailCallOptimized(_ node: Node) -> Node {
        switch node.kind {
        case .call(_, _, false) where node.predicates.isEmpty && node.group == nil:
            let thunk = LambdaDefinition(parameters: [], body: node, signature: nil, isThunk: true)
            return Node(.lambda(thunk), position: node.position)
        case .condition(let test, let then, let otherwise):
            node.kind = .condition(test, tailCallOptimized(then), otherwise.map(tailCallOptimized))
            return node
        case .block(var expressions) where !expressions.isEmpty:
            expressions[expressions.count - 1] = tailCallOptimized(expressions[expressions.count - 1])
            node.kind = .block(expressions)
            return node
        default:
            return node
        }
    }

    // MARK: - Ancestry (the parent operator)

    private func pushAncestry(_ result: Node, _ value: Node) {
        if case .parent(let slot) = value.kind {
            if value.seekingParent.isEmpty || value.seekingParent.last !== slot {
                result.seekingParent.append(contentsOf: value.seekingParent)
                if !value.seekingParent.contains(where: { $0 === slot }) { result.seekingParent.append(slot) }
                return
            }
        }
        result.seekingParent.append(contentsOf: value.seekingParent)
    }

    private mutating func resolveAncestry(_ path: Node) throws(JSONataError) {
        guard case .path(let steps) = path.kind, let last = steps.last else { return }
        var slots = last.seekingParent
        if case .parent(let slot) = last.kind, !slots.contains(where: { $0 === slot }) { slots.append(slot) }
        for var slot in slots {
            var index = steps.count - 2
            while slot.level > 0 {
                if index < 0 {
                    path.seekingParent.append(slot)
                    break
                }
                var step = steps[index]
                index -= 1
                // Contiguous steps that bind the focus are skipped.
                while index >= 0 && step.focus != nil && steps[index].focus != nil {
                    step = steps[index]
                    index -= 1
                }
                slot = try seekParent(step, slot)
            }
        }
    }

    @discardableResult
    private mutating func seekParent(_ node: Node, _ slot: AncestorSlot) throws(JSONataError) -> AncestorSlot {
        var slot = slot
        switch node.kind {
        case .name, .wildcard:
            slot.level -= 1
            if slot.level == 0 {
                if let existing = node.ancestor {
                    ancestors[slot.index].label = existing.label
                }
                node.ancestor = slot
                node.tuple = true
            }
        case .parent:
            slot.level += 1
        case .block(let expressions):
            if let last = expressions.last {
                node.tuple = true
                slot = try seekParent(last, slot)
            }
        case .path(let steps):
            node.tuple = true
            var index = steps.count - 1
            slot = try seekParent(steps[index], slot)
            index -= 1
            while slot.level > 0 && index >= 0 {
                slot = try seekParent(steps[index], slot)
                index -= 1
            }
        default:
            throw JSONataError(
                code: "S0217", message: "The object representing the 'parent' cannot be derived from this expression",
                position: node.position, token: node.typeName)
        }
        return slot
    }
}

extension Node {
    /// The text of the token a node came from, for error messages.
    var tokenText: String {
        switch kind {
        case .string(let string): return string
        case .number(let number): return formatNumberForMessage(number)
        case .value(let literal): return literal.text
        case .name(let name): return name
        case .variable(let name): return name
        case .path(let steps): return steps.first?.tokenText ?? ""
        default: return typeName
        }
    }
}
