import Foundation
import Testing
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime
import WeftTestSupport

@Suite("Example flow: servicetitan-jobs-to-business-central, against the ServiceTitan and Business Central simulators")
struct ServiceTitanJobsToBusinessCentralFlowTests {
    static let name = "servicetitan-jobs-to-business-central"
    static let environment = [
        "SERVICETITAN_CLIENT_ID": "cid.st-4412", "SERVICETITAN_CLIENT_SECRET": "st-secret-value",
        "SERVICETITAN_APP_KEY": ServiceTitanSimulator.appKey, "BC_CLIENT_ID": BusinessCentralSimulator.clientId,
        "BC_CLIENT_SECRET": BusinessCentralSimulator.clientSecret,
    ]

    @Test func theFlowsOwnTestsPass() async throws {
        let example = try ExampleFlow(Self.name, addresses: [:], environment: Self.environment)
        let results = await example.runOwnTests()
        #expect(results.count == 3)
        for result in results { #expect(result.passed, "\(result.name): \(result.failures)") }
    }

    @Test func completedJobsBecomeInvoicesOnceAgainstTheSimulators() async throws {
        let serviceTitan = ServiceTitanSimulator()
        let businessCentral = BusinessCentralSimulator()
        let serviceTitanServer = try await TestHTTPServer.start { serviceTitan.handle($0) }
        let businessCentralServer = try await TestHTTPServer.start { businessCentral.handle($0) }
        let transport = AsyncHTTPTransport()
        let outcome: Result<Void, any Error>
        do {
            let example = try ExampleFlow(
                Self.name,
                addresses: [
                    "http://127.0.0.1:8083": serviceTitanServer.baseURL,
                    "http://127.0.0.1:8084": businessCentralServer.baseURL,
                ],
                environment: Self.environment)
            try await Self.scenario(example, serviceTitan, businessCentral, businessCentralServer, transport)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        try? await transport.shutdown()
        await serviceTitanServer.stop()
        await businessCentralServer.stop()
        try outcome.get()
    }

    static func scenario(
        _ example: ExampleFlow, _ serviceTitan: ServiceTitanSimulator, _ businessCentral: BusinessCentralSimulator,
        _ businessCentralServer: TestHTTPServer, _ transport: AsyncHTTPTransport
    ) async throws {
        let clock = ManualClock()
        let journal = RecordingJournal()

        // The trigger's first poll: every completed job since the initial cursor, oldest first.
        let jobs = try await example.pollOnce(transport: transport, clock: clock)
        #expect(jobs.compactMap { $0["jobNumber"]?.stringValue } == ["J-61003", "J-61005", "J-61006", "J-61008"])

        var outputs: [JSON] = []
        for job in jobs {
            let runId = "run-\(job["jobNumber"]?.stringValue ?? "")"
            let record = await example.run(job, transport: transport, clock: clock, journal: journal, runId: runId)
            #expect(record.state == .succeeded, "\(runId): \(record.error?.message ?? "")")
            outputs.append(record.output ?? .null)
        }
        #expect(outputs.compactMap { $0["customer"]?.stringValue } == ["ST70001", "ST70003", "ST70001", "ST70003"])
        #expect(outputs.allSatisfy { $0["total"] == 245 })

        let sets = businessCentral.state.value.sets
        let customers = (sets["customers"] ?? []).filter { $0["number"]?.stringValue?.hasPrefix("ST") == true }
        #expect(customers.compactMap { $0["number"]?.stringValue } == ["ST70001", "ST70003"], "each customer once")
        #expect(customers.first?["displayName"] == "Babbage Residence")
        #expect(customers.first?["country"] == "US")
        let invoices = (sets["salesInvoices"] ?? []).filter { $0["externalDocumentNumber"] != "" }
        #expect(
            invoices.compactMap { $0["externalDocumentNumber"]?.stringValue } == [
                "ST-J-61003", "ST-J-61005", "ST-J-61006", "ST-J-61008",
            ])
        #expect(invoices.first?["invoiceDate"] == "2026-01-03")
        let firstLines = (sets["salesInvoiceLines"] ?? []).filter { $0["documentId"] == invoices.first?["id"] }
        #expect(firstLines.compactMap { $0["lineObjectNumber"]?.stringValue } == ["SVC-HOUR", "FILTER-16X25"])

        // A job seen again (a second poll, a replay) is recognised by its reference and not invoiced twice.
        let writes = { businessCentralServer.requests.filter { $0.method != "GET" && $0.path.contains("/companies(") } }
        let before = writes().count
        let again = await example.run(jobs[0], transport: transport, clock: clock, journal: journal, runId: "run-again")
        #expect(again.state == .filtered)
        #expect(writes().count == before)

        #expect(businessCentral.issuer.state.value.forms.allSatisfy { $0["scope"] == BusinessCentralSimulator.scope })
        #expect(!journal.retries.isEmpty, "the simulators' throttling and errors were retried")
    }
}
