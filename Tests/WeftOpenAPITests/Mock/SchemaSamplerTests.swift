import Testing
import WeftJSON
import WeftModel

@testable import WeftOpenAPI

@Suite("SchemaSampler")
struct SchemaSamplerTests {
    /// Samples `schema` under many seeds and checks every value against it with WeftModel's validator.
    static func expectConforming(
        _ schema: JSON, seeds: Range<UInt64> = 0..<40, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let validator = JSONSchemaValidator(schema: schema)
        for seed in seeds {
            let value = SchemaSampler().sample(schema, seed: seed)
            let violations = validator.validate(value)
            #expect(violations.isEmpty, "seed \(seed): \(value) breaks \(violations)", sourceLocation: sourceLocation)
        }
    }

    @Test("the same seed and key give the same value; another seed gives another")
    func determinism() {
        let schema: JSON = [
            "type": "object",
            "properties": [
                "id": ["type": "integer"], "name": ["type": "string"],
                "tags": ["type": "array", "items": ["type": "string"]],
            ],
        ]
        let sampler = SchemaSampler()
        #expect(sampler.sample(schema, seed: 7, key: "GET /pets") == sampler.sample(schema, seed: 7, key: "GET /pets"))
        let values = Set((0..<10).map { sampler.sample(schema, seed: $0, key: "GET /pets") })
        #expect(values.count > 5)
        #expect(sampler.sample(schema, seed: 7, key: "GET /pets") != sampler.sample(schema, seed: 7, key: "GET /cats"))
    }

    @Test("formats are honoured: date-time, date, time, email, uuid, uri, hostname, ipv4, ipv6")
    func formats() {
        for format in [
            "date-time", "date", "time", "email", "uuid", "uri", "uri-reference", "hostname", "ipv4", "ipv6",
        ] {
            Self.expectConforming(["type": "string", "format": .string(format)])
        }
        let uuid = SchemaSampler().sample(["type": "string", "format": "uuid"], seed: 3).stringValue ?? ""
        #expect(uuid.count == 36 && Array(uuid)[14] == "4")
        let byte = SchemaSampler().sample(["type": "string", "format": "byte"], seed: 3).stringValue ?? ""
        #expect(!byte.isEmpty && byte.count % 4 == 0)
    }

    @Test("numbers stay within minimum, maximum, exclusive bounds (3.0 and 3.1 forms) and multipleOf")
    func numericBounds() {
        Self.expectConforming(["type": "integer", "minimum": 10, "maximum": 12])
        Self.expectConforming(["type": "integer", "minimum": 0, "maximum": 1, "exclusiveMaximum": true])
        Self.expectConforming(["type": "integer", "exclusiveMinimum": 5, "exclusiveMaximum": 7])
        Self.expectConforming(["type": "integer", "maximum": -5])
        Self.expectConforming(["type": "integer", "minimum": 1, "maximum": 100, "multipleOf": 25])
        Self.expectConforming(["type": "number", "minimum": 0.5, "maximum": 0.75])
        Self.expectConforming(["type": "number", "exclusiveMinimum": 0, "maximum": 1])
        Self.expectConforming(["type": "integer", "format": "int32", "minimum": 2_147_483_000])
    }

    @Test("strings respect minLength, maxLength and simple patterns")
    func strings() {
        Self.expectConforming(["type": "string", "minLength": 30])
        Self.expectConforming(["type": "string", "maxLength": 3])
        Self.expectConforming(["type": "string", "minLength": 2, "maxLength": 2])
        for pattern in [
            "^[A-Z]{3}-\\d{4}$", "^(cus|acct)_[a-zA-Z0-9]{8,12}$", "^\\+?[0-9 ()-]{7,15}$", "^[^@\\s]+@example\\.org$",
            "^v\\d+(\\.\\d+){2}$", "^#[0-9a-fA-F]{6}$",
        ] {
            Self.expectConforming(["type": "string", "pattern": .string(pattern)])
        }
    }

    @Test("a pattern the sampler cannot read gives a plain string instead of failing")
    func unreadablePattern() {
        #expect(PatternSampler("^(?=.*[0-9]).+$") == nil)
        #expect(SchemaSampler().sample(["type": "string", "pattern": "^(?=.*[0-9]).+$"], seed: 1).stringValue != nil)
    }

