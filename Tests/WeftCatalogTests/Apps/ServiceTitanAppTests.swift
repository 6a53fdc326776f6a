import Foundation
import Testing
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime
import WeftTestSupport

@Suite("Built-in app: servicetitan, against the ServiceTitan simulator")
struct ServiceTitanAppTests {
    static func connection(_ harness: CatalogHarness, appKey: String = ServiceTitanSimulator.appKey) -> [String: JSON] {
        [
            "tenant_id": .string(ServiceTitanSimulator.tenant), "client_id": "cid.st-4412",
            "client_secret": "st-secret-value", "app_key": .string(appKey), "api_url": .string(harness.baseURL),
            "auth_url": .string(harness.baseURL + "/connect/token"),
        ]
    }

    @Test func aTokenThenBearerAndAppKeyOnEveryPage() async throws {
        let simulator = ServiceTitanSimulator()
        try await CatalogHarness.with(simulator) { harness in
            let client = try harness.client("servicetitan", Self.connection(harness))
            let jobs = try await harness.call(client, "list_jobs", ["pageSize": 2])
            #expect(jobs.arrayValue?.count == 9)
            #expect(simulator.issuer.issuedCount == 1)
            let form = try #require(simulator.issuer.state.value.forms.first)
            #expect(
                form == [
                    "grant_type": "client_credentials", "client_id": "cid.st-4412", "client_secret": "st-secret-value",
                ])
            let data = harness.server.requests.filter { $0.path != "/connect/token" }
            #expect(data.allSatisfy { $0.header("ST-App-Key") == ServiceTitanSimulator.appKey })
            #expect(data.allSatisfy { $0.header("Authorization") == "Bearer at-cid.st-4412-1" })
            #expect(data.allSatisfy { $0.path == "/jpm/v2/tenant/\(ServiceTitanSimulator.tenant)/jobs" })
            #expect(data.compactMap { $0.queryValue("page") } == ["1", "2", "3", "4", "4", "5"])
            #expect(harness.journal.retries.map(\.status) == [429])
            #expect(harness.journal.retries.first.map { $0.waitMilliseconds >= 3000 } == true)
        }
    }

    @Test func aRevokedTokenIsReplacedOnce() async throws {
        let simulator = ServiceTitanSimulator(faults: .none)
        try await CatalogHarness.with(simulator) { harness in
            let client = try harness.client("servicetitan", Self.connection(harness))
            let first = try await harness.call(client, "get_job", ["id": 61_003])
            #expect(first["jobStatus"] == "Completed")
            simulator.issuer.revokeAll()
            let second = try await harness.call(client, "get_customer", ["id": 70_002])
            #expect(second["name"] == "Hopper Dental Clinic")
            #expect(simulator.issuer.issuedCount == 2)
        }
    }

    @Test func aMissingAppKeyIsRefused() async throws {
        let simulator = ServiceTitanSimulator(faults: .none)
        try await CatalogHarness.with(simulator) { harness in
            let client = try harness.client("servicetitan", Self.connection(harness, appKey: "wrong"))
            let failure = await harness.failure(client, "list_customers")
            #expect(failure?.status == 401)
            #expect(failure?.message.contains("ST-App-Key") == true)
        }
    }

    @Test func customersAndInvoices() async throws {
        let simulator = ServiceTitanSimulator()
        try await CatalogHarness.with(simulator) { harness in
            let client = try harness.client("servicetitan", Self.connection(harness))
            let bakeries = try await harness.call(client, "list_customers", ["name": "bakery"])
            #expect(bakeries.arrayValue?.compactMap { $0["id"]?.numberValue } == [70_003])
            let address: JSON = [
                "street": "4 Elm Rd", "city": "Springfield", "state": "IL", "zip": "62702", "country": "USA",
            ]
            let created = try await harness.call(
                client, "create_customer",
                [
                    "name": "Lovelace Labs", "type": "Commercial", "address": address,
                    "locations": [["name": "Main office", "address": address]],
                    "contacts": [["type": "Email", "value": "ops@lovelace.example"]],
                ])
            let id = try #require(created["id"]?.numberValue)
            let updated = try await harness.call(client, "update_customer", ["id": .number(id), "doNotMail": true])
            #expect(updated["doNotMail"] == true)
            let patch = try #require(harness.server.requests.last { $0.method == "PATCH" })
            #expect(try JSONParser().parse(patch.body) == ["doNotMail": true])

            let invoices = try await harness.call(client, "list_invoices", ["jobId": 61_005])
            #expect(invoices.arrayValue?.count == 1)
            #expect(invoices[0]?["items"]?.arrayValue?.count == 2)
            let refused = await harness.failure(
                client, "create_customer", ["name": "x", "type": "Residential", "address": address, "locations": []])
            #expect(refused?.kind == .validation)
        }
    }

    @Test func theJobCompletedPollSendsTheCursorAndStatus() async throws {
        let simulator = ServiceTitanSimulator(faults: .none)
        try await CatalogHarness.with(simulator) { harness in
            let delivered = try await harness.poll(
                "servicetitan", trigger: "job_completed", connection: Self.connection(harness), polls: 2,
                between: { call in
                    guard call == 1 else { return }
                    simulator.state.update { state in
                        state.jobs[8] = state.jobs[8].setting("jobStatus", "Completed")
                            .setting("completedOn", "2026-01-07T09:00:00Z")
                    }
                })
            #expect(delivered.compactMap { $0["id"]?.numberValue } == [61_003, 61_005, 61_006, 61_008, 61_009])
            let last = try #require(harness.server.requests.last)
            #expect(last.queryValue("jobStatus") == "Completed")
            #expect(last.queryValue("completedOnOrAfter") == "2026-01-06T17:45:00Z")
        }
    }
}
