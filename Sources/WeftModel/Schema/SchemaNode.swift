import WeftJSON

/// One compiled schema; subschemas are indexes into the validator's node list, so `$ref` cycles are plain
/// indexes too.
final class SchemaNode: Sendable {
    let keywords: SchemaKeywords

    init(_ keywords: SchemaKeywords) {
        self.keywords = keywords
    }
}

/// The keywords of one schema that validation checks, read once from the schema's JSON.
struct SchemaKeywords: Sendable {
    /// The Boolean schema `false` (or `not: {}`): nothing conforms.
    var rejectsEverything = false
    var reference: Int?
    var types: SchemaTypes?
    /// OpenAPI 3.0 `nullable: true`: `null` conforms whatever `type` and `enum` say.
    var nullable = false
    /// The allowed values, canonical (object keys sorted), and as written for messages.
    var enumValues: Set<JSON>?
    var enumList: [JSON] = []
    var constValue: JSON?

    var minimum: Double?
    var maximum: Double?
    var exclusiveMinimum: Double?
    var exclusiveMaximum: Double?
    var multipleOf: Double?

    var minLength: Int?
    var maxLength: Int?
    var pattern: SchemaPattern?
    var format: SchemaFormat?

    var prefixItems: [Int] = []
    var items: Int?
    var minItems: Int?
    var maxItems: Int?
    var uniqueItems = false
    var contains: Int?
    var minContains: Int?
    var maxContains: Int?

    var properties: [String: Int] = [:]
    var patternProperties: [(SchemaPattern, Int)] = []
    var additionalProperties: Int?
    var propertyNames: Int?
    var required: [String] = []
    var minProperties: Int?
    var maxProperties: Int?
    var dependentRequired: [(String, [String])] = []
    var dependentSchemas: [(String, Int)] = []

    var allOf: [Int] = []
    var anyOf: [Int] = []
    var oneOf: [Int] = []
    var not: Int?
    var ifSchema: Int?
    var thenSchema: Int?
    var elseSchema: Int?
}
