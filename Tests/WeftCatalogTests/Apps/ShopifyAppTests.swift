import Crypto
import Foundation
import Testing
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime
import WeftTestSupport

@Suite("Built-in app: shopify, against the Shopify simulator")
struct ShopifyAppTests {
    static func connection(_ harness: CatalogHarness, token: String = ShopifySimulator.token) -> [String: JSON] {
        ["shop_url": .string(harness.baseURL), "access_token": .string(token)]
    }

    @Test func listOrdersFollowsLinkHeadersThroughThrottlingAndServerErrors() async throws {
        let simulator = ShopifySimulator()
        try await CatalogHarness.with(simulator) { harness in
            let client = try harness.client("shopify", Self.connection(harness))
            let orders = try await harness.call(client, "list_orders", ["limit": 2])
            let ids = orders.arrayValue?.compactMap { $0["id"]?.numberValue } ?? []
            #expect(ids == [5007, 5006, 5005, 5004, 5003, 5002, 5001])

            let received = harness.server.requests
            #expect(received.allSatisfy { $0.header("X-Shopify-Access-Token") == ShopifySimulator.token })
            #expect(received.allSatisfy { $0.path == "/admin/api/2025-01/orders.json" })
            #expect(received[0].queryValue("status") == "any")
            #expect(received[0].queryValue("limit") == "2")
            let following = received.filter { $0.queryValue("page_info") != nil }
            #expect(!following.isEmpty)
            #expect(following.allSatisfy { request in request.query.map(\.name).sorted() == ["limit", "page_info"] })
            // 4 pages, plus one retry per fault: request 4 was throttled.
            #expect(received.count == 5)
            let retries = harness.journal.retries
            #expect(retries.map(\.status) == [429])
            #expect(retries.first.map { $0.waitMilliseconds >= 2000 } == true, "Retry-After: 2.0 is honoured")
        }
    }

    @Test func everyThrottleAndServerErrorIsRetried() async throws {
        let simulator = ShopifySimulator(faults: FaultSchedule(throttleEvery: 3, failEvery: 2))
        try await CatalogHarness.with(simulator) { harness in
            let client = try harness.client("shopify", Self.connection(harness))
            let orders = try await harness.call(client, "list_orders", ["limit": 3])
            #expect(orders.arrayValue?.count == 7)
            let statuses = harness.journal.retries.compactMap(\.status)
            #expect(statuses.contains(429) && statuses.contains(503))
            let throttledWaits = harness.journal.retries.filter { $0.status == 429 }.map(\.waitMilliseconds)
            #expect(throttledWaits.allSatisfy { $0 >= 2000 })
        }
    }

    @Test func filtersAreSentOnTheFirstPageOnly() async throws {
        try await CatalogHarness.with(ShopifySimulator(faults: .none)) { harness in
            let client = try harness.client("shopify", Self.connection(harness))
            let orders = try await harness.call(
                client, "list_orders",
                ["financial_status": "paid", "updated_at_min": "2026-01-03T00:00:00-05:00", "limit": 1])
            #expect(orders.arrayValue?.compactMap { $0["name"]?.stringValue } == ["#1007", "#1006", "#1004", "#1003"])
            let first = try #require(harness.server.requests.first)
            #expect(first.queryValue("financial_status") == "paid")
            #expect(first.queryValue("updated_at_min") == "2026-01-03T00:00:00-05:00")
        }
    }

    @Test func getAndUpdateAnOrderUnwrapTheEnvelope() async throws {
        try await CatalogHarness.with(ShopifySimulator(faults: .none)) { harness in
            let client = try harness.client("shopify", Self.connection(harness))
            let order = try await harness.call(client, "get_order", ["id": 5003])
            #expect(order["name"] == "#1003")
            #expect(order["line_items"]?[0]?["sku"] == "TEE-M-BLACK")

            let updated = try await harness.call(
                client, "update_order", ["id": 5003, "tags": "netsuite-synced", "note": "SO-1003"])
            #expect(updated["tags"] == "netsuite-synced")
            #expect(updated["note"] == "SO-1003")
            let put = try #require(harness.server.requests.last)
            #expect(put.method == "PUT" && put.path == "/admin/api/2025-01/orders/5003.json")
            let body = try JSONParser().parse(put.body)
            #expect(body["order"]?["id"] == 5003)
            #expect(body["order"]?["tags"] == "netsuite-synced")
            #expect(put.header("Content-Type") == "application/json")

            let missing = await harness.failure(client, "get_order", ["id": 1])
            #expect(missing?.status == 404)
        }
    }

