import Testing
import WeftJSON

@testable import WeftModel

@Suite("JSON Schema keywords")
struct JSONSchemaValidatorTests {
    @Test func typeNames() {
        #expect(schemaProblems(["type": "string"], "a").isEmpty)
        #expect(schemaProblems(["type": "string"], 1) == ["expected a string, found a number"])
        #expect(schemaProblems(["type": "object"], []) == ["expected an object, found an array"])
        #expect(schemaProblems(["type": "array"], nil) == ["expected an array, found null"])
        #expect(schemaProblems(["type": "boolean"], "true") == ["expected a boolean, found a string"])
        #expect(schemaProblems(["type": "null"], false) == ["expected null, found a boolean"])
        #expect(schemaProblems(["type": "number"], 1.5).isEmpty)
    }

    @Test func integersAreWholeNumbers() {
        #expect(schemaProblems(["type": "integer"], 3).isEmpty)
        #expect(schemaProblems(["type": "integer"], 3.0).isEmpty)
        #expect(schemaProblems(["type": "integer"], 1e300).isEmpty)
        #expect(schemaProblems(["type": "integer"], 1.5) == ["expected an integer, found 1.5"])
        #expect(schemaProblems(["type": "integer"], "3") == ["expected an integer, found a string"])
    }

    @Test func typeLists() {
        let schema: JSON = ["type": ["string", "null"]]
        #expect(schemaProblems(schema, "a").isEmpty)
        #expect(schemaProblems(schema, nil).isEmpty)
        #expect(schemaProblems(schema, 2) == ["expected a string or null, found a number"])
        let three: JSON = ["type": ["string", "integer", "array"]]
        #expect(schemaProblems(three, true) == ["expected a string, an integer or an array, found a boolean"])
    }

    @Test func unknownTypeNamesConstrainNothing() {
        #expect(schemaProblems(["type": "file"], 1).isEmpty)
    }

    @Test func openAPINullable() {
        let schema: JSON = ["type": "string", "nullable": true, "enum": ["a", "b"]]
        #expect(schemaProblems(schema, nil).isEmpty)
        #expect(schemaProblems(schema, "a").isEmpty)
        #expect(schemaProblems(schema, 1) == ["expected a string or null, found a number"])
        #expect(schemaProblems(["type": "string"], nil) == ["expected a string, found null"])
        // The OpenAPI 3.0 idiom for a nullable reference.
        let reference: JSON = [
            "nullable": true, "allOf": [["$ref": "#/components/schemas/User"]],
        ]
        let definitions: JSON = ["User": ["type": "object", "required": ["id"]]]
        #expect(schemaProblems(reference, nil, definitions: definitions).isEmpty)
        #expect(schemaProblems(reference, [:], definitions: definitions) == ["missing required property `id`"])
        #expect(schemaProblems(["type": "string", "x-nullable": true], nil).isEmpty)
    }

    @Test func enumerations() {
        let schema: JSON = ["enum": ["a", "b"]]
        #expect(schemaProblems(schema, "a").isEmpty)
        #expect(schemaProblems(schema, "c") == ["expected one of `a`, `b`, found `c`"])
        #expect(schemaProblems(["enum": ["only"]], 1) == ["expected `only`, found `1`"])
        #expect(schemaProblems(["enum": [1, nil, ["x": 1, "y": 2]]], ["y": 2, "x": 1]).isEmpty)
        #expect(schemaProblems(["enum": [1, 2]], 2.0).isEmpty)
        #expect(schemaProblems(["enum": []], 1) == ["no value is allowed here (the enum is empty)"])
        let many = JSON.array((1...20).map { .number(Double($0)) })
        let message = schemaProblems(["enum": many], 0)[0]
        #expect(message.hasPrefix("expected one of `1`, `2`"))
        #expect(message.hasSuffix("`12`, … (20 in all), found `0`"))
    }

