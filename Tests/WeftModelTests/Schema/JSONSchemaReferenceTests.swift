import Testing
import WeftJSON

@testable import WeftModel

@Suite("JSON Schema references")
struct JSONSchemaReferenceTests {
    @Test func ownDefinitions() {
        let schema = schemaJSON(
            """
            {"type": "object", "properties": {"billing": {"$ref": "#/$defs/address"},
              "shipping": {"$ref": "#/definitions/address"}},
             "$defs": {"address": {"type": "object", "required": ["city"]}},
             "definitions": {"address": {"type": "object", "required": ["street"]}}}
            """)
        #expect(schemaProblems(schema, ["billing": ["city": "Oslo"], "shipping": ["street": "Main"]]).isEmpty)
        #expect(
            schemaProblems(schema, ["billing": [:], "shipping": [:]]) == [
                "/billing: missing required property `city`", "/shipping: missing required property `street`",
            ])
    }

    @Test func externalDefinitionsUnderEveryPrefix() {
        let definitions: JSON = ["Money": ["type": "number", "minimum": 0]]
        for prefix in ["#/schemas/", "#/$defs/", "#/definitions/", "#/components/schemas/"] {
            let schema: JSON = ["$ref": .string(prefix + "Money")]
            let validator = JSONSchemaValidator(schema: schema, definitions: definitions)
            #expect(validator.validate(5).isEmpty)
            #expect(validator.validate(-1).map(\.message) == ["expected at least 0, found -1"])
            #expect(validator.unresolvedReferences.isEmpty)
        }
    }

    @Test func definitionsReferToEachOther() {
        let definitions = schemaJSON(
            """
            {"Order": {"type": "object", "properties": {"customer": {"$ref": "#/components/schemas/Customer"}}},
             "Customer": {"type": "object", "required": ["email"],
               "properties": {"email": {"type": "string", "format": "email"}}}}
            """)
        let schema: JSON = ["$ref": "#/components/schemas/Order"]
        #expect(
            schemaProblems(schema, ["customer": ["email": "nope"]], definitions: definitions) == [
                "/customer/email: expected an email address, found `nope`"
            ])
    }

    @Test func theSchemaItselfWinsOverDefinitions() {
        let schema: JSON = ["$ref": "#/$defs/x", "$defs": ["x": ["type": "string"]]]
        let definitions: JSON = ["x": ["type": "number"]]
        #expect(schemaProblems(schema, "a", definitions: definitions).isEmpty)
    }

    @Test func escapedPointers() {
        let schema = schemaJSON(
            """
            {"$defs": {"a/b": {"type": "string"}, "c~d": {"type": "integer"}, "e f": {"type": "boolean"}},
             "properties": {"x": {"$ref": "#/$defs/a~1b"}, "y": {"$ref": "#/$defs/c~0d"},
               "z": {"$ref": "#/$defs/e%20f"}}}
            """)
        let validator = JSONSchemaValidator(schema: schema)
        #expect(validator.unresolvedReferences.isEmpty)
        #expect(validator.validate(["x": "s", "y": 1, "z": true]).isEmpty)
        #expect(validator.validate(["x": 1, "y": "s", "z": 0]).count == 3)
    }

    @Test func referencesIntoOtherKeywords() {
        let schema = schemaJSON(
            """
            {"properties": {"id": {"type": "string", "minLength": 3}, "parent": {"$ref": "#/properties/id"}}}
            """)
        #expect(schemaProblems(schema, ["parent": "ab"]) == ["/parent: expected at least 3 characters, found 2"])
    }

    @Test func recursiveTree() {
        let schema = schemaJSON(
            """
            {"$ref": "#/$defs/node",
             "$defs": {"node": {"type": "object", "required": ["value"],
               "properties": {"value": {"type": "integer"},
                 "children": {"type": "array", "items": {"$ref": "#/$defs/node"}}}}}}
            """)
        let validator = JSONSchemaValidator(schema: schema)
        let tree: JSON = [
            "value": 1,
            "children": [["value": 2], ["value": 3, "children": [["value": 4, "children": []]]]],
        ]
        #expect(validator.validate(tree).isEmpty)
        let broken: JSON = ["value": 1, "children": [["value": 2], ["children": [["value": "4"]]]]]
        #expect(
            validator.validate(broken).map(\.description) == [
                "/children/1: missing required property `value`",
                "/children/1/children/0/value: expected an integer, found a string",
            ])
    }

    @Test func recursionThroughTheRoot() {
        let schema: JSON = [
            "type": "object", "properties": ["next": ["$ref": "#"], "n": ["type": "integer"]],
        ]
        var list: JSON = ["n": 0]
        for index in 1...20 { list = ["n": .number(Double(index)), "next": list] }
        #expect(schemaProblems(schema, list).isEmpty)
        #expect(
            schemaProblems(schema, ["next": ["next": ["n": "x"]]]) == [
                "/next/next/n: expected an integer, found a string"
            ])
    }

    @Test func referenceCyclesThatConsumeNothingAreCutOff() {
        let schema: JSON = ["$ref": "#/$defs/a", "$defs": ["a": ["$ref": "#/$defs/b"], "b": ["$ref": "#/$defs/a"]]]
        let violations = schemaViolations(schema, 1)
        #expect(violations.count == 1)
        #expect(violations.first?.message.hasPrefix("nested too deeply to validate") == true)
        let selfReference: JSON = ["anyOf": [["$ref": "#"]]]
        #expect(schemaViolations(selfReference, 1).count == 1)
    }

    @Test func deepValuesAreReportedNotCrashedOn() {
        let schema: JSON = ["items": ["$ref": "#"]]
        var value: JSON = []
        for _ in 0..<300 { value = [value] }
        let violations = schemaViolations(schema, value)
        #expect(violations.count == 1)
        #expect(violations[0].path.hasPrefix("/0/0/0"))
    }

    @Test func unresolvedReferencesAcceptAnything() {
        let schema: JSON = [
            "properties": [
                "a": ["$ref": "https://example.com/schema.json"], "b": ["$ref": "#/$defs/missing"],
                "c": ["$ref": "#/$defs/missing"],
            ]
        ]
        let validator = JSONSchemaValidator(schema: schema)
        #expect(validator.unresolvedReferences == ["https://example.com/schema.json", "#/$defs/missing"])
        #expect(validator.validate(["a": 1, "b": 2]).isEmpty)
    }

    @Test func siblingsOfReferencesApply() {
        let schema: JSON = ["$ref": "#/$defs/s", "maxLength": 2, "$defs": ["s": ["type": "string"]]]
        #expect(schemaProblems(schema, "abc") == ["expected at most 2 characters, found 3"])
        #expect(schemaProblems(schema, 1) == ["expected a string, found a number"])
    }
}
