import WeftJSON

/// Reads a schema document into `SchemaNode`s, resolving `$ref`s to node indexes.
///
/// A reference is compiled once, however often it is used; the schema it points to is compiled later from a
/// work list, so reference chains never deepen the recursion and cycles simply become indexes.
struct SchemaCompiler {
    /// Where a schema sits: which document (0 the schema, 1 the definitions), and the JSON Pointer in it.
    private struct Location: Hashable {
        var document: Int
        var pointer: String
    }

    private let documents: [JSON]
    private var keywords: [SchemaKeywords] = []
    private var compiled: [Bool] = []
    private var indexes: [Location: Int] = [:]
    private var pending: [(index: Int, location: Location, tokens: [String], schema: JSON)] = []
    private(set) var unresolved: [String] = []

    /// The prefixes of references that name a schema in the definitions: `#/$defs/Name` and the like.
    private static let definitionPrefixes: [[String]] = [
        ["schemas"], ["$defs"], ["definitions"], ["components", "schemas"],
    ]

    init(schema: JSON, definitions: JSON?) {
        documents = definitions.map { [schema, $0] } ?? [schema]
    }

    /// Compiles the root schema and everything it references; returns the root's index.
    mutating func compileRoot() -> Int {
        let root = compile(documents[0], document: 0, tokens: [])
        while let next = pending.popLast() {
            guard !compiled[next.index] else { continue }
            compiled[next.index] = true
            keywords[next.index] = read(next.schema, document: next.location.document, tokens: next.tokens)
        }
        return root
    }

    /// The compiled nodes.
    func finish() -> [SchemaNode] {
        keywords.map(SchemaNode.init)
    }

    // MARK: - Schemas

    private mutating func compile(_ schema: JSON, document: Int, tokens: [String]) -> Int {
        let location = Location(document: document, pointer: JSONPointer(tokens: tokens).description)
        if let index = indexes[location] {
            if compiled[index] { return index }
            compiled[index] = true
            keywords[index] = read(schema, document: document, tokens: tokens)
            return index
        }
        let index = reserve(location)
        compiled[index] = true
        keywords[index] = read(schema, document: document, tokens: tokens)
        return index
    }

    private mutating func reserve(_ location: Location) -> Int {
        let index = keywords.count
        keywords.append(SchemaKeywords())
        compiled.append(false)
        indexes[location] = index
        return index
    }

    /// A node that accepts nothing (the schema `false`).
    private mutating func rejecting() -> Int {
        var node = SchemaKeywords()
        node.rejectsEverything = true
        keywords.append(node)
        compiled.append(true)
        return keywords.count - 1
    }

    private mutating func read(_ schema: JSON, document: Int, tokens: [String]) -> SchemaKeywords {
        var node = SchemaKeywords()
        guard case .object(let object) = schema else {
            node.rejectsEverything = schema == .bool(false)
            return node
        }
        func sub(_ key: String) -> Int? {
            object[key].map { compile($0, document: document, tokens: tokens + [key]) }
        }
        func subs(_ key: String) -> [Int] {
            guard case .array(let elements)? = object[key] else { return [] }
            return elements.indices.map {
                compile(elements[$0], document: document, tokens: tokens + [key, String($0)])
            }
        }
        func number(_ key: String) -> Double? { object[key]?.numberValue }
        func count(_ key: String) -> Int? {
            guard let value = number(key), value >= 0 else { return nil }
            return value >= Double(Int.max) ? Int.max : Int(value.rounded(.up))
        }

        if case .string(let reference)? = object["$ref"] {
            node.reference = resolve(reference, from: document)
        }
        readTypes(object, into: &node)
        if case .array(let values)? = object["enum"] {
            node.enumList = values
            node.enumValues = Set(values.map(\.schemaCanonical))
        }
        node.constValue = object["const"]?.schemaCanonical

        node.minimum = number("minimum")
        node.maximum = number("maximum")
        switch object["exclusiveMinimum"] {
        case .number(let bound)?: node.exclusiveMinimum = bound
        case .bool(true)?: (node.exclusiveMinimum, node.minimum) = (node.minimum, nil)
        default: break
        }
        switch object["exclusiveMaximum"] {
        case .number(let bound)?: node.exclusiveMaximum = bound
        case .bool(true)?: (node.exclusiveMaximum, node.maximum) = (node.maximum, nil)
        default: break
        }
        if let divisor = number("multipleOf"), divisor > 0 { node.multipleOf = divisor }

        node.minLength = count("minLength")
        node.maxLength = count("maxLength")
        if case .string(let pattern)? = object["pattern"] { node.pattern = SchemaPattern(pattern) }
        if case .string(let format)? = object["format"] { node.format = SchemaFormat(rawValue: format) }

        if case .array = object["items"] {
            // Draft 4 to 2019-09: a list of schemas for the first items, `additionalItems` for the rest.
            node.prefixItems = subs("items")
            node.items = sub("additionalItems")
        } else {
            node.prefixItems = subs("prefixItems")
            node.items = sub("items")
        }
        node.minItems = count("minItems")
        node.maxItems = count("maxItems")
        node.uniqueItems = object["uniqueItems"] == .bool(true)
        node.contains = sub("contains")
        node.minContains = count("minContains")
        node.maxContains = count("maxContains")

        readObjectKeywords(object, into: &node, document: document, tokens: tokens)

        node.allOf = subs("allOf")
        node.anyOf = subs("anyOf")
        node.oneOf = subs("oneOf")
        node.not = sub("not")
        node.ifSchema = sub("if")
        if node.ifSchema != nil {
            node.thenSchema = sub("then")
            node.elseSchema = sub("else")
        }
        return node
    }

