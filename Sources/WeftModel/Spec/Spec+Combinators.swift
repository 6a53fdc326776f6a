import WeftJSON

extension Spec {
    /// A spec built when first used: lets recursive formats (steps containing steps) refer to themselves.
    public static func lazy(_ make: @escaping () -> Spec<Value>) -> Spec<Value> {
        Spec(schema: { builder in make().schema(&builder) }, read: { value, reader in make().read(value, &reader) })
    }

    /// A mapping whose `type` key (or another `key`) decides which spec reads the rest of it.
    public static func discriminated(by key: String = "type", _ cases: [(name: String, spec: Spec<Value>)])
        -> Spec<Value>
    {
        let names = cases.map(\.name)
        return Spec(
            schema: { builder in
                .object([
                    "type": "object",
                    "required": [.string(key)],
                    "oneOf": .array(
                        cases.map { entry in
                            [
                                "allOf": [
                                    ["properties": [.init(stringLiteral: key): ["const": .string(entry.name)]]],
                                    entry.spec.schema(&builder),
                                ]
                            ]
                        }),
                ])
            },
            read: { value, reader in
                guard case .object(let members) = value.kind else {
                    reader.typeMismatch(expected: "a mapping with `\(key)`", found: value)
                    return nil
                }
                guard let tag = members.first(where: { $0.key == key }) else {
                    reader.error(
                        "missing-key", "needs `\(key)`: one of " + names.map { "`\($0)`" }.joined(separator: ", "),
                        at: value.location)
                    return nil
                }
                guard let name = tag.value.string, let chosen = cases.first(where: { $0.name == name }) else {
                    reader.error(
                        "invalid-value", "`\(tag.value.json.serialized())` is not a known \(key)",
                        at: tag.value.location, hint: Suggestion.hint(for: tag.value.string ?? "", among: names))
                    return nil
                }
                var rest = value
                rest.kind = .object(members.filter { $0.key != key })
                return chosen.spec.read(rest, &reader)
            })
    }
}

extension Field {
    /// A field `type` accepted by the object spec of one case of a discriminated union, for the JSON Schema.
    static func typeTag(_ name: String) -> Field<Root> {
        Field(
            name: "type", description: "`\(name)`", required: false, schema: { _ in ["const": .string(name)] },
            read: { _, _, _ in })
    }
}
