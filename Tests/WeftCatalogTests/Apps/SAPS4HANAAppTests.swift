import Foundation
import Testing
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime
import WeftTestSupport

@Suite("Built-in app: sap-s4hana, against the SAP S/4HANA simulator")
struct SAPS4HANAAppTests {
    static func connection(_ harness: CatalogHarness, password: String = SAPSimulator.password) -> [String: JSON] {
        [
            "host_url": .string(harness.baseURL), "username": .string(SAPSimulator.username),
            "password": .string(password), "sap_client": .string(SAPSimulator.client),
        ]
    }

    static let basic = "Basic " + Data("\(SAPSimulator.username):\(SAPSimulator.password)".utf8).base64EncodedString()

    @Test func listsFollowNextLinksWithBasicCredentials() async throws {
        let simulator = SAPSimulator(faults: .none)
        try await CatalogHarness.with(simulator) { harness in
            let client = try harness.client("sap-s4hana", Self.connection(harness))
            let partners = try await harness.call(client, "list_business_partners")
            #expect(
                partners.arrayValue?.compactMap { $0["BusinessPartner"]?.stringValue } == (1...7).map { "100000\($0)" })
            #expect(partners[0]?["to_BusinessPartnerAddress"]?["__deferred"] != nil)

            let received = harness.server.requests
            #expect(received.count == 3, "three pages of three")
            #expect(received.allSatisfy { $0.header("Authorization") == Self.basic })
            #expect(received.allSatisfy { $0.header("sap-client") == SAPSimulator.client })
            #expect(received.allSatisfy { $0.path == "/sap/opu/odata/sap/API_BUSINESS_PARTNER/A_BusinessPartner" })
            #expect(received.allSatisfy { $0.header("X-CSRF-Token") == nil }, "reads fetch no token")
            #expect(received.compactMap { $0.queryValue("$skiptoken") } == ["3", "6"])
            #expect(received.allSatisfy { $0.queryValue("$orderby") == "BusinessPartner" })

            // A window by $top/$skip, a category and selected properties, with addresses.
            let people = try await harness.call(
                client, "list_business_partners", ["category": "2", "skip": 1, "top": 4, "includeAddresses": true])
            #expect(
                people.arrayValue?.compactMap { $0["BusinessPartner"]?.stringValue } == [
                    "1000002", "1000003", "1000005", "1000007",
                ])
            #expect(people[1]?["to_BusinessPartnerAddress"]?["results"]?[0]?["CityName"] == "Berlin")
            let window = harness.server.requests.suffix(2)
            #expect(window.first?.queryValue("$filter") == "BusinessPartnerCategory eq '2'")
            #expect(window.allSatisfy { $0.queryValue("$top") == "4" && $0.queryValue("$skip") == "1" })
        }
    }

    @Test func throttlingAndUnavailabilityAreRetried() async throws {
        let simulator = SAPSimulator(faults: FaultSchedule(throttleEvery: 2, failEvery: 3), pageSize: 2)
        try await CatalogHarness.with(simulator) { harness in
            let client = try harness.client("sap-s4hana", Self.connection(harness))
            let orders = try await harness.call(client, "list_sales_orders", ["includeItems": true])
            #expect(orders.arrayValue?.count == 5)
            #expect(orders[4]?["to_Item"]?["results"]?[0]?["Material"] == "TG11")
            let statuses = harness.journal.retries.compactMap(\.status)
            #expect(statuses.contains(429) && statuses.contains(503))
            #expect(harness.journal.retries.filter { $0.status == 429 }.allSatisfy { $0.waitMilliseconds >= 2000 })
        }
    }

    @Test func writesCarryAFetchedTokenAndItsSessionCookie() async throws {
        let simulator = SAPSimulator(faults: .none)
        try await CatalogHarness.with(simulator) { harness in
            let client = try harness.client("sap-s4hana", Self.connection(harness))
            let created = try await harness.call(
                client, "create_business_partner",
                [
                    "BusinessPartnerCategory": "2", "OrganizationBPName1": "Weft Integration GmbH",
                    "SearchTerm1": "WEFT",
                    "to_BusinessPartnerAddress": [
                        "results": [
                            ["Country": "DE", "CityName": "Leipzig", "PostalCode": "04109", "StreetName": "Markt"]
                        ]
                    ],
                ])
            let id = try #require(created["BusinessPartner"]?.stringValue)
            #expect(created["BusinessPartnerFullName"] == "Weft Integration GmbH")
            #expect(created["to_BusinessPartnerAddress"]?["results"]?[0]?["CityName"] == "Leipzig")

            let fetch = try #require(harness.server.requests.first)
            #expect(fetch.method == "GET" && fetch.path == "/sap/opu/odata/sap/API_BUSINESS_PARTNER/")
            #expect(fetch.header("X-CSRF-Token") == "Fetch")
            #expect(fetch.header("Authorization") == Self.basic)
            let post = try #require(harness.server.requests.last)
            #expect(post.method == "POST")
            #expect(post.header("X-CSRF-Token") == "csrf-1-Qm9vbGVhbg==")
            #expect(post.header("Cookie")?.contains("\(SAPSimulator.sessionCookie)=s4h-session-1") == true)

            let updated = try await harness.call(
                client, "update_business_partner", ["BusinessPartner": .string(id), "SearchTerm1": "WEFTINT"])
            #expect(updated == ["updated": true])
            let patch = try #require(harness.server.requests.last)
            #expect(patch.method == "PATCH")
            #expect(patch.path == "/sap/opu/odata/sap/API_BUSINESS_PARTNER/A_BusinessPartner('\(id)')")
            #expect(try JSONParser().parse(patch.body) == ["SearchTerm1": "WEFTINT"])
            #expect(simulator.state.value.issuedSessions == 1, "the token is reused while it is accepted")

            // The session ends: the next write is refused once, a new token is fetched and the write repeated.
            simulator.expireSessions()
            let order = try await harness.call(
                client, "create_sales_order",
                [
                    "SalesOrderType": "OR", "SalesOrganization": "1010", "DistributionChannel": "10",
                    "OrganizationDivision": "00", "SoldToParty": "10100003", "PurchaseOrderByCustomer": "PO-WEFT-1",
                    "to_Item": [
                        "results": [
                            ["Material": "TG12", "RequestedQuantity": "2"],
                            ["Material": "SVC-INSTALL", "RequestedQuantity": "1.5", "RequestedQuantityUnit": "H"],
                        ]
                    ],
                ])
            #expect(order["TotalNetAmount"] == "232.50")
            #expect(order["to_Item"]?["results"]?[1]?["SalesOrderItem"] == "20")
            #expect(simulator.state.value.refusedWrites == 1)
            #expect(simulator.state.value.issuedSessions == 2)
            let writes = harness.server.requests.filter { $0.path.hasSuffix("/A_SalesOrder") }
            #expect(writes.map { $0.header("X-CSRF-Token") } == ["csrf-1-Qm9vbGVhbg==", "csrf-2-Qm9vbGVhbg=="])

            let read = try await harness.call(client, "get_sales_order", ["SalesOrder": order["SalesOrder"] ?? .null])
            #expect(read["PurchaseOrderByCustomer"] == "PO-WEFT-1")
            #expect(read["to_Item"]?["results"]?.arrayValue?.count == 2)
        }
    }

    @Test func errorsShowSAPsMessage() async throws {
        let simulator = SAPSimulator(faults: .none)
        try await CatalogHarness.with(simulator) { harness in
            let client = try harness.client("sap-s4hana", Self.connection(harness))
            let missing = await harness.failure(client, "get_business_partner", ["BusinessPartner": "999"])
            #expect(missing?.status == 404)
            #expect(missing?.message.contains("Resource not found for the key BusinessPartner='999'") == true)
            let unnamed = await harness.failure(client, "create_business_partner", ["BusinessPartnerCategory": "2"])
            #expect(unnamed?.status == 400)
            #expect(unnamed?.message.contains("Enter a name for an organization") == true)
            let unknownCustomer = await harness.failure(
                client, "create_sales_order",
                [
                    "SalesOrderType": "OR", "SalesOrganization": "1010", "DistributionChannel": "10",
                    "OrganizationDivision": "00", "SoldToParty": "10199999",
                    "to_Item": ["results": [["Material": "TG11", "RequestedQuantity": "1"]]],
                ])
            #expect(unknownCustomer?.message.contains("is not a customer") == true)

            let denied = try harness.client("sap-s4hana", Self.connection(harness, password: "wrong"))
            let refused = await harness.failure(denied, "get_business_partner", ["BusinessPartner": "1000001"])
            #expect(refused?.status == 401)
            let partner = try await harness.call(
                client, "get_business_partner", ["BusinessPartner": "1000003", "includeAddresses": true])
            #expect(partner["OrganizationBPName1"] == "Becker Berlin AG")
            #expect(partner["to_BusinessPartnerAddress"]?["results"]?[0]?["PostalCode"] == "10117")
        }
    }

    @Test func salesOrdersByCustomerAndChangeTime() async throws {
        let simulator = SAPSimulator(faults: .none)
        try await CatalogHarness.with(simulator) { harness in
            let client = try harness.client("sap-s4hana", Self.connection(harness))
            let becker = try await harness.call(client, "list_sales_orders", ["soldToParty": "10100003"])
            #expect(becker.arrayValue?.compactMap { $0["SalesOrder"]?.stringValue } == ["5000002", "5000004"])
            let recent = try await harness.call(
                client, "list_sales_orders", ["changedSince": "2026-01-04T08:00:00Z", "orderby": "SalesOrder desc"])
            #expect(
                recent.arrayValue?.compactMap { $0["SalesOrder"]?.stringValue } == ["5000005", "5000004", "5000003"])
            let last = try #require(harness.server.requests.first { $0.queryValue("$orderby") == "SalesOrder desc" })
            #expect(last.queryValue("$filter") == "LastChangeDateTime ge datetimeoffset'2026-01-04T08:00:00Z'")
        }
    }

    @Test func theBusinessPartnerPollResumesFromTheLatestDay() async throws {
        let simulator = SAPSimulator(faults: .none)
        try await CatalogHarness.with(simulator) { harness in
            let partners = try await harness.poll(
                "sap-s4hana", trigger: "business_partner_changed", connection: Self.connection(harness), polls: 2,
                initialCursor: "2026-01-05",
                between: { call in
                    guard call == 1 else { return }
                    simulator.state.update { state in
                        state.partners[0] = state.partners[0].setting(
                            "LastChangeDate", SAPSimulator.date(1_768_003_200_000)
                        )
                        .setting("LastChangeTime", "PT07H00M00S")
                    }
                })
            #expect(
                partners.compactMap { $0["BusinessPartner"]?.stringValue } == [
                    "1000003", "1000005", "1000006", "1000001",
                ])
            #expect(partners.allSatisfy { $0["to_BusinessPartnerAddress"]?["results"] != nil })
            let second = try #require(harness.server.requests.last)
            #expect(
                second.queryValue("$filter")
                    == "(CreationDate ge datetime'2026-01-08T00:00:00' or LastChangeDate ge datetime'2026-01-08T00:00:00')"
            )
        }
    }

    @Test func theSalesOrderPollResumesFromTheLatestChangeTime() async throws {
        let simulator = SAPSimulator(faults: .none)
        try await CatalogHarness.with(simulator) { harness in
            let orders = try await harness.poll(
                "sap-s4hana", trigger: "sales_order_changed", connection: Self.connection(harness), polls: 2,
                initialCursor: "2026-01-04T08:00:00.000Z")
            #expect(orders.compactMap { $0["SalesOrder"]?.stringValue } == ["5000003", "5000004", "5000005"])
            let last = try #require(harness.server.requests.last)
            #expect(last.queryValue("$filter") == "LastChangeDateTime ge datetimeoffset'2026-01-06T08:00:00.000Z'")
        }
    }
}