    @Test("examples, defaults, const and enum are answered as written; generation can be forced")
    func documentedValues() {
        #expect(SchemaSampler().sample(["type": "string", "example": "kept"], seed: 1) == "kept")
        #expect(SchemaSampler().sample(["type": "integer", "examples": [42, 43]], seed: 1) == 42)
        #expect(SchemaSampler().sample(["type": "string", "default": "fallback"], seed: 1) == "fallback")
        #expect(SchemaSampler().sample(["const": "fixed"], seed: 1) == "fixed")
        let values = Set(
            (0..<30).map { SchemaSampler().sample(["type": "string", "enum": ["a", "b", "c"]], seed: $0) })
        #expect(values == ["a", "b", "c"])
        let generated = SchemaSampler(usesExamples: false).sample(["type": "string", "example": "kept"], seed: 1)
        #expect(generated != "kept" && generated.stringValue != nil)
    }

    @Test("objects: required properties always, writeOnly left out of responses, readOnly out of requests")
    func objects() {
        let schema: JSON = [
            "type": "object", "required": ["id", "password"],
            "properties": [
                "id": ["type": "integer", "readOnly": true], "password": ["type": "string", "writeOnly": true],
                "secret": ["type": "string", "writeOnly": true], "created": ["type": "string", "readOnly": true],
                "name": ["type": "string"],
            ],
        ]
        let response = SchemaSampler(direction: .response).sample(schema, seed: 1)
        #expect(response["id"] != nil && response["password"] != nil && response["secret"] == nil)
        #expect(response["created"] != nil && response["name"] != nil)
        let request = SchemaSampler(direction: .request).sample(schema, seed: 1)
        #expect(request["created"] == nil && request["secret"] != nil && request["id"] != nil)
        Self.expectConforming(["type": "object", "additionalProperties": ["type": "integer"], "minProperties": 2])
    }

    @Test("arrays have a few items, within minItems and maxItems, distinct when uniqueItems says so")
    func arrays() {
        for seed: UInt64 in 0..<20 {
            let count = SchemaSampler().sample(["type": "array", "items": ["type": "integer"]], seed: seed).arrayValue?
                .count
            #expect((1...3).contains(count ?? 0))
        }
        Self.expectConforming(["type": "array", "items": ["type": "string"], "minItems": 5])
        Self.expectConforming(["type": "array", "items": ["type": "string"], "maxItems": 1])
        Self.expectConforming([
            "type": "array", "items": ["type": "string", "enum": ["x", "y", "z"]], "minItems": 3, "uniqueItems": true,
        ])
        Self.expectConforming([
            "type": "array", "prefixItems": [["type": "integer"], ["type": "string", "format": "date"]],
        ])
    }

    @Test("allOf is merged, oneOf/anyOf take their first non-null branch, type lists their first non-null type")
    func composition() {
        Self.expectConforming([
            "allOf": [
                ["type": "object", "required": ["id"], "properties": ["id": ["type": "integer"]]],
                [
                    "type": "object", "required": ["email"],
                    "properties": ["email": ["type": "string", "format": "email"]],
                ],
            ]
        ])
        Self.expectConforming(["oneOf": [["type": "null"], ["type": "string", "format": "uuid"]]])
        Self.expectConforming(["anyOf": [["type": "integer", "minimum": 3, "maximum": 3], ["type": "string"]]])
        Self.expectConforming(["type": ["null", "integer"], "minimum": 1])
        Self.expectConforming(["type": "string", "nullable": true, "format": "date"])
    }

    @Test("$refs and cycles of a document are handled: a tree of nodes samples and validates")
    func cycles() throws {
        let document = try OpenAPIDocument(
            text: """
                openapi: 3.0.3
                paths: {}
                components:
                  schemas:
                    Node:
                      type: object
                      required: [name]
                      properties:
                        name: { type: string }
                        parent: { $ref: '#/components/schemas/Node' }
                        children: { type: array, items: { $ref: '#/components/schemas/Node' } }
                """)
        let schema = try document.schema(at: "#/components/schemas/Node")
        Self.expectConforming(schema)
        let value = SchemaSampler().sample(schema, seed: 1)
        #expect(value["name"]?.stringValue != nil)
        #expect(value["parent"] == nil, "an optional cut reference is left out")
    }

    @Test("property names give hints: email, url, phone, names")
    func nameHints() {
        let value = SchemaSampler().sample(
            [
                "type": "object",
                "properties": [
                    "email": ["type": "string"], "website_url": ["type": "string"], "first_name": ["type": "string"],
                ],
            ], seed: 2)
        #expect(value["email"]?.stringValue?.contains("@example.com") == true)
        #expect(value["website_url"]?.stringValue?.hasPrefix("https://") == true)
        #expect(SchemaSamplerTests.givenNames.contains(value["first_name"]?.stringValue ?? ""))
    }

    static let givenNames: Set<String> = [
        "Ada", "Grace", "Alan", "Edsger", "Barbara", "Ken", "Frances", "Niklaus", "Radia",
    ]
}
