import Foundation
import Testing
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime
import WeftTestSupport

@Suite("Example flow: shopify-orders-to-netsuite, against the Shopify and NetSuite simulators")
struct ShopifyOrdersToNetSuiteFlowTests {
    static let environment = [
        "SHOPIFY_ACCESS_TOKEN": ShopifySimulator.token, "SHOPIFY_WEBHOOK_SECRET": "whsec-test",
        "NETSUITE_CONSUMER_KEY": NetSuiteSimulator.verifier.consumerKey,
        "NETSUITE_CONSUMER_SECRET": NetSuiteSimulator.verifier.consumerSecret,
        "NETSUITE_TOKEN_ID": NetSuiteSimulator.verifier.token,
        "NETSUITE_TOKEN_SECRET": NetSuiteSimulator.verifier.tokenSecret,
    ]

    @Test func theFlowsOwnTestsPass() async throws {
        let example = try ExampleFlow("shopify-orders-to-netsuite", addresses: [:], environment: Self.environment)
        let results = await example.runOwnTests()
        #expect(results.count == 3)
        for result in results { #expect(result.passed, "\(result.name): \(result.failures)") }
    }

    @Test func paidOrdersBecomeSalesOrdersAgainstTheSimulators() async throws {
        let shopify = ShopifySimulator()
        let netsuite = NetSuiteSimulator()
        let shopifyServer = try await TestHTTPServer.start { shopify.handle($0) }
        let netsuiteServer = try await TestHTTPServer.start { netsuite.handle($0) }
        let transport = AsyncHTTPTransport()
        let outcome: Result<Void, any Error>
        do {
            try await Self.scenario(shopify, shopifyServer, netsuite, netsuiteServer, transport)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        try? await transport.shutdown()
        await shopifyServer.stop()
        await netsuiteServer.stop()
        try outcome.get()
    }

    static func scenario(
        _ shopify: ShopifySimulator, _ shopifyServer: TestHTTPServer, _ netsuite: NetSuiteSimulator,
        _ netsuiteServer: TestHTTPServer, _ transport: AsyncHTTPTransport
    ) async throws {
        let example = try ExampleFlow(
            "shopify-orders-to-netsuite",
            addresses: [
                "http://127.0.0.1:8081": shopifyServer.baseURL, "http://127.0.0.1:8082": netsuiteServer.baseURL,
            ],
            environment: Self.environment)
        let clock = ManualClock()
        let journal = RecordingJournal()

        // A known customer (ada@example.com is NetSuite customer 1001).
        let known = try #require(shopify.state.value.orders.first { $0["id"] == 5003 })
        let first = await example.run(known, transport: transport, clock: clock, journal: journal, runId: "run-5003")
        #expect(first.state == .succeeded, "\(first.error?.message ?? "")")
        let firstOutput = try #require(first.output)
        #expect(firstOutput["netsuite_customer"] == "1001")
        let orderId = try #require(firstOutput["netsuite_sales_order"]?.stringValue)
        let salesOrder = try #require(netsuite.state.value.salesOrders[orderId])
        #expect(salesOrder["externalId"] == "shopify-5003")
        #expect(salesOrder["otherRefNum"] == "#1003")
        #expect(salesOrder["item"]?["items"]?[0]?["item"]?["id"] == "301")
        #expect(salesOrder["total"] == 24)
        #expect(shopify.state.value.orders.first { $0["id"] == 5003 }?["tags"] == .string("netsuite:\(orderId)"))

        // An unknown customer is created first.
        let unknown = try #require(shopify.state.value.orders.first { $0["id"] == 5001 })
        let second = await example.run(unknown, transport: transport, clock: clock, journal: journal, runId: "run-5001")
        #expect(second.state == .succeeded, "\(second.error?.message ?? "")")
        let customerId = try #require(second.output?["netsuite_customer"]?.stringValue)
        #expect(netsuite.state.value.customers[customerId]?["externalId"] == "shopify-7101")
        #expect(netsuite.state.value.customers[customerId]?["email"] == "buyer1@example.com")

        // A pending order is filtered before any call.
        let before = netsuiteServer.requests.count
        let pending = try #require(shopify.state.value.orders.first { $0["id"] == 5005 })
        let third = await example.run(pending, transport: transport, clock: clock, journal: journal, runId: "run-5005")
        #expect(third.state == .filtered)
        #expect(netsuiteServer.requests.count == before)

        #expect(netsuite.state.value.refusals.isEmpty, "every NetSuite request was signed correctly")
        #expect(!journal.retries.isEmpty, "the simulators' throttling and errors were retried")
    }
}
