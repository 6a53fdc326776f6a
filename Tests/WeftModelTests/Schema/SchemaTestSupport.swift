import WeftJSON

@testable import WeftModel

/// The violations of `value` against `schema`.
func schemaViolations(_ schema: JSON, _ value: JSON, definitions: JSON? = nil) -> [SchemaViolation] {
    JSONSchemaValidator(schema: schema, definitions: definitions).validate(value)
}

/// The violations as "path: message" lines, the easiest form to compare.
func schemaProblems(_ schema: JSON, _ value: JSON, definitions: JSON? = nil) -> [String] {
    schemaViolations(schema, value, definitions: definitions).map(\.description)
}

/// A schema written as JSON text.
func schemaJSON(_ text: String) -> JSON {
    try! JSONParser().parse(text)
}
