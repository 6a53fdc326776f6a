import Foundation
import JSONata
import Testing
import WeftJSON
import WeftMapping
import WeftModel

/// `FlowGenerator`: flows from one app action to another, read back as Weft reads them.
@Suite("Generation: flows from two app actions")
struct FlowGeneratorTests {
    /// The repository's root: this file is `Tests/WeftMappingTests/Generation/FlowGeneratorTests.swift`.
    static let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func app(_ path: String) throws -> AppManifest {
        let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        guard case .app(let app)? = WeftDocument.parse(text, file: path).document else {
            throw FlowGenerationError("\(path) is not an app")
        }
        return app
    }

    static func shopify() throws -> AppManifest { try app("Sources/WeftCatalog/Apps/shopify.app.yaml") }
    static func netsuite() throws -> AppManifest { try app("Sources/WeftCatalog/Apps/netsuite.app.yaml") }
    static func legacyCRM() throws -> AppManifest { try app("examples/apps/legacy-crm.app.yaml") }
    static func salesforce() throws -> AppManifest { try app("examples/apps/salesforce.app.yaml") }

    /// Shopify orders into NetSuite sales orders.
    static func orders(_ trigger: GenerationTrigger) throws -> GeneratedFlow {
        try FlowGenerator(
            source: AppAction(app: shopify(), name: "list_orders"),
            target: AppAction(app: netsuite(), name: "create_sales_order"), trigger: trigger
        ).generate()
    }

