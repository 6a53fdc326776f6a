import Testing
import WeftJSON

@testable import WeftMapping

@Suite struct SuggesterTests {
    static func object(_ properties: JSONObject) -> JSON {
        ["type": "object", "properties": .object(properties)]
    }

    static func suggest(_ source: JSON, _ target: JSON, names: (String, String) = ("Source", "Target"))
        -> [MappingSuggestion]
    {
        DeterministicSuggester().suggestions(
            from: SchemaFields(schema: source, recordName: names.0),
            to: SchemaFields(schema: target, recordName: names.1))
    }

    @Test func explainsAbbreviationsAndSynonyms() throws {
        let suggestions = Self.suggest(
            Self.object(["qty": ["type": "integer"], "zip": ["type": "string"], "client_email": ["type": "string"]]),
            Self.object([
                "quantity": ["type": "number"], "postalCode": ["type": "string"],
                "customerEmail": ["type": "string", "format": "email"],
            ]))
        let byTarget = Dictionary(uniqueKeysWithValues: suggestions.map { ($0.target, $0) })
        let quantity = try #require(byTarget["quantity"])
        #expect(quantity.source == "qty")
        #expect(quantity.status == .auto)
        #expect(quantity.reasons.contains { $0.contains("qty is short for quantity") })
        #expect(byTarget["postalCode"]?.source == "zip")
        #expect(byTarget["postalCode"]?.reasons.contains { $0.contains("zip and postal code mean the same") } == true)
        let email = try #require(byTarget["customerEmail"])
        #expect(email.source == "client_email")
        #expect(email.reasons.contains("both are e-mail addresses"))
    }

    @Test func matchesListElementsUnderCorrespondingLists() throws {
        let line = Self.object(["sku": ["type": "string"], "qty": ["type": "integer"]])
        let suggestions = Self.suggest(
            Self.object([
                "line_items": ["type": "array", "items": line],
                "refunds": ["type": "array", "items": Self.object(["qty": ["type": "integer"]])],
            ]),
            Self.object([
                "lines": [
                    "type": "array",
                    "items": Self.object(["quantity": ["type": "number"], "itemNumber": ["type": "string"]]),
                ]
            ]))
        let quantity = try #require(suggestions.first { $0.target == "lines[].quantity" })
        #expect(quantity.source == "line_items[].qty")
        #expect(quantity.reasons.contains("elements of line_items[] fill elements of lines[]"))
        #expect(suggestions.first { $0.target == "lines[].itemNumber" }?.source == "line_items[].sku")
    }

    @Test func usesEachSourceOnceAndDropsWeakMatches() {
        let suggestions = Self.suggest(
            Self.object(["email": ["type": "string"], "favourite_colour": ["type": "string"]]),
            Self.object([
                "email": ["type": "string"], "contactEmail": ["type": "string"],
                "shoeSize": ["type": "integer"],
            ]))
        #expect(suggestions.map(\.target) == ["email"])
        #expect(suggestions.allSatisfy { $0.confidence >= SuggestionStatus.reviewThreshold })
    }

    @Test func holdsBackIdentifiersGenericNamesAndReadOnlyTargets() {
        let suggestions = Self.suggest(
            Self.object(["id": ["type": "string"], "number": ["type": "string"], "total": ["type": "number"]]),
            Self.object([
                "id": ["type": "string"], "number": ["type": "string"],
                "total": ["type": "number", "readOnly": true],
            ]),
            names: ("Order", "SalesOrder"))
        #expect(suggestions.count == 3)
        #expect(suggestions.allSatisfy { $0.status == .review })
    }

    @Test func readsDatesCurrenciesAndOpposites() throws {
        let suggestions = Self.suggest(
            Self.object([
                "created_at": ["type": "string", "description": "ISO 8601 date and time the order was placed."],
                "currency": ["type": "string", "description": "Three-letter ISO 4217 code."],
                "tax_exempt": ["type": "boolean"],
            ]),
            Self.object([
                "orderDate": ["type": "string", "format": "date"], "currencyCode": ["type": "string"],
                "taxLiable": ["type": "boolean"],
            ]),
            names: ("Order", "SalesOrder"))
        let byTarget = Dictionary(uniqueKeysWithValues: suggestions.map { ($0.target, $0) })
        #expect(byTarget["orderDate"]?.source == "created_at")
        #expect(byTarget["orderDate"]?.reasons.contains("both are dates") == true)
        #expect(byTarget["currencyCode"]?.reasons.contains("both are ISO 4217 currency codes") == true)
        let liable = try #require(byTarget["taxLiable"])
        #expect(liable.reasons.contains { $0.contains("opposite") && $0.contains("invert") })
    }

    @Test func isDeterministic() {
        let source = SchemaFieldsTests.order
        let target = Self.object(["orderStatus": ["type": "string"], "createdDate": ["type": "string"]])
        #expect(Self.suggest(source, target) == Self.suggest(source, target))
    }

    @Test func servesThroughTheProtocol() async throws {
        let suggester: any MappingSuggester = DeterministicSuggester()
        let suggestions = try await suggester.suggest(
            from: SchemaFields(schema: Self.object(["qty": ["type": "integer"]]), recordName: nil),
            to: SchemaFields(schema: Self.object(["quantity": ["type": "integer"]]), recordName: nil))
        #expect(suggestions.map(\.source) == ["qty"])
    }
}
