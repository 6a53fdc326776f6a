import Foundation
import Testing
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime
import WeftTestSupport

@Suite("Built-in app: dynamics365-dataverse, against the Dataverse simulator")
struct DataverseAppTests {
    static let app = "dynamics365-dataverse"

    static func connection(_ harness: CatalogHarness, environment: String = DataverseSimulator.environmentURL)
        -> [String: JSON]
    {
        [
            "environment_url": .string(environment), "tenant_id": .string(DataverseSimulator.tenant),
            "client_id": .string(DataverseSimulator.clientId),
            "client_secret": .string(DataverseSimulator.clientSecret),
            "api_url": .string(harness.baseURL), "login_url": .string(harness.baseURL),
        ]
    }

    @Test func aTokenForTheEnvironmentsScopeThenPagesOfTheSizeAskedFor() async throws {
        let simulator = DataverseSimulator(faults: .none)
        try await CatalogHarness.with(simulator) { harness in
            let client = try harness.client(Self.app, Self.connection(harness))
            let accounts = try await harness.call(client, "list_accounts", ["pageSize": 3])
            #expect(
                accounts.arrayValue?.compactMap { $0["name"]?.stringValue } == [
                    "Adventure Works", "Fourth Coffee", "Lisboa Trading", "Litware, Inc.",
                ])
            let form = try #require(simulator.issuer.state.value.forms.first)
            #expect(
                form == [
                    "grant_type": "client_credentials", "client_id": DataverseSimulator.clientId,
                    "client_secret": DataverseSimulator.clientSecret,
                    "scope": "https://contoso.crm.dynamics.com/.default",
                ])
            let data = harness.server.requests.dropFirst()
            #expect(data.count == 2)
            #expect(data.allSatisfy { $0.path == "/api/data/v9.2/accounts" })
            #expect(data.allSatisfy { $0.header("Authorization") == "Bearer at-\(DataverseSimulator.clientId)-1" })
            #expect(data.allSatisfy { $0.header("Prefer") == "odata.maxpagesize=3" })
            #expect(data.allSatisfy { $0.header("OData-Version") == "4.0" && $0.header("OData-MaxVersion") == "4.0" })
            #expect(data.first?.queryValue("$select")?.hasPrefix("accountid,name,accountnumber,") == true)
            #expect(data.last?.queryValue("$skiptoken")?.contains("pagenumber=\"2\"") == true)
        }
    }

    @Test func aConnectionForAnotherEnvironmentGetsNoToken() async throws {
        let simulator = DataverseSimulator(faults: .none)
        try await CatalogHarness.with(simulator) { harness in
            let client = try harness.client(
                Self.app, Self.connection(harness, environment: "https://fabrikam.crm4.dynamics.com"))
            let failure = await harness.failure(client, "list_contacts")
            #expect(failure?.message.contains("invalid_scope") == true)
            #expect(simulator.issuer.state.value.forms.first?["scope"] == "https://fabrikam.crm4.dynamics.com/.default")
            #expect(simulator.state.value.dataRequests == 0)
        }
    }

    @Test func serviceProtectionLimitsAreWaitedOut() async throws {
        let simulator = DataverseSimulator(faults: FaultSchedule(throttleEvery: 2, failEvery: 3))
        try await CatalogHarness.with(simulator) { harness in
            let client = try harness.client(Self.app, Self.connection(harness))
            let contacts = try await harness.call(client, "list_contacts", ["pageSize": 1])
            #expect(contacts.arrayValue?.count == 3)
            let statuses = harness.journal.retries.compactMap(\.status)
            #expect(statuses.contains(429) && statuses.contains(503))
            #expect(harness.journal.retries.filter { $0.status == 429 }.allSatisfy { $0.waitMilliseconds >= 4000 })
        }
    }

    @Test func accountsAreCreatedAndChangedWithTheirRepresentation() async throws {
        let simulator = DataverseSimulator(faults: .none)
        try await CatalogHarness.with(simulator) { harness in
            let client = try harness.client(Self.app, Self.connection(harness))
            let created = try await harness.call(
                client, "create_account",
                ["name": "Weft Integration GmbH", "accountnumber": "SAP-1000101", "address1_city": "Leipzig"])
            let id = try #require(created["accountid"]?.stringValue)
            #expect(created["address1_city"] == "Leipzig")
            #expect(created["statecode"] == 0)
            let post = try #require(harness.server.requests.last)
            #expect(post.header("Prefer") == "return=representation")

            let updated = try await harness.call(
                client, "update_account", ["accountid": .string(id), "telephone1": "+49 341 555 0100"])
            #expect(updated["telephone1"] == "+49 341 555 0100")
            #expect(updated["name"] == "Weft Integration GmbH")
            let patch = try #require(harness.server.requests.last)
            #expect(patch.header("If-Match") == "*")
            #expect(try JSONParser().parse(patch.body) == ["telephone1": "+49 341 555 0100"])

            let found = try await harness.call(client, "list_accounts", ["accountnumber": "SAP-1000101"])
            #expect(found.arrayValue?.compactMap { $0["accountid"]?.stringValue } == [id])
            let fuzzy = try await harness.call(client, "list_accounts", ["nameContains": "coffee"])
            #expect(fuzzy.arrayValue?.compactMap { $0["name"]?.stringValue } == ["Fourth Coffee"])
            let read = try await harness.call(client, "get_account", ["accountid": .string(id)])
            #expect(read["telephone1"] == "+49 341 555 0100")

            // If-Match: * keeps a PATCH of a deleted or mistyped id from creating a record.
            let count = simulator.state.value.accounts.count
            let missing = await harness.failure(
                client, "update_account", ["accountid": "00000000-0000-4000-8000-000000000001", "name": "Ghost"])
            #expect(missing?.status == 404)
            #expect(missing?.message.contains("Does Not Exist") == true)
            #expect(simulator.state.value.accounts.count == count)
            let unnamed = await harness.failure(client, "create_account", ["name": ""])
            #expect(unnamed?.kind == .validation)
        }
    }

    @Test func contactsTakeTheirIdFromTheEntityIdHeader() async throws {
        let simulator = DataverseSimulator(faults: .none)
        try await CatalogHarness.with(simulator) { harness in
            let client = try harness.client(Self.app, Self.connection(harness))
            let account = DataverseSimulator.guid(2)
            let created = try await harness.call(
                client, "create_contact",
                [
                    "firstname": "Grace", "lastname": "Hopper", "emailaddress1": "grace@litware.example",
                    "accountid": .string(account),
                ])
            let id = try #require(created["contactid"]?.stringValue)
            #expect(created["uri"]?.stringValue?.hasSuffix("/api/data/v9.2/contacts(\(id))") == true)
            let post = try #require(harness.server.requests.last)
            #expect(post.header("Prefer") == nil)
            #expect(
                try JSONParser().parse(post.body)
                    == [
                        "firstname": "Grace", "lastname": "Hopper", "emailaddress1": "grace@litware.example",
                        "parentcustomerid_account@odata.bind": .string("/accounts(\(account))"),
                    ])

            let updated = try await harness.call(
                client, "update_contact", ["contactid": .string(id), "jobtitle": "Admiral"])
            #expect(updated == ["updated": true])
            let read = try await harness.call(client, "get_contact", ["contactid": .string(id)])
            #expect(read["fullname"] == "Grace Hopper")
            #expect(read["jobtitle"] == "Admiral")
            #expect(read["_parentcustomerid_value"] == .string(account))

            let colleagues = try await harness.call(client, "list_contacts", ["accountid": .string(account)])
            #expect(colleagues.arrayValue?.compactMap { $0["lastname"]?.stringValue } == ["Hopper", "Anderson"])
            let byEmail = try await harness.call(client, "list_contacts", ["email": "someone_a@example.com"])
            #expect(byEmail.arrayValue?.compactMap { $0["fullname"]?.stringValue } == ["Yvonne McKay"])

            let orphan = await harness.failure(
                client, "create_contact", ["lastname": "Nobody", "accountid": "00000000-0000-4000-8000-000000000002"])
            #expect(orphan?.status == 400)
            #expect(
                orphan?.message.contains("account With Id = 00000000-0000-4000-8000-000000000002 Does Not Exist")
                    == true)
        }
    }

    @Test func theAccountPollResumesAfterTheLatestModification() async throws {
        let simulator = DataverseSimulator(faults: .none)
        try await CatalogHarness.with(simulator) { harness in
            let delivered = try await harness.poll(
                Self.app, trigger: "account_changed", connection: Self.connection(harness), polls: 2,
                initialCursor: "2026-01-03T12:00:00Z",
                between: { call in
                    guard call == 1 else { return }
                    simulator.state.update { state in
                        state.accounts[0] = state.accounts[0].setting("modifiedon", "2026-01-09T10:00:00Z")
                    }
                })
            #expect(
                delivered.compactMap { $0["name"]?.stringValue } == [
                    "Lisboa Trading", "Adventure Works", "Fourth Coffee",
                ])
            let last = try #require(harness.server.requests.last)
            #expect(last.queryValue("$filter") == "modifiedon gt 2026-01-05T09:00:00Z")
            #expect(last.queryValue("$orderby") == "modifiedon asc")
        }
    }
}