    /// Reads a generated flow as `weft validate` does (with the apps it uses), recording every problem.
    static func read(
        _ text: String, apps: [AppManifest], sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> Flow {
        let (document, diagnostics) = WeftDocument.parse(text, file: "generated.flow.yaml")
        guard case .flow(let flow)? = document else {
            Issue.record("not a flow: \(diagnostics)\n\(text)", sourceLocation: sourceLocation)
            throw FlowGenerationError("not a flow")
        }
        let checker = FlowChecker(apps: Dictionary(uniqueKeysWithValues: apps.map { ($0.id, $0) }))
        let problems = (diagnostics + checker.check(flow)).filter { $0.severity == .error }
        #expect(problems.isEmpty, "\(problems)\n\(text)", sourceLocation: sourceLocation)
        return flow
    }

    /// The origin column of the documentation of `flow`'s step `step`, by target without `[]`.
    static func origins(_ flow: Flow, step: String, apps: [AppManifest]) -> [String: String] {
        let documentation = FlowDocumentation(
            flow: flow, apps: Dictionary(uniqueKeysWithValues: apps.map { ($0.id, $0) }))
        let rows = documentation.mappingTables.first { $0.step == step }?.rows ?? []
        return Dictionary(rows.map { ($0.target.replacing("[]", with: ""), $0.origin) }) { first, _ in first }
    }

    static func step(_ flow: Flow, _ id: String) -> Step? {
        func find(_ steps: [Step]) -> Step? {
            for step in steps {
                if step.id == id { return step }
                for nested in step.kind.nestedSteps { if let found = find(nested) { return found } }
            }
            return nil
        }
        return find(flow.steps)
    }

    @Test("Shopify orders to NetSuite sales orders: a valid poll flow, the app's own cursor, the mapping in place")
    func shopifyToNetSuite() throws {
        let generated = try Self.orders(.poll)
        let apps = [try Self.shopify(), try Self.netsuite()]
        let flow = try Self.read(generated.text, apps: apps)
        #expect(flow.id == "shopify-list_orders-to-netsuite-create_sales_order")
        guard case .poll(let poll) = flow.trigger else {
            Issue.record("not a poll trigger: \(generated.text)")
            return
        }
        #expect(poll.action == ActionReference(app: "shopify", action: "list_orders"))
        #expect(poll.cursor?.field?.source == "updated_at")
        #expect(poll.cursor?.parameter == "updated_at_min")
        #expect(poll.key?.source == #"$string(id) & "@" & updated_at"#)
        #expect(generated.text.contains("as the app's own trigger `order_updated` polls it"))

        let step = try #require(Self.step(flow, "create_sales_order"))
        #expect(step.connection == "netsuite")
        #expect(flow.connections["netsuite"] == "netsuite")
        #expect(generated.accepted.map(\.target).contains("memo"))
        #expect(generated.forReview.map(\.target).contains("tranDate"))
        #expect(generated.text.contains("memo: note"))
        #expect(generated.text.contains("from note: names mean the same: note and memo mean the same"))
        // For review: a commented-out line in place, and every suggestion recorded.
        #expect(generated.text.contains("# tranDate: created_at"))
        #expect(generated.text.contains("# review \(Self.confidence(generated, "tranDate")) from created_at"))
        #expect(step.suggestions.count == generated.suggestions.count)
        #expect(step.suggestions["item.items[].rate"]?.expression == "$number(price)")
        #expect(step.suggestions["memo"]?.expression == "note")

        // Every accepted suggestion is documented as such; those for review are not mapped until uncommented.
        let origins = Self.origins(flow, step: "create_sales_order", apps: apps)
        for suggestion in generated.suggestions {
            let target = suggestion.target.replacing("[]", with: "")
            if suggestion.status == .auto {
                #expect(origins[target] == "suggested (\(Self.confidence(generated, suggestion.target))) and accepted")
            } else {
                #expect(origins[target] == nil, "\(target) is for review")
            }
        }
    }

    /// The confidence of the suggestion for `target`, as the file and the documentation write it.
    static func confidence(_ generated: GeneratedFlow, _ target: String) -> String {
        let value = generated.suggestions.first { $0.target == target }?.confidence ?? -1
        return String(format: "%.2f", value)
    }

    @Test("the generated input computes the target's input from a source record, lists of one element included")
    func inputEvaluates() throws {
        let flow = try Self.read(try Self.orders(.webhook).text, apps: [try Self.shopify(), try Self.netsuite()])
        let input = try #require(Self.step(flow, "create_sales_order")?.input)
        let order: JSON = [
            "id": 5001, "name": "#1001", "note": "leave at the door", "created_at": "2026-01-02T10:00:00Z",
            "line_items": [["sku": "MUG-1", "title": "Mug", "quantity": 2, "price": "9.50"]],
        ]
        let value = try input.evaluate(order, bindings: [:], options: EvaluationOptions())
        #expect(value?["memo"] == "leave at the door")
        #expect(value?["item"]?["items"] == [["quantity": 2]])
    }

    @Test("a review suggestion uncommented is suggested and accepted; an accepted one edited is written by hand")
    func editedMapping() throws {
        let generated = try Self.orders(.poll)
        var text = generated.text
        // Accept `tranDate` as suggested, change `memo`.
        let review = try #require(text.split(separator: "\n").first { $0.contains("# tranDate: created_at") })
        text = text.replacingOccurrences(
            of: review, with: review.replacingOccurrences(of: "# tranDate", with: "tranDate"))
        text = text.replacingOccurrences(of: "memo: note", with: "memo: $trim(note)")
        let apps = [try Self.shopify(), try Self.netsuite()]
        let origins = Self.origins(try Self.read(text, apps: apps), step: "create_sales_order", apps: apps)
        #expect(origins["tranDate"] == "suggested (\(Self.confidence(generated, "tranDate"))) and accepted")
        #expect(origins["memo"] == "written by hand")
    }

    @Test("a review suggestion inside a JSONata list is uncommented by taking out its /* */")
    func reviewInsideList() throws {
        let generated = try Self.orders(.poll)
        let line = try #require(
            generated.text.split(separator: "\n").first { $0.contains(#"/* , "description": title */"#) })
        let text = generated.text.replacingOccurrences(
            of: line,
            with: line.replacingOccurrences(of: #"/* , "description": title */"#, with: #", "description": title"#))
        let apps = [try Self.shopify(), try Self.netsuite()]
        let flow = try Self.read(text, apps: apps)
        #expect(
            Self.origins(flow, step: "create_sales_order", apps: apps)["item.items.description"]
                == "suggested (\(Self.confidence(generated, "item.items[].description"))) and accepted")
        let input = try #require(Self.step(flow, "create_sales_order")?.input)
        let value = try input.evaluate(
            ["line_items": [["title": "Mug", "quantity": 1]]], bindings: [:], options: EvaluationOptions())
        #expect(value?["item"]?["items"] == [["quantity": 1, "description": "Mug"]])
    }

    @Test("without a trigger in the app, the cursor is read from the action: the change time and the input taking it")
    func pollCursorFromSchemas() throws {
        let generated = try FlowGenerator(
            source: AppAction(app: Self.legacyCRM(), name: "list_contacts"),
            target: AppAction(app: Self.salesforce(), name: "upsert_contact"), trigger: .poll, flowId: "contacts"
        ).generate()
        let flow = try Self.read(generated.text, apps: [try Self.legacyCRM(), try Self.salesforce()])
        guard case .poll(let poll) = flow.trigger else {
            Issue.record("not a poll trigger")
            return
        }
        #expect(flow.id == "contacts")
        #expect(poll.cursor?.field?.source == "updated_at")
        #expect(poll.cursor?.parameter == "since")
        #expect(poll.key?.source == #"$string(id) & "@" & updated_at"#)
        #expect(generated.text.contains("fields:\n"))
        #expect(generated.text.contains("      FirstName: first_name"))
        #expect(generated.text.contains("# legacy_id: $string(id)"), "a number going into text becomes text")
        #expect(generated.unmatchedRequired.isEmpty)
    }

    @Test("manual: a first step calls the source action, and a list of records is mapped one by one")
    func manualTrigger() throws {
        let generated = try Self.orders(.manual)
        let flow = try Self.read(generated.text, apps: [try Self.shopify(), try Self.netsuite()])
        guard case .manual = flow.trigger else {
            Issue.record("not manual")
            return
        }
        #expect(flow.steps.first?.id == "list_orders")
        guard case .foreach(let loop) = flow.steps.last?.kind else {
            Issue.record("no foreach over the records: \(generated.text)")
            return
        }
        #expect(loop.items?.source == "$steps.list_orders")
        #expect(loop.steps.first?.id == "create_sales_order")
    }

    @Test("webhook: the payload is the source's output; a single-record source needs no loop")
    func webhookTrigger() throws {
        let generated = try FlowGenerator(
            source: AppAction(app: Self.shopify(), name: "get_order"),
            target: AppAction(app: Self.shopify(), name: "update_order"), trigger: .webhook
        ).generate()
        let flow = try Self.read(generated.text, apps: [try Self.shopify()])
        guard case .webhook(let webhook) = flow.trigger else {
            Issue.record("not a webhook")
            return
        }
        #expect(webhook.path == "/hooks/shopify-get_order-to-shopify-update_order")
        #expect(flow.connections.count == 1, "one connection for one app")
        #expect(flow.steps.map(\.id) == ["update_order"])
    }

    @Test("required target fields without a suggestion are marked to be mapped by hand")
    func requiredWithoutSuggestion() throws {
        let generated = try FlowGenerator(
            source: AppAction(app: Self.legacyCRM(), name: "list_contacts"),
            target: AppAction(app: Self.netsuite(), name: "create_sales_order"), trigger: .webhook
        ).generate()
        _ = try Self.read(generated.text, apps: [try Self.legacyCRM(), try Self.netsuite()])
        #expect(generated.unmatchedRequired.contains("item"))
        #expect(generated.text.contains("`item` is required by netsuite#create_sales_order and nothing was suggested"))
    }

    @Test("errors name the app, the action and the schema that is missing")
    func errors() throws {
        let shopify = try Self.shopify()
        do throws(FlowGenerationError) {
            _ = try AppAction(app: shopify, name: "list_invoices")
            Issue.record("an unknown action was accepted")
        } catch {
            #expect(error.message.contains("the app `shopify` has no action `list_invoices`"))
            #expect(error.message.contains("list_orders"))
        }
        let noOutput = try AppAction(app: Self.salesforce(), name: "find_user")
        let target = try AppAction(app: Self.netsuite(), name: "create_customer")
        do {
            _ = try FlowGenerator(source: noOutput, target: target, trigger: .poll).generate()
            Issue.record("a source without an output schema was accepted")
        } catch {
            #expect(error.message == "the action `salesforce#find_user` has no output schema")
        }
        do {
            _ = try FlowGenerator(source: target, target: target, trigger: .poll, flowId: "Not Valid").generate()
            Issue.record("an invalid flow id was accepted")
        } catch {
            #expect(error.message.contains("`Not Valid` is not a valid flow id"))
        }
    }

    @Test("the same actions give the same text")
    func deterministic() throws {
        #expect(try Self.orders(.poll).text == Self.orders(.poll).text)
    }
}