    @Test func customersAreSearchedCreatedAndUpdated() async throws {
        try await CatalogHarness.with(ShopifySimulator(faults: .none)) { harness in
            let client = try harness.client("shopify", Self.connection(harness))
            let found = try await harness.call(client, "search_customers", ["query": "email:ADA@example.com"])
            #expect(found.arrayValue?.compactMap { $0["id"]?.numberValue } == [7001])
            let wholesale = try await harness.call(client, "search_customers", ["query": "tag:wholesale", "limit": 1])
            #expect(wholesale.arrayValue?.compactMap { $0["id"]?.numberValue } == [7003, 7001])

            let created = try await harness.call(
                client, "create_customer",
                ["email": "alan@example.com", "first_name": "Alan", "last_name": "Turing", "tags": "b2b"])
            let id = try #require(created["id"]?.numberValue)
            #expect(created["email"] == "alan@example.com")
            let post = try #require(harness.server.requests.last)
            #expect(try JSONParser().parse(post.body)["customer"]?["last_name"] == "Turing")

            let duplicate = await harness.failure(client, "create_customer", ["email": "alan@example.com"])
            #expect(duplicate?.status == 422, "a validation error is not retried")
            #expect(duplicate?.message.contains("has already been taken") == true)

            let updated = try await harness.call(
                client, "update_customer", ["id": .number(id), "note": "imported", "tags": "b2b, netsuite"])
            #expect(updated["note"] == "imported")
            #expect(updated["first_name"] == "Alan")

            let all = try await harness.call(client, "list_customers", ["limit": 2])
            #expect(all.arrayValue?.count == 5)
            let products = try await harness.call(client, "list_products", ["status": "active"])
            #expect(products.arrayValue?.count == 3, "the simulator lists every product; the filter is passed on")
            #expect(products[0]?["variants"]?[0]?["sku"] != nil)
        }
    }

    @Test func aWrongTokenIsRefusedWithoutRetries() async throws {
        try await CatalogHarness.with(ShopifySimulator(faults: .none)) { harness in
            let client = try harness.client("shopify", Self.connection(harness, token: "shpat_wrong"))
            let failure = await harness.failure(client, "list_orders")
            #expect(failure?.status == 401)
            #expect(harness.server.requests.count == 1)
            #expect(failure?.message.contains("shpat_wrong") == false, "the token is masked")
        }
    }

    @Test func theOrderPaidWebhookVerifiesShopifysSignature() throws {
        let app = try CatalogHarness.app("shopify")
        guard case .webhook(let webhook)? = app.triggers["order_paid"]?.trigger, let verify = webhook.verify else {
            Issue.record("order_paid is not a verified webhook")
            return
        }
        #expect(verify.scheme == .shopify)
        let secret = "whsec-shopify-test"
        let body = Array(#"{"id":5003,"financial_status":"paid"}"#.utf8)
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.utf8)))
        let signature = Data(mac).base64EncodedString()
        let verifier = WebhookVerifier(verification: verify, secret: SecretString(secret))
        let headers = [("X-Shopify-Hmac-Sha256", signature), ("X-Shopify-Topic", "orders/paid")]
        #expect(throws: Never.self) { try verifier.verify(headers: headers, body: body, now: Date()) }
        #expect(throws: WebhookRejection.self) {
            try verifier.verify(headers: headers, body: body + Array(" ".utf8), now: Date())
        }
    }

    @Test func theOrderUpdatedPollDeliversChangedOrdersOnce() async throws {
        let simulator = ShopifySimulator(faults: .none)
        try await CatalogHarness.with(simulator) { harness in
            let delivered = try await harness.poll(
                "shopify", trigger: "order_updated", connection: Self.connection(harness), polls: 2,
                between: { call in
                    if call == 1 {
                        simulator.state.update { state in
                            state.orders[1] = state.orders[1].setting("updated_at", "2026-01-09T08:00:00-05:00")
                        }
                    }
                })
            let names = delivered.compactMap { $0["name"]?.stringValue }
            #expect(names.count == 8)
            #expect(Set(names.prefix(7)).count == 7)
            #expect(names.last == "#1002")
            let second = try #require(harness.server.requests.last)
            #expect(second.queryValue("updated_at_min") == "2026-01-07T10:30:00-05:00")
        }
    }
}
