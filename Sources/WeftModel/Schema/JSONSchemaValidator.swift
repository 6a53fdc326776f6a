import WeftJSON

/// Checks JSON values against a JSON Schema (draft 2020-12, earlier drafts and the OpenAPI 3.0 dialect).
///
/// The schema is compiled once, in `init`; `validate(_:)` can then run on every action call. Every violation is
/// reported (up to ``maximumViolations``), each with a JSON Pointer to the offending value and a message meant
/// for people.
///
/// What is checked: `type` (a name or a list; `integer` means a whole number; OpenAPI 3.0 `nullable`), `enum`,
/// `const`, `properties`, `required`, `additionalProperties`, `patternProperties`, `propertyNames`,
/// `minProperties`, `maxProperties`, `dependentRequired`, `dependentSchemas`, `items` (a schema, or the draft-4
/// list with `additionalItems`), `prefixItems`, `minItems`, `maxItems`, `uniqueItems`, `contains`,
/// `minContains`, `maxContains`, `minLength` and `maxLength` (in Unicode code points), `pattern`, `format`
/// (`date-time`, `date`, `time`, `email`, `uuid`, `uri`, `uri-reference`, `hostname`, `ipv4`, `ipv6`;
/// other formats pass), `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum` (numbers, or the draft-4
/// Booleans), `multipleOf`, `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`, local `$ref`s and the
/// Boolean schemas `true` and `false`. Annotations (`title`, `description`, `default`, `example(s)`,
/// `readOnly`, `writeOnly`, `deprecated`) are ignored.
///
/// Regular expressions (`pattern`, `patternProperties`) use a built-in ECMAScript-style matcher. A pattern it
/// cannot read (back-references, Unicode property classes) or one that needs too many steps on a value is not
/// checked; such values pass. `$ref`s that cannot be resolved locally (other documents, `$id`, anchors) match
/// anything and are listed in ``unresolvedReferences``. `unevaluatedProperties`, `unevaluatedItems`,
/// `$dynamicRef` and `$recursiveRef` are not supported.
public struct JSONSchemaValidator: Sendable {
    /// The most violations one call of `validate(_:)` reports.
    public static let maximumViolations = 100

    /// The deepest nesting of values and schemas that is validated; deeper values are reported as too deep.
    static let maximumDepth = 128

    let nodes: [SchemaNode]
    let root: Int

    /// The `$ref`s of the schema that could not be resolved; they accept any value.
    public let unresolvedReferences: [String]

    /// Compiles `schema`.
    ///
    /// `definitions` is an object of named schemas that `$ref: "#/schemas/Name"`, `"#/$defs/Name"`,
    /// `"#/definitions/Name"` and `"#/components/schemas/Name"` resolve against, besides the schema's own
    /// `$defs` (a reference is looked up in `schema` first).
    public init(schema: JSON, definitions: JSON? = nil) {
        var compiler = SchemaCompiler(schema: schema, definitions: definitions)
        root = compiler.compileRoot()
        nodes = compiler.finish()
        unresolvedReferences = compiler.unresolved
    }

    /// All the ways `value` violates the schema (at most ``maximumViolations``), or `[]` when it conforms.
    public func validate(_ value: JSON) -> [SchemaViolation] {
        var evaluator = SchemaEvaluator(nodes: nodes, limit: Self.maximumViolations)
        evaluator.evaluateRoot(root, value)
        return evaluator.records.map { SchemaViolation(path: $0.path, message: $0.message) }
    }

    /// Whether `value` conforms to the schema; faster than `validate(_:)`, which collects every violation.
    public func isValid(_ value: JSON) -> Bool {
        var evaluator = SchemaEvaluator(nodes: nodes, limit: 1)
        evaluator.evaluateRoot(root, value)
        return evaluator.records.isEmpty
    }
}