    private func readTypes(_ object: JSONObject, into node: inout SchemaKeywords) {
        node.nullable = object["nullable"] == .bool(true) || object["x-nullable"] == .bool(true)
        var names: [JSON] = []
        switch object["type"] {
        case .string?: names = [object["type"]!]
        case .array(let list)?: names = list
        default: return
        }
        var types = SchemaTypes()
        for name in names {
            // A type JSON Schema does not define (Swagger's `file`) constrains nothing.
            guard let name = name.stringValue, let type = SchemaTypes(name: name) else { return }
            types.insert(type)
        }
        if node.nullable { types.insert(.null) }
        node.types = types
    }

    private mutating func readObjectKeywords(
        _ object: JSONObject, into node: inout SchemaKeywords, document: Int, tokens: [String]
    ) {
        if case .object(let properties)? = object["properties"] {
            for (name, schema) in properties {
                node.properties[name] = compile(schema, document: document, tokens: tokens + ["properties", name])
            }
        }
        if case .object(let patterns)? = object["patternProperties"] {
            for (pattern, schema) in patterns {
                let index = compile(schema, document: document, tokens: tokens + ["patternProperties", pattern])
                node.patternProperties.append((SchemaPattern(pattern), index))
            }
        }
        switch object["additionalProperties"] {
        case .bool(false)?:
            node.additionalProperties = rejecting()
        case .object(let schema)?:
            let tokens = tokens + ["additionalProperties"]
            node.additionalProperties = compile(.object(schema), document: document, tokens: tokens)
        default:
            break
        }
        if let names = object["propertyNames"] {
            node.propertyNames = compile(names, document: document, tokens: tokens + ["propertyNames"])
        }
        if case .array(let names)? = object["required"] {
            node.required = names.compactMap(\.stringValue)
        }
        if let value = object["minProperties"]?.numberValue, value > 0 { node.minProperties = Int(min(value, 1e15)) }
        if let value = object["maxProperties"]?.numberValue, value >= 0 { node.maxProperties = Int(min(value, 1e15)) }
        // `dependencies` (draft 4 to 7) holds both kinds: lists of names and schemas.
        for key in ["dependencies", "dependentRequired", "dependentSchemas"] {
            guard case .object(let dependencies)? = object[key] else { continue }
            for (name, dependency) in dependencies {
                if case .array(let names) = dependency {
                    node.dependentRequired.append((name, names.compactMap(\.stringValue)))
                } else if key != "dependentRequired" {
                    let index = compile(dependency, document: document, tokens: tokens + [key, name])
                    node.dependentSchemas.append((name, index))
                }
            }
        }
    }

    // MARK: - References

    /// The node a `$ref` points to, or `nil` (accept anything) when it cannot be resolved here.
    private mutating func resolve(_ reference: String, from document: Int) -> Int? {
        guard let (location, tokens, schema) = locate(reference) else {
            if !unresolved.contains(reference) { unresolved.append(reference) }
            return nil
        }
        if let index = indexes[location] { return index }
        let index = reserve(location)
        pending.append((index, location, tokens, schema))
        return index
    }

    private func locate(_ reference: String) -> (Location, [String], JSON)? {
        guard reference.hasPrefix("#") else { return nil }
        let fragment = Self.percentDecoded(String(reference.dropFirst()))
        guard let pointer = try? JSONPointer(fragment) else { return nil }
        if let schema = documents[0][pointer] {
            return (Location(document: 0, pointer: pointer.description), pointer.tokens, schema)
        }
        guard documents.count > 1 else { return nil }
        let definitions = documents[1]
        for prefix in Self.definitionPrefixes
        where pointer.tokens.count == prefix.count + 1 && pointer.tokens.starts(with: prefix) {
            let name = pointer.tokens[prefix.count]
            if let schema = definitions[name] {
                let tokens = [name]
                return (Location(document: 1, pointer: JSONPointer(tokens: tokens).description), tokens, schema)
            }
        }
        if let schema = definitions[pointer] {
            return (Location(document: 1, pointer: pointer.description), pointer.tokens, schema)
        }
        return nil
    }

    /// A URI fragment with its `%XX` escapes decoded (JSON Pointers in `$ref`s are URI-encoded).
    private static func percentDecoded(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
                let high = hexValue(utf8[utf8.startIndex]), let low = hexValue(utf8[utf8.startIndex + 1])
            {
                bytes.append(high << 4 | low)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
