import Testing
import WeftJSON

@testable import WeftMapping

@Suite struct SchemaFieldsTests {
    static let order: JSON = [
        "title": "Order",
        "type": "object",
        "required": ["id"],
        "properties": [
            "id": ["type": "integer"],
            "created_at": ["type": "string", "format": "date-time", "description": "When it was placed."],
            "status": ["type": "string", "enum": ["open", "closed"]],
            "customer": ["$ref": "#/$defs/Customer"],
            "lines": ["type": "array", "items": ["$ref": "#/$defs/Line"]],
            "tags": ["type": "array", "items": ["type": "string"]],
            "total": ["anyOf": [["type": "string"], ["type": "null"]], "example": "12.50"],
        ],
        "$defs": [
            "Customer": [
                "type": "object",
                "properties": [
                    "id": ["type": "integer"], "email": ["type": "string", "readOnly": true],
                    "referrer": ["$ref": "#/$defs/Customer"],
                ],
            ],
            "Line": [
                "allOf": [
                    ["type": "object", "properties": ["sku": ["type": "string"]]],
                    ["properties": ["quantity": ["type": "integer"]]],
                ]
            ],
        ],
    ]

    @Test func flattensObjectsArraysAndReferences() {
        let fields = SchemaFields(schema: Self.order)
        #expect(fields.recordName == "Order")
        #expect(
            fields.fields.map(\.path) == [
                "id", "created_at", "status", "customer", "customer.id", "customer.email", "customer.referrer",
                "lines", "lines[].sku", "lines[].quantity", "tags", "total",
            ])
        #expect(fields["id"]?.isRequired == true)
        #expect(fields["created_at"]?.type.description == "string(date-time)")
        #expect(fields["status"]?.enumValues == ["open", "closed"])
        #expect(fields["lines"]?.type.description == "array<object>")
        #expect(fields["tags"]?.type.description == "array<string>")
        #expect(fields["total"]?.type.description == "string")
        #expect(fields["total"]?.examples == ["12.50"])
        #expect(fields["customer.email"]?.isReadOnly == true)
        #expect(fields["customer.email"]?.isInRelatedRecord == true)
        #expect(fields["lines[].sku"]?.isInRelatedRecord == false)
        #expect(fields["lines[].quantity"]?.enclosingArrayPath == "lines[]")
        #expect(fields["lines[].quantity"]?.arrayDepth == 1)
    }

    @Test func cutsCyclesAndHonoursTheDepthLimit() {
        let unlimited = SchemaFields(schema: Self.order)
        // The customer's referrer is a customer again: the cycle is cut, not followed.
        #expect(unlimited["customer.referrer.id"] == nil)
        let topLevel = SchemaFields(schema: Self.order, maxDepth: 0)
        #expect(topLevel.fields.map(\.path) == ["id", "created_at", "status", "customer", "lines", "tags", "total"])
    }

    @Test func followsReferencesIntoAnotherRoot() {
        let manifest: JSON = ["schemas": ["Item": ["type": "object", "properties": ["name": ["type": "string"]]]]]
        let fields = SchemaFields(schema: ["$ref": "#/schemas/Item"], referenceRoot: manifest)
        #expect(fields.recordName == "Item")
        #expect(fields.fields.map(\.path) == ["name"])
    }
}
