import WeftJSON

/// Makes a schema self-contained: every local `$ref` is replaced by what it refers to.
///
/// A reference met again while it is being expanded (a cycle, such as a tree node whose children are tree
/// nodes) is not expanded a second time: it becomes the marker `{"description": "recursive: Name",
/// "x-weft-ref": "#/..."}`, which accepts any value. So does a reference that cannot be resolved in the
/// document (`"unresolved: ..."`), and, to keep the result bounded on documents where hundreds of schemas refer
/// to each other, a reference nested more than `maximumDepth` references deep or met once `budget` expansions
/// have been made (`"not expanded: Name"`).
///
/// A schema that expanded without cutting a cycle through its ancestors is remembered and reused, so a schema
/// used in many places is expanded once.
struct SchemaInliner {
    let document: OpenAPIDocument
    /// The most references expanded (not counting reuses of remembered expansions).
    let budget: Int
    /// The deepest nesting of references expanded inside one another.
    let maximumDepth: Int
    /// Whether a reference was left unexpanded for depth in the current expansion (which then depends on where
    /// it was made, and is not remembered).
    private var cutForDepth = false
    private var expansions = 0
    private var stack: [String] = []
    private var stackIndex: [String: Int] = [:]
    private var remembered: [String: JSON] = [:]
    /// The lowest stack position a cycle marker in the current expansion pointed to.
    private var lowestCut = Int.max

    init(document: OpenAPIDocument, budget: Int = 500, maximumDepth: Int = 4) {
        self.document = document
        self.budget = budget
        self.maximumDepth = maximumDepth
    }

    /// The schema at `reference` (a local reference to it), inlined, with `reference` itself counted as being
    /// expanded, so that a schema that contains itself is cut at its first recurrence.
    mutating func inline(_ schema: JSON, at reference: String) -> JSON {
        stack.append(reference)
        stackIndex[reference] = stack.count - 1
        defer {
            stack.removeLast()
            stackIndex[reference] = nil
        }
        return inline(schema)
    }

    /// `schema` with its references inlined.
    mutating func inline(_ schema: JSON) -> JSON {
        switch schema {
        case .object(var object):
            if case .string(let reference)? = object["$ref"] {
                object.removeValue(forKey: "$ref")
                let target = expand(reference)
                guard !object.isEmpty, case .object(var merged) = target else { return target }
                for (key, value) in object { merged[key] = inline(value) }
                return .object(merged)
            }
            for index in object.values.indices {
                object.values[index] = inline(object.values[index])
            }
            return .object(object)
        case .array(var elements):
            for index in elements.indices { elements[index] = inline(elements[index]) }
            return .array(elements)
        default:
            return schema
        }
    }

    private mutating func expand(_ reference: String) -> JSON {
        let name = Self.name(of: reference)
        if let position = stackIndex[reference] {
            lowestCut = min(lowestCut, position)
            return Self.marker("recursive: \(name)", reference)
        }
        if let known = remembered[reference] { return known }
        guard let target = document.value(atReference: reference) else {
            return Self.marker("unresolved: \(reference)", reference)
        }
        guard expansions < budget, stack.count < maximumDepth else {
            cutForDepth = true
            return Self.marker("not expanded: \(name)", reference)
        }
        expansions += 1
        let position = stack.count
        stack.append(reference)
        stackIndex[reference] = position
        let (outerCut, outerDepthCut) = (lowestCut, cutForDepth)
        (lowestCut, cutForDepth) = (Int.max, false)
        let result = inline(target)
        stack.removeLast()
        stackIndex[reference] = nil
        if lowestCut >= position && !cutForDepth { remembered[reference] = result }
        lowestCut = min(outerCut, lowestCut)
        cutForDepth = cutForDepth || outerDepthCut
        return result
    }

    /// The marker that stands for a reference that was not expanded.
    static func marker(_ description: String, _ reference: String) -> JSON {
        ["description": .string(description), "x-weft-ref": .string(reference)]
    }

    /// The last token of a reference: `Pet` for `#/components/schemas/Pet`.
    static func name(of reference: String) -> String {
        guard let pointer = try? OpenAPIDocument.pointer(reference), let last = pointer.tokens.last else {
            return reference
        }
        return last
    }
}
