import WeftJSON

/// A node of a parsed JSONata expression.
///
/// The parser builds nodes and its post-processing pass annotates them (path steps, predicates, bindings,
/// ancestry). After `JSONataExpression.init` returns, nothing mutates a node again: that is why sharing a
/// compiled expression between threads is safe, and why the class is marked `@unchecked Sendable`.
/// For the same reason the stored properties opt out of dynamic exclusivity checks
/// (`@exclusivity(unchecked)`), which would otherwise cost a runtime call on every read in the evaluator.
final class Node: @unchecked Sendable {
    enum Kind {
        case string(String)
        case number(Double)
        case value(Literal)
        case regex(JSRegex)
        /// A field name, as a path step.
        case name(String)
        /// `$name`; the empty name is the context `$`, and `"$"` is the root `$$`.
        case variable(String)
        case wildcard
        case descendant
        case parent(AncestorSlot)
        case path([Node])
        case binary(BinaryOperator, Node, Node)
        case negate(Node)
        /// An array constructor `[a, b, ...]`.
        case array([Node])
        /// An object constructor `{k: v, ...}`.
        case object([(key: Node, value: Node)])
        case block([Node])
        case condition(Node, Node, Node?)
        /// `$name := value`
        case bind(String, Node)
        /// `lhs ~> rhs`
        case apply(Node, Node)
        case call(procedure: Node, arguments: [Node], partial: Bool)
        case lambda(LambdaDefinition)
        /// The `?` placeholder of a partial application.
        case placeholder
        /// `^(...)`, always a step of a path.
        case sort([SortTerm])
        /// `| location | update, delete |`
        case transform(location: Node, update: Node, delete: Node?)
    }

    @exclusivity(unchecked) var kind: Kind
    /// Character offset (end of the token that introduced the node), for error messages.
    @exclusivity(unchecked) var position: Int

    // Annotations made by post-processing.
    /// Predicates `[...]` on a node that is not a path step.
    @exclusivity(unchecked) var predicates: [Node] = []
    /// Predicates and index bindings on a path step, applied in order.
    @exclusivity(unchecked) var stages: [Stage] = []
    /// Group-by `{...}` applied to the node's result.
    @exclusivity(unchecked) var group: GroupBy?
    /// `[]` after the node: keep a singleton result as an array.
    @exclusivity(unchecked) var keepArray = false
    /// On a path: some step had `[]`.
    @exclusivity(unchecked) var keepSingletonArray = false
    /// An array constructor that is the first or last step of a path: not flattened.
    @exclusivity(unchecked) var isConstructedArray = false
    /// `@$name` context binding on a step.
    @exclusivity(unchecked) var focus: String?
    /// `#$name` position binding on a step.
    @exclusivity(unchecked) var index: String?
    /// The step (or path) runs in tuple-stream mode, carrying variable bindings with each item.
    @exclusivity(unchecked) var tuple = false
    /// The parent slot this step binds its input to, for `%`.
    @exclusivity(unchecked) var ancestor: AncestorSlot?
    /// Parent slots referenced inside this node and not yet resolved to a step.
    @exclusivity(unchecked) var seekingParent: [AncestorSlot] = []
    /// For a variable naming a built-in function: the function, found once at parse time.
    @exclusivity(unchecked) var builtin: BuiltinFunction?
    /// For an object constructor whose keys are distinct string literals: the keys, as an object with every
    /// key and null values. Results start as a copy of it, so their keys are shared, not rebuilt.
    @exclusivity(unchecked) var objectTemplate: JSONObject?
    /// For a path of plain field names (no predicates, bindings, grouping or `[]`): the names.
    @exclusivity(unchecked) var fieldNames: [String]?

    init(_ kind: Kind, position: Int) {
        self.kind = kind
        self.position = position
    }

    /// The node's type name, as JSONata reports it in errors such as S0217.
    var typeName: String {
        switch kind {
        case .string: return "string"
        case .number: return "number"
        case .value: return "value"
        case .regex: return "regex"
        case .name: return "name"
        case .variable: return "variable"
        case .wildcard: return "wildcard"
        case .descendant: return "descendant"
        case .parent: return "parent"
        case .path: return "path"
        case .binary: return "binary"
        case .negate: return "unary"
        case .array: return "unary"
        case .object: return "unary"
        case .block: return "block"
        case .condition: return "condition"
        case .bind: return "bind"
        case .apply: return "apply"
        case .call(_, _, let partial): return partial ? "partial" : "function"
        case .lambda: return "lambda"
        case .placeholder: return "operator"
        case .sort: return "sort"
        case .transform: return "transform"
        }
    }
}

/// A stage applied to the results of a path step: a predicate or a position binding.
enum Stage {
    case filter(Node)
    case index(String)
}

/// A group-by (or object constructor) clause.
struct GroupBy {
    var pairs: [(key: Node, value: Node)]
    var position: Int
}

/// One term of an order-by clause.
struct SortTerm {
    var expression: Node
    var descending: Bool
}

/// A lambda definition: `function($a, $b)<signature> { body }`.
struct LambdaDefinition {
    var parameters: [String]
    var body: Node
    var signature: Signature?
    /// A tail call wrapped for trampolining: evaluating it yields a thunk rather than recursing.
    var isThunk: Bool
}

/// A reference from a `%` operator to the step whose input is the parent it stands for.
final class AncestorSlot {
    var label: String
    var level: Int
    let index: Int

    init(label: String, level: Int, index: Int) {
        self.label = label
        self.level = level
        self.index = index
    }
}

/// The binary operators.
enum BinaryOperator: String, Sendable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case modulo = "%"
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case concat = "&"
    case and, or, `in`
    case range = ".."
    case coalesce = "??"
    case elvis = "?:"
}

extension Node {
    /// The direct children of the node, in evaluation order.
    var children: [Node] {
        var result: [Node] = []
        switch kind {
        case .string, .number, .value, .regex, .name, .variable, .wildcard, .descendant, .parent, .placeholder:
            break
        case .path(let steps): result = steps
        case .binary(_, let lhs, let rhs), .apply(let lhs, let rhs): result = [lhs, rhs]
        case .negate(let operand): result = [operand]
        case .array(let items), .block(let items): result = items
        case .object(let pairs): result = pairs.flatMap { [$0.key, $0.value] }
        case .condition(let test, let then, let otherwise): result = [test, then] + (otherwise.map { [$0] } ?? [])
        case .bind(_, let value): result = [value]
        case .call(let procedure, let arguments, _): result = [procedure] + arguments
        case .lambda(let definition): result = [definition.body]
        case .sort(let terms): result = terms.map(\.expression)
        case .transform(let location, let update, let delete):
            result = [location, update] + (delete.map { [$0] } ?? [])
        }
        result += predicates
        for case .filter(let predicate) in stages { result.append(predicate) }
        if let group { result += group.pairs.flatMap { [$0.key, $0.value] } }
        return result
    }

    /// Precomputes what the evaluator's fast paths need, once the tree is complete.
    func prepareForEvaluation() {
        if case .path(let steps) = kind, group == nil, !keepSingletonArray, !tuple {
            var names: [String] = []
            for step in steps {
                guard case .name(let name) = step.kind, step.stages.isEmpty, step.predicates.isEmpty, !step.tuple,
                    step.group == nil, !step.keepArray, step.focus == nil, step.index == nil
                else { break }
                names.append(name)
            }
            if names.count == steps.count { fieldNames = names }
        }
        for child in children { child.prepareForEvaluation() }
    }
}
