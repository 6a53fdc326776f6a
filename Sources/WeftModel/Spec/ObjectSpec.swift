import WeftJSON

/// A mapping with named keys read into a struct: each field names a key, its spec, and the property it fills.
///
/// A spec may also have *variants*: keys of which exactly one must appear and which decide what kind of thing
/// the mapping is (a flow step is `map`, `filter`, `action`, ... plus the common keys `id`, `retry`, ...).
public struct ObjectSpec<Root> {
    /// The type's name in the JSON Schema's `$defs`.
    public let name: String
    public let description: String
    let initial: () -> Root
    let fields: [Field<Root>]
    let variants: [Field<Root>]
    let check: ((Root, Located, inout SpecReader) -> Void)?

    /// Creates an object spec. `initial` gives the value that present keys then fill in; `check` runs
    /// cross-field rules after reading.
    public init(
        _ name: String, description: String, initial: @escaping () -> Root, fields: [Field<Root>],
        variants: [Field<Root>] = [], check: ((Root, Located, inout SpecReader) -> Void)? = nil
    ) {
        self.name = name
        self.description = description
        self.initial = initial
        self.fields = fields
        self.variants = variants
        self.check = check
    }

    /// The spec of a value written as this mapping.
    public var spec: Spec<Root> {
        Spec(schema: { builder in builder.reference(name) { self.jsonSchema(&$0) } }, read: read)
    }

    private func jsonSchema(_ builder: inout SchemaBuilder) -> JSON {
        var properties: JSONObject = [:]
        for field in fields + variants {
            var property = field.schema(&builder)
            if case .object(var object) = property, object["$ref"] == nil {
                object["description"] = .string(field.description)
                property = .object(object)
            } else {
                property = ["allOf": [property], "description": .string(field.description)]
            }
            properties[field.name] = property
        }
        var schema: JSONObject = [
            "type": "object", "description": .string(description), "properties": .object(properties),
            "additionalProperties": false,
        ]
        let required = fields.filter(\.required).map { JSON.string($0.name) }
        if !required.isEmpty { schema["required"] = .array(required) }
        if !variants.isEmpty {
            schema["oneOf"] = .array(variants.map { ["required": [.string($0.name)]] })
        }
        return .object(schema)
    }

    private func read(_ value: Located, _ reader: inout SpecReader) -> Root? {
        guard case .object(let members) = value.kind else {
            reader.typeMismatch(expected: "a mapping", found: value)
            return nil
        }
        var result = initial()
        var present: Set<String> = []
        var foundUnknownKey = false
        var chosenVariants: [Located.Member] = []
        for member in members {
            if let field = fields.first(where: { $0.name == member.key }) {
                present.insert(member.key)
                field.read(member.value, &result, &reader)
            } else if let variant = variants.first(where: { $0.name == member.key }) {
                chosenVariants.append(member)
                variant.read(member.value, &result, &reader)
            } else {
                let known = (fields + variants).map(\.name)
                foundUnknownKey = true
                let hints = [
                    Suggestion.hint(for: member.key, among: known),
                    member.mergedBy.map { "merged here by the `<<` at \($0.line):\($0.column)" },
                ].compactMap { $0 }
                reader.error(
                    "unknown-key", "unknown key `\(member.key)` in \(humanName)", at: member.keyLocation,
                    hint: hints.isEmpty ? nil : hints.joined(separator: "; "))
            }
        }
        for field in fields where field.required && !present.contains(field.name) {
            reader.error("missing-key", "\(humanName) needs the key `\(field.name)`", at: value.location)
        }
        if !variants.isEmpty {
            let names = variants.map { "`\($0.name)`" }.joined(separator: ", ")
            if chosenVariants.isEmpty && !foundUnknownKey {
                reader.error("missing-kind", "\(humanName) needs exactly one of \(names)", at: value.location)
            } else if chosenVariants.count > 1 {
                reader.error(
                    "conflicting-kinds",
                    "only one of " + chosenVariants.map { "`\($0.key)`" }.joined(separator: ", ")
                        + " may appear in \(humanName)",
                    at: chosenVariants[1].keyLocation)
            }
        }
        check?(result, value, &reader)
        return result
    }
}

extension ObjectSpec {
    /// The type's name for messages: `WebhookTrigger` becomes "a webhook trigger".
    var humanName: String {
        var words = ""
        let characters = Array(name)
        for (index, character) in characters.enumerated() {
            let previousLower = index > 0 && characters[index - 1].isLowercase
            let nextLower = index + 1 < characters.count && characters[index + 1].isLowercase
            let previousUpper = index > 0 && characters[index - 1].isUppercase
            if character.isUppercase && !words.isEmpty && (previousLower || (nextLower && previousUpper)) {
                words.append(" ")
            }
            words.append(character)
        }
        let lowered = words.split(separator: " ").map { word in
            word.allSatisfy(\.isUppercase) && word.count > 1 ? String(word) : word.lowercased()
        }.joined(separator: " ")
        return "\(article(lowered)) \(lowered)"
    }
}

/// "a" or "an" before a type name in messages.
func article(_ word: String) -> String {
    let firstWord = word.split(separator: " ").first.map(String.init) ?? word
    if firstWord.count > 1, firstWord.allSatisfy(\.isUppercase), let first = firstWord.first {
        return "AEFHILMNORSX".contains(first) ? "an" : "a"  // acronyms are spelt out: "an HTTP step"
    }
    guard let first = word.lowercased().first else { return "a" }
    return "aeiou".contains(first) ? "an" : "a"
}

/// One key of an `ObjectSpec`: its name, description, spec, and how its value is stored.
public struct Field<Root> {
    public let name: String
    public let description: String
    public let required: Bool
    let schema: (inout SchemaBuilder) -> JSON
    let read: (Located, inout Root, inout SpecReader) -> Void

    /// A key whose value fills a property.
    public static func field<Value>(
        _ name: String, _ keyPath: WritableKeyPath<Root, Value>, _ spec: Spec<Value>, required: Bool = false,
        _ description: String
    ) -> Field<Root> {
        Field(
            name: name, description: description, required: required, schema: spec.schema,
            read: { value, root, reader in
                if let read = spec.read(value, &reader) { root[keyPath: keyPath] = read }
            })
    }

    /// A key whose value fills an optional property.
    public static func field<Value>(
        _ name: String, _ keyPath: WritableKeyPath<Root, Value?>, _ spec: Spec<Value>, required: Bool = false,
        _ description: String
    ) -> Field<Root> {
        Field(
            name: name, description: description, required: required, schema: spec.schema,
            read: { value, root, reader in
                if let read = spec.read(value, &reader) { root[keyPath: keyPath] = read }
            })
    }

    /// A variant key: when present, its value is read and stored through `make`.
    public static func variant<Value, Kind>(
        _ name: String, _ keyPath: WritableKeyPath<Root, Kind>, _ spec: Spec<Value>, _ description: String,
        make: @escaping (Value) -> Kind
    ) -> Field<Root> {
        Field(
            name: name, description: description, required: false, schema: spec.schema,
            read: { value, root, reader in
                if let read = spec.read(value, &reader) { root[keyPath: keyPath] = make(read) }
            })
    }
}
