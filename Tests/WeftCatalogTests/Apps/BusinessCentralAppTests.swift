import Foundation
import Testing
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime
import WeftTestSupport

@Suite("Built-in app: dynamics365-business-central, against the Business Central simulator")
struct BusinessCentralAppTests {
    static let app = "dynamics365-business-central"

    static func connection(_ harness: CatalogHarness, secret: String = BusinessCentralSimulator.clientSecret)
        -> [String: JSON]
    {
        [
            "tenant_id": .string(BusinessCentralSimulator.tenant),
            "company_id": .string(BusinessCentralSimulator.companyId),
            "client_id": .string(BusinessCentralSimulator.clientId), "client_secret": .string(secret),
            "api_url": .string(harness.baseURL), "login_url": .string(harness.baseURL),
        ]
    }

    @Test func aTokenForTheExactScopeThenBearerOnEveryPage() async throws {
        let simulator = BusinessCentralSimulator()
        try await CatalogHarness.with(simulator) { harness in
            let client = try harness.client(Self.app, Self.connection(harness))
            let customers = try await harness.call(client, "list_customers")
            #expect(customers.arrayValue?.compactMap { $0["number"]?.stringValue } == (0...4).map { "C1000\($0)" })
            #expect(
                customers.arrayValue?.allSatisfy { $0["@odata.etag"]?.stringValue?.hasPrefix("W/\"") == true } == true)

            #expect(simulator.issuer.issuedCount == 1)
            let form = try #require(simulator.issuer.state.value.forms.first)
            #expect(
                form == [
                    "grant_type": "client_credentials", "client_id": BusinessCentralSimulator.clientId,
                    "client_secret": BusinessCentralSimulator.clientSecret,
                    "scope": "https://api.businesscentral.dynamics.com/.default",
                ])
            let token = try #require(harness.server.requests.first)
            #expect(token.path == "/\(BusinessCentralSimulator.tenant)/oauth2/v2.0/token")
            let data = harness.server.requests.dropFirst()
            #expect(
                data.allSatisfy { $0.header("Authorization") == "Bearer at-\(BusinessCentralSimulator.clientId)-1" })
            #expect(data.allSatisfy { $0.path == BusinessCentralSimulator.companyPath + "/customers" })
            // Three pages of two, each continued by the nextLink's opaque $skiptoken.
            #expect(data.filter { $0.queryValue("$skiptoken") != nil }.count == 2)
            #expect(harness.journal.retries.map(\.status) == [])
            #expect(data.count == 3)
        }
    }

    @Test func throttlingWaitsForRetryAfterAndUnavailabilityIsRetried() async throws {
        let simulator = BusinessCentralSimulator(faults: FaultSchedule(throttleEvery: 2, failEvery: 3), pageSize: 1)
        try await CatalogHarness.with(simulator) { harness in
            let client = try harness.client(Self.app, Self.connection(harness))
            let items = try await harness.call(client, "list_items")
            #expect(items.arrayValue?.count == 6)
            let statuses = harness.journal.retries.compactMap(\.status)
            #expect(statuses.contains(429) && statuses.contains(503))
            #expect(harness.journal.retries.filter { $0.status == 429 }.allSatisfy { $0.waitMilliseconds >= 5000 })
        }
    }

    @Test func aWrongSecretIsRefusedByTheTokenEndpoint() async throws {
        let simulator = BusinessCentralSimulator(faults: .none)
        try await CatalogHarness.with(simulator) { harness in
            let client = try harness.client(Self.app, Self.connection(harness, secret: "not-the-secret"))
            let failure = await harness.failure(client, "list_items")
            #expect(failure?.message.contains("invalid_client") == true)
            #expect(simulator.issuer.issuedCount == 0)
            #expect(simulator.state.value.dataRequests == 0)
        }
    }

    @Test func customersAreCreatedAndChangedWithTheirEtag() async throws {
        let simulator = BusinessCentralSimulator(faults: .none)
        try await CatalogHarness.with(simulator) { harness in
            let client = try harness.client(Self.app, Self.connection(harness))
            let created = try await harness.call(
                client, "create_customer",
                ["displayName": "Weft Labs", "email": "ap@weft.example", "city": "Portland", "country": "US"])
            let id = try #require(created["id"]?.stringValue)
            #expect(created["number"] == "C10010")
            let etag = try #require(created["@odata.etag"]?.stringValue)

            let found = try await harness.call(client, "list_customers", ["email": "ap@weft.example"])
            #expect(found.arrayValue?.count == 1)
            #expect(harness.server.requests.last?.queryValue("$filter") == "email eq 'ap@weft.example'")

            let updated = try await harness.call(
                client, "update_customer", ["id": .string(id), "etag": .string(etag), "phoneNumber": "+1 503 555 0100"])
            #expect(updated["phoneNumber"] == "+1 503 555 0100")
            let patch = try #require(harness.server.requests.last)
            #expect(patch.header("If-Match") == etag)
            #expect(try JSONParser().parse(patch.body) == ["phoneNumber": "+1 503 555 0100"])

            // The old etag is stale now: Business Central refuses rather than overwrites.
            let stale = await harness.failure(
                client, "update_customer", ["id": .string(id), "etag": .string(etag), "displayName": "Weft"])
            #expect(stale?.status == 412)
            #expect(stale?.message.contains("Request_EntityChanged") == true)
            #expect(simulator.state.value.staleChanges == 1)
            let forced = try await harness.call(client, "update_customer", ["id": .string(id), "displayName": "Weft"])
            #expect(forced["displayName"] == "Weft")
            #expect(harness.server.requests.last?.header("If-Match") == "*")

            let read = try await harness.call(client, "get_customer", ["id": .string(id)])
            #expect(read["phoneNumber"] == "+1 503 555 0100")
            let duplicate = await harness.failure(client, "create_customer", ["number": "C10001", "displayName": "x"])
            #expect(duplicate?.message.contains("Internal_EntityWithSameKeyExists") == true)
        }
    }

    @Test func salesOrdersAndInvoicesWithTheirLines() async throws {
        let simulator = BusinessCentralSimulator(faults: .none)
        try await CatalogHarness.with(simulator) { harness in
            let client = try harness.client(Self.app, Self.connection(harness))
            let order = try await harness.call(
                client, "create_sales_order",
                [
                    "customerNumber": "C10003", "externalDocumentNumber": "PO-778",
                    "salesOrderLines": [
                        ["lineObjectNumber": "1896-S", "quantity": 1],
                        ["lineType": "Item", "lineObjectNumber": "TRAVEL", "quantity": 2, "unitPrice": 35],
                    ],
                ])
            #expect(order["customerName"] == "Alpine Ski House")
            #expect(order["totalAmountExcludingTax"] == 1_070.8)
            let orderId = try #require(order["id"]?.stringValue)
            let line = try await harness.call(
                client, "add_sales_order_line",
                ["salesOrderId": .string(orderId), "lineObjectNumber": "1908-S", "quantity": 1, "discountPercent": 10])
            #expect(line["amountExcludingTax"] == 171.09)
            #expect(line["sequence"] == 30_000)
            let orders = try await harness.call(
                client, "list_sales_orders", ["customerNumber": "C10003", "includeLines": true])
            #expect(orders.arrayValue?.count == 1)
            #expect(orders[0]?["salesOrderLines"]?.arrayValue?.count == 3)
            #expect(orders[0]?["totalAmountExcludingTax"] == 1_241.89)

            let invoice = try await harness.call(
                client, "create_sales_invoice",
                [
                    "customerNumber": "C10000", "externalDocumentNumber": "ST-J-61003", "invoiceDate": "2026-01-03",
                    "salesInvoiceLines": [
                        ["lineObjectNumber": "SVC-HOUR", "quantity": 2, "description": "Technician labour"],
                        ["lineObjectNumber": "FILTER-16X25", "quantity": 1],
                    ],
                ])
            #expect(invoice["status"] == "Draft")
            #expect(invoice["totalAmountIncludingTax"] == 245)
            let byReference = try await harness.call(
                client, "list_sales_invoices", ["externalDocumentNumber": "ST-J-61003"])
            #expect(byReference.arrayValue?.compactMap { $0["id"] } == [invoice["id"] ?? .null])
            let read = try await harness.call(client, "get_sales_invoice", ["id": invoice["id"] ?? .null])
            #expect(read["salesInvoiceLines"]?[0]?["description"] == "Technician labour")
            #expect(read["salesInvoiceLines"]?[1]?["unitPrice"] == 55)

            let unknownItem = await harness.failure(
                client, "create_sales_invoice",
                ["customerNumber": "C10000", "salesInvoiceLines": [["lineObjectNumber": "NOPE", "quantity": 1]]])
            #expect(unknownItem?.status == 400)
            #expect(unknownItem?.message.contains("The Item does not exist") == true)
        }
    }

    @Test func theCustomerPollResumesAfterTheLatestChange() async throws {
        let simulator = BusinessCentralSimulator(faults: .none)
        try await CatalogHarness.with(simulator) { harness in
            let delivered = try await harness.poll(
                Self.app, trigger: "customer_changed", connection: Self.connection(harness), polls: 2,
                initialCursor: "2026-01-03T12:00:00.000Z",
                between: { call in
                    guard call == 1 else { return }
                    simulator.state.update { state in
                        var customers = state.sets["customers"] ?? []
                        customers[0] = customers[0].setting("lastModifiedDateTime", "2026-01-09T09:00:00.000Z")
                        state.sets["customers"] = customers
                    }
                })
            #expect(delivered.compactMap { $0["number"]?.stringValue } == ["C10002", "C10003", "C10004", "C10000"])
            let last = try #require(harness.server.requests.last)
            #expect(last.queryValue("$filter") == "lastModifiedDateTime gt 2026-01-06T08:00:00.000Z")
            #expect(last.queryValue("$orderby") == "lastModifiedDateTime")
        }
    }
}