    @Test func constants() {
        #expect(schemaProblems(["const": "v1"], "v1").isEmpty)
        #expect(schemaProblems(["const": "v1"], "v2") == ["expected `v1`, found `v2`"])
        #expect(schemaProblems(["const": ["a": [1, 2]]], ["a": [1, 2]]).isEmpty)
        #expect(
            schemaProblems(["const": ["a": [1, 2]]], ["a": [2, 1]]) == [
                "expected `{\"a\":[1,2]}`, found `{\"a\":[2,1]}`"
            ])
        #expect(schemaProblems(["const": nil], nil).isEmpty)
        #expect(schemaProblems(["const": false], 0) == ["expected `false`, found `0`"])
    }

    @Test func longValuesAreShortenedInMessages() {
        let long = String(repeating: "x", count: 100)
        let message = schemaProblems(["const": "a"], .string(long))[0]
        #expect(message == "expected `a`, found `\(String(repeating: "x", count: 57))…`")
        let big = JSON.array((1...50).map { .number(Double($0)) })
        #expect(schemaProblems(["const": 1], big) == ["expected `1`, found an array"])
    }

    @Test func numericBounds() {
        let schema: JSON = ["minimum": 1, "maximum": 10]
        #expect(schemaProblems(schema, 1).isEmpty)
        #expect(schemaProblems(schema, 10).isEmpty)
        #expect(schemaProblems(schema, 0) == ["expected at least 1, found 0"])
        #expect(schemaProblems(schema, 10.5) == ["expected at most 10, found 10.5"])
        let exclusive: JSON = ["exclusiveMinimum": 0, "exclusiveMaximum": 1]
        #expect(schemaProblems(exclusive, 0.5).isEmpty)
        #expect(schemaProblems(exclusive, 0) == ["expected more than 0, found 0"])
        #expect(schemaProblems(exclusive, 1) == ["expected less than 1, found 1"])
        // Bounds do not apply to other types.
        #expect(schemaProblems(schema, "0").isEmpty)
    }

    @Test func draft4BooleanExclusiveBounds() {
        let schema: JSON = ["minimum": 0, "exclusiveMinimum": true, "maximum": 5, "exclusiveMaximum": true]
        #expect(schemaProblems(schema, 2).isEmpty)
        #expect(schemaProblems(schema, 0) == ["expected more than 0, found 0"])
        #expect(schemaProblems(schema, 5) == ["expected less than 5, found 5"])
        let inclusive: JSON = ["minimum": 0, "exclusiveMinimum": false]
        #expect(schemaProblems(inclusive, 0).isEmpty)
        #expect(schemaProblems(inclusive, -1) == ["expected at least 0, found -1"])
    }

    @Test func multiples() {
        #expect(schemaProblems(["multipleOf": 0.01], 19.99).isEmpty)
        #expect(schemaProblems(["multipleOf": 0.1], 0.3).isEmpty)
        #expect(schemaProblems(["multipleOf": 5], 15).isEmpty)
        #expect(schemaProblems(["multipleOf": 0.01], 1.234) == ["expected a multiple of 0.01, found 1.234"])
        #expect(schemaProblems(["multipleOf": 2], 7) == ["expected a multiple of 2, found 7"])
        #expect(schemaProblems(["multipleOf": 0.5], 1e300).isEmpty)
    }

    @Test func stringLengthsCountCodePoints() {
        let schema: JSON = ["minLength": 2, "maxLength": 3]
        #expect(schemaProblems(schema, "ab").isEmpty)
        #expect(schemaProblems(schema, "é😀").isEmpty)
        #expect(schemaProblems(schema, "a") == ["expected at least 2 characters, found 1"])
        #expect(schemaProblems(schema, "abcd") == ["expected at most 3 characters, found 4"])
        #expect(schemaProblems(["minLength": 1], "") == ["expected at least 1 character, found 0"])
        // A flag is one grapheme but two code points.
        #expect(schemaProblems(["maxLength": 1], "🇫🇷") == ["expected at most 1 character, found 2"])
    }

    @Test func patterns() {
        let schema: JSON = ["pattern": "^[A-Z]{3}$"]
        #expect(schemaProblems(schema, "EUR").isEmpty)
        #expect(schemaProblems(schema, "euro") == ["expected text matching `^[A-Z]{3}$`, found `euro`"])
        // Unanchored patterns match anywhere.
        #expect(schemaProblems(["pattern": "\\d"], "abc1").isEmpty)
        // A pattern the matcher cannot read is not checked.
        #expect(schemaProblems(["pattern": "(a)\\1"], "xyz").isEmpty)
    }

    @Test func formats() {
        #expect(schemaProblems(["format": "email"], "ada@example.com").isEmpty)
        #expect(schemaProblems(["format": "email"], "ada") == ["expected an email address, found `ada`"])
        #expect(
            schemaProblems(["format": "date-time"], "2024-02-30T10:00:00Z")
                == ["expected a date-time (RFC 3339, like 2024-05-01T12:00:00Z), found `2024-02-30T10:00:00Z`"])
        #expect(schemaProblems(["format": "date"], "2024-02-29").isEmpty)
        #expect(schemaProblems(["format": "uuid"], "not-a-uuid") == ["expected a UUID, found `not-a-uuid`"])
        #expect(schemaProblems(["format": "uri"], "https://example.com/a?b=c").isEmpty)
        #expect(schemaProblems(["format": "int64"], "whatever").isEmpty)
        #expect(schemaProblems(["format": "email"], 12).isEmpty)
    }

    @Test func properties() {
        let schema: JSON = [
            "type": "object",
            "properties": ["name": ["type": "string"], "age": ["type": "integer", "minimum": 0]],
            "required": ["name", "email"],
        ]
        #expect(schemaProblems(schema, ["name": "Ada", "email": "a@b.c", "extra": 1]).isEmpty)
        #expect(
            schemaProblems(schema, ["name": 1, "age": -1])
                == [
                    "missing required property `email`",
                    "/name: expected a string, found a number",
                    "/age: expected at least 0, found -1",
                ])
    }

    @Test func additionalProperties() {
        let closed: JSON = ["properties": ["a": true], "additionalProperties": false]
        #expect(schemaProblems(closed, ["a": 1]).isEmpty)
        #expect(
            schemaProblems(closed, ["a": 1, "b": 2, "c/d": 3]) == [
                "/b: property `b` is not allowed", "/c~1d: property `c/d` is not allowed",
            ])
        let typed: JSON = ["properties": ["a": true], "additionalProperties": ["type": "number"]]
        #expect(schemaProblems(typed, ["a": "x", "b": 2]).isEmpty)
        #expect(schemaProblems(typed, ["b": "2"]) == ["/b: expected a number, found a string"])
        #expect(schemaProblems(["additionalProperties": true], ["z": 1]).isEmpty)
    }

    @Test func patternProperties() {
        let schema: JSON = [
            "patternProperties": ["^x-": ["type": "string"], "^[0-9]+$": ["type": "integer"]],
            "additionalProperties": false,
        ]
        #expect(schemaProblems(schema, ["x-trace": "abc", "12": 3]).isEmpty)
        #expect(
            schemaProblems(schema, ["x-trace": 1, "12": 1.5, "other": 0])
                == [
                    "/x-trace: expected a string, found a number", "/12: expected an integer, found 1.5",
                    "/other: property `other` is not allowed",
                ])
    }

    @Test func propertyNames() {
        let schema: JSON = ["propertyNames": ["pattern": "^[a-z_]+$", "maxLength": 5]]
        #expect(schemaProblems(schema, ["ok": 1, "fine_": 2]).isEmpty)
        #expect(
            schemaProblems(schema, ["Bad": 1, "toolong": 2])
                == [
                    "/Bad: invalid property name `Bad`: expected text matching `^[a-z_]+$`, found `Bad`",
                    "/toolong: invalid property name `toolong`: expected at most 5 characters, found 7",
                ])
    }

    @Test func propertyCounts() {
        let schema: JSON = ["minProperties": 1, "maxProperties": 2]
        #expect(schemaProblems(schema, ["a": 1]).isEmpty)
        #expect(schemaProblems(schema, [:]) == ["expected at least 1 property, found 0"])
        #expect(schemaProblems(schema, ["a": 1, "b": 2, "c": 3]) == ["expected at most 2 properties, found 3"])
    }

    @Test func dependencies() {
        let schema: JSON = [
            "dependentRequired": ["card": ["billing_address"]],
            "dependentSchemas": ["coupon": ["required": ["amount"]]],
        ]
        #expect(schemaProblems(schema, ["name": 1]).isEmpty)
        #expect(
            schemaProblems(schema, ["card": 1, "coupon": "X"])
                == [
                    "missing property `billing_address`, required when `card` is present",
                    "missing required property `amount`",
                ])
        let draft7: JSON = ["dependencies": ["a": ["b"], "c": ["required": ["d"]]]]
        #expect(schemaProblems(draft7, ["a": 1, "c": 1]).count == 2)
    }

    @Test func items() {
        let schema: JSON = ["type": "array", "items": ["type": "integer"], "minItems": 1, "maxItems": 3]
        #expect(schemaProblems(schema, [1, 2]).isEmpty)
        #expect(schemaProblems(schema, []) == ["expected at least 1 item, found 0"])
        #expect(schemaProblems(schema, [1, 2, 3, 4]) == ["expected at most 3 items, found 4"])
        #expect(
            schemaProblems(schema, [1, "2", 3.5]) == [
                "/1: expected an integer, found a string", "/2: expected an integer, found 3.5",
            ])
    }

    @Test func prefixItems() {
        let schema: JSON = ["prefixItems": [["type": "string"], ["type": "number"]], "items": false]
        #expect(schemaProblems(schema, ["a", 1]).isEmpty)
        #expect(schemaProblems(schema, ["a"]).isEmpty)
        #expect(
            schemaProblems(schema, [1, "a"]) == [
                "/0: expected a string, found a number", "/1: expected a number, found a string",
            ])
        #expect(schemaProblems(schema, ["a", 1, true]) == ["expected at most 2 items, found 3"])
        let open: JSON = ["prefixItems": [["type": "string"]], "items": ["type": "boolean"]]
        #expect(schemaProblems(open, ["a", true, 1]) == ["/2: expected a boolean, found a number"])
        // Draft 4: a list of `items` and `additionalItems`.
        let draft4: JSON = ["items": [["type": "string"]], "additionalItems": ["type": "integer"]]
        #expect(schemaProblems(draft4, ["a", 1, "b"]) == ["/2: expected an integer, found a string"])
    }

    @Test func uniqueItems() {
        let schema: JSON = ["uniqueItems": true]
        #expect(schemaProblems(schema, [1, "1", [1], ["a": 1]]).isEmpty)
        #expect(schemaProblems(schema, [1, 2, 1.0]) == ["expected unique items, but items 0 and 2 are equal"])
        #expect(
            schemaProblems(schema, [["a": 1, "b": 2], ["b": 2, "a": 1]]) == [
                "expected unique items, but items 0 and 1 are equal"
            ])
        #expect(schemaProblems(["uniqueItems": false], [1, 1]).isEmpty)
    }

    @Test func contains() {
        let schema: JSON = ["contains": ["type": "string"]]
        #expect(schemaProblems(schema, [1, "a"]).isEmpty)
        #expect(schemaProblems(schema, [1, 2]) == ["expected at least 1 item matching the `contains` schema, found 0"])
        let counted: JSON = ["contains": ["const": "x"], "minContains": 2, "maxContains": 3]
        #expect(schemaProblems(counted, ["x", "x"]).isEmpty)
        #expect(schemaProblems(counted, ["x"]) == ["expected at least 2 items matching the `contains` schema, found 1"])
        #expect(
            schemaProblems(counted, ["x", "x", "x", "x"]) == [
                "expected at most 3 items matching the `contains` schema, found 4"
            ])
    }

    @Test func allOf() {
        let schema: JSON = ["allOf": [["required": ["a"]], ["required": ["b"]]]]
        #expect(schemaProblems(schema, ["a": 1, "b": 2]).isEmpty)
        #expect(schemaProblems(schema, [:]) == ["missing required property `a`", "missing required property `b`"])
    }

    @Test func anyOfReportsTheTypesWhenNoneFits() {
        let schema: JSON = ["anyOf": [["type": "string"], ["type": "integer"]]]
        #expect(schemaProblems(schema, 1).isEmpty)
        #expect(schemaProblems(schema, "1").isEmpty)
        #expect(schemaProblems(schema, true) == ["expected a string or an integer, found a boolean"])
    }

    @Test func anyOfReportsTheClosestAlternative() {
        let schema: JSON = [
            "anyOf": [
                ["type": "string", "maxLength": 3],
                ["type": "object", "required": ["id"], "properties": ["id": ["type": "integer"]]],
            ]
        ]
        #expect(schemaProblems(schema, ["id": "7"]) == ["/id: expected an integer, found a string"])
        #expect(schemaProblems(schema, "long") == ["expected at most 3 characters, found 4"])
    }

    @Test func oneOf() {
        let schema: JSON = ["oneOf": [["type": "integer"], ["type": "number", "minimum": 0]]]
        #expect(schemaProblems(schema, -1).isEmpty)
        #expect(schemaProblems(schema, 0.5).isEmpty)
        #expect(schemaProblems(schema, 2) == ["must match exactly one schema of oneOf, but matched 2"])
        #expect(schemaProblems(schema, -0.5) == ["expected at least 0, found -0.5"])
        #expect(schemaProblems(schema, "x") == ["expected a number, found a string"])
    }

    @Test func oneOfPrefersTheAlternativeWhoseDiscriminatorMatches() {
        let schema = schemaJSON(
            """
            {"oneOf": [
              {"type": "object", "required": ["kind", "card"],
               "properties": {"kind": {"const": "card"}, "card": {"type": "string"}}},
              {"type": "object", "required": ["kind", "iban"],
               "properties": {"kind": {"const": "bank"}, "iban": {"type": "string"}}}
            ]}
            """)
        #expect(schemaProblems(schema, ["kind": "bank", "iban": "DE00"]).isEmpty)
        #expect(schemaProblems(schema, ["kind": "bank"]) == ["missing required property `iban`"])
        #expect(schemaProblems(schema, ["kind": "card", "card": 4]) == ["/card: expected a string, found a number"])
    }

    @Test func not() {
        let schema: JSON = ["not": ["type": "string"]]
        #expect(schemaProblems(schema, 1).isEmpty)
        #expect(schemaProblems(schema, "a") == ["must not match the schema in `not`"])
    }

    @Test func ifThenElse() {
        let schema: JSON = [
            "if": ["properties": ["country": ["const": "US"]], "required": ["country"]],
            "then": ["required": ["zip"]],
            "else": ["required": ["postcode"]],
        ]
        #expect(schemaProblems(schema, ["country": "US", "zip": "10001"]).isEmpty)
        #expect(schemaProblems(schema, ["country": "US"]) == ["missing required property `zip`"])
        #expect(schemaProblems(schema, ["country": "FR"]) == ["missing required property `postcode`"])
        #expect(schemaProblems(["then": ["required": ["x"]]], [:]).isEmpty)
    }

    @Test func booleanSchemas() {
        #expect(schemaProblems(true, ["anything": [1, 2]]).isEmpty)
        #expect(schemaProblems(false, 1) == ["no value is allowed here"])
        #expect(schemaProblems(["properties": ["gone": false]], ["gone": 1]) == ["/gone: no value is allowed here"])
        #expect(schemaProblems([:], "anything").isEmpty)
    }

    @Test func annotationsAreIgnored() {
        let schema: JSON = [
            "title": "T", "description": "D", "default": 1, "example": "x", "examples": [1],
            "readOnly": true, "writeOnly": true, "deprecated": true, "type": "integer",
        ]
        #expect(schemaProblems(schema, 1).isEmpty)
    }

    @Test func nestedPaths() {
        let schema = schemaJSON(
            """
            {"type": "object", "properties": {"items": {"type": "array", "items": {
              "type": "object", "required": ["sku"],
              "properties": {"quantity": {"type": "integer", "minimum": 1}, "sku": {"type": "string"}}}}}}
            """)
        let value: JSON = ["items": [["sku": "a", "quantity": 1], ["sku": "b"], ["quantity": 0]]]
        #expect(
            schemaViolations(schema, value) == [
                SchemaViolation(path: "/items/2", message: "missing required property `sku`"),
                SchemaViolation(path: "/items/2/quantity", message: "expected at least 1, found 0"),
            ])
    }

    @Test func everyViolationIsReportedUpToTheCap() {
        let schema: JSON = ["items": ["type": "string"]]
        let few = JSON.array(Array(repeating: 1, count: 5))
        #expect(schemaViolations(schema, few).count == 5)
        let many = JSON.array(Array(repeating: 1, count: 500))
        let violations = schemaViolations(schema, many)
        #expect(violations.count == JSONSchemaValidator.maximumViolations)
        #expect(violations.last?.path == "/99")
        #expect(!JSONSchemaValidator(schema: schema).isValid(many))
        #expect(JSONSchemaValidator(schema: schema).isValid(["a"]))
    }

    @Test func descriptionIncludesThePath() {
        #expect(SchemaViolation(path: "", message: "m").description == "m")
        #expect(SchemaViolation(path: "/a/0", message: "m").description == "/a/0: m")
    }
}
