import Foundation
import Testing
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime
import WeftTestSupport

@Suite("Built-in app: netsuite, against the NetSuite simulator")
struct NetSuiteAppTests {
    static func connection(_ harness: CatalogHarness, tokenSecret: String = NetSuiteSimulator.verifier.tokenSecret)
        -> [String: JSON]
    {
        [
            "account_id": "1234567-sb1", "consumer_key": .string(NetSuiteSimulator.verifier.consumerKey),
            "consumer_secret": .string(NetSuiteSimulator.verifier.consumerSecret),
            "token_id": .string(NetSuiteSimulator.verifier.token), "token_secret": .string(tokenSecret),
            "rest_url": .string(harness.baseURL + "/services/rest"),
        ]
    }

    @Test func everyRequestCarriesAValidSignatureRetriesIncluded() async throws {
        let simulator = NetSuiteSimulator(faults: FaultSchedule(throttleEvery: 2, failEvery: 3))
        try await CatalogHarness.with(simulator) { harness in
            let client = try harness.client("netsuite", Self.connection(harness))
            let customer = try await harness.call(client, "get_customer", ["id": "1003"])
            #expect(customer["companyName"] == "Shortest Path BV")
            let changed = try await harness.call(
                client, "list_changed_customers", ["since": "2026-01-03 00:00:00", "limit": 2])
            #expect(changed.arrayValue?.compactMap { $0["id"]?.stringValue } == ["1002", "1003", "1004", "1005"])
            #expect(simulator.state.value.refusals.isEmpty, "refused: \(simulator.state.value.refusals)")
            let statuses = harness.journal.retries.compactMap(\.status)
            #expect(statuses.contains(429) && statuses.contains(500))
            let received = harness.server.requests
            #expect(received.allSatisfy { $0.header("Authorization")?.contains(#"realm="1234567_SB1""#) == true })
            let queries = received.filter { $0.path == "/services/rest/query/v1/suiteql" }
            #expect(queries.allSatisfy { $0.method == "POST" && $0.header("Prefer") == "transient" })
            #expect(Set(queries.compactMap { $0.queryValue("offset") }) == ["2"])
        }
    }

    @Test func aWrongTokenSecretGivesAnInvalidLogin() async throws {
        let simulator = NetSuiteSimulator(faults: .none)
        try await CatalogHarness.with(simulator) { harness in
            let client = try harness.client("netsuite", Self.connection(harness, tokenSecret: "not-the-secret"))
            let failure = await harness.failure(client, "get_customer", ["id": "1001"])
            #expect(failure?.status == 401)
            #expect(failure?.message.contains("INVALID_LOGIN") == true)
            #expect(simulator.state.value.refusals == ["signature mismatch"])
        }
    }

    @Test func customersAreFoundCreatedAndUpdated() async throws {
        let simulator = NetSuiteSimulator()
        try await CatalogHarness.with(simulator) { harness in
            let client = try harness.client("netsuite", Self.connection(harness))
            let found = try await harness.call(client, "find_customers_by_email", ["email": "Grace@Example.com"])
            #expect(found.arrayValue?.compactMap { $0["entityid"]?.stringValue } == ["CUST1002"])
            let quoted = try await harness.call(client, "find_customers_by_email", ["email": "o'brien@example.com"])
            #expect(quoted == [])

            let created = try await harness.call(
                client, "create_customer",
                [
                    "externalId": "shopify-7009", "companyName": "Difference Engines", "email": "charles@example.com",
                    "subsidiary": ["id": "1"],
                ])
            let id = try #require(created["id"]?.stringValue)
            #expect(created["location"]?.stringValue?.hasSuffix("/services/rest/record/v1/customer/\(id)") == true)
            #expect(simulator.state.value.customers[id]?["email"] == "charles@example.com")

            let duplicate = await harness.failure(
                client, "create_customer", ["externalId": "shopify-7009", "companyName": "Again"])
            #expect(duplicate?.status == 400)
            #expect(duplicate?.message.contains("same external ID") == true)

            let updated = try await harness.call(
                client, "update_customer", ["id": .string(id), "phone": "+44 20 7946 0000"])
            #expect(updated == ["updated": true])
            let patch = try #require(harness.server.requests.last { $0.method == "PATCH" })
            #expect(try JSONParser().parse(patch.body) == ["phone": "+44 20 7946 0000"])
            #expect(simulator.state.value.refusals.isEmpty)
        }
    }

    @Test func aSalesOrderIsCreatedAndReadBack() async throws {
        let simulator = NetSuiteSimulator()
        try await CatalogHarness.with(simulator) { harness in
            let client = try harness.client("netsuite", Self.connection(harness))
            let created = try await harness.call(
                client, "create_sales_order",
                [
                    "externalId": "shopify-5003", "entity": ["id": "1001"], "tranDate": "2026-01-03",
                    "otherRefNum": "#1003",
                    "item": ["items": [["item": ["externalId": "TEE-M-BLACK"], "quantity": 2, "rate": 24]]],
                ])
            let id = try #require(created["id"]?.stringValue)
            let order = try await harness.call(client, "get_sales_order", ["id": .string(id)])
            #expect(order["entity"]?["id"] == "1001")
            #expect(order["total"] == 48)
            #expect(order["item"]?["items"]?[0]?["item"]?["id"] == "301")

            let invalid = await harness.failure(
                client, "create_sales_order", ["entity": ["id": "1001"], "item": ["items": []]])
            #expect(invalid?.kind == .validation, "the input schema wants at least one line")
            #expect(simulator.state.value.refusals.isEmpty)
        }
    }

    @Test func theCustomerChangedPollResumesFromTheLastModification() async throws {
        let simulator = NetSuiteSimulator(faults: .none)
        try await CatalogHarness.with(simulator) { harness in
            let delivered = try await harness.poll(
                "netsuite", trigger: "customer_changed", connection: Self.connection(harness), polls: 2,
                between: { call in
                    guard call == 1 else { return }
                    simulator.state.update { state in
                        state.customers["1001"] = state.customers["1001"]?.setting(
                            "lastModifiedDate", "2026-01-20T12:00:00Z")
                    }
                })
            #expect(delivered.compactMap { $0["id"]?.stringValue } == ["1001", "1002", "1003", "1004", "1005", "1001"])
            let last = try #require(harness.server.requests.last)
            let query = try JSONParser().parse(last.body)["q"]?.stringValue ?? ""
            #expect(query.contains("TO_TIMESTAMP('2026-01-06 08:00:00'"))
            #expect(simulator.state.value.refusals.isEmpty)
        }
    }
}
