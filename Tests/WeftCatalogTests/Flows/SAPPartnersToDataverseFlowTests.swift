import Foundation
import Testing
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime
import WeftTestSupport

@Suite("Example flow: sap-partners-to-dataverse, against the SAP S/4HANA and Dataverse simulators")
struct SAPPartnersToDataverseFlowTests {
    static let name = "sap-partners-to-dataverse"
    static let environment = [
        "SAP_COMMUNICATION_USER": SAPSimulator.username, "SAP_COMMUNICATION_PASSWORD": SAPSimulator.password,
        "DATAVERSE_CLIENT_ID": DataverseSimulator.clientId, "DATAVERSE_CLIENT_SECRET": DataverseSimulator.clientSecret,
    ]

    @Test func theFlowsOwnTestsPass() async throws {
        let example = try ExampleFlow(Self.name, addresses: [:], environment: Self.environment)
        let results = await example.runOwnTests()
        #expect(results.count == 3)
        for result in results { #expect(result.passed, "\(result.name): \(result.failures)") }
    }

    @Test func organizationsBecomeAccountsOnceAgainstTheSimulators() async throws {
        let sap = SAPSimulator()
        let dataverse = DataverseSimulator()
        let sapServer = try await TestHTTPServer.start { sap.handle($0) }
        let dataverseServer = try await TestHTTPServer.start { dataverse.handle($0) }
        let transport = AsyncHTTPTransport()
        let outcome: Result<Void, any Error>
        do {
            let example = try ExampleFlow(
                Self.name,
                addresses: [
                    "http://127.0.0.1:8085": sapServer.baseURL, "http://127.0.0.1:8086": dataverseServer.baseURL,
                ],
                environment: Self.environment)
            try await Self.scenario(example, sap, sapServer, dataverse, transport)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        try? await transport.shutdown()
        await sapServer.stop()
        await dataverseServer.stop()
        try outcome.get()
    }

    static func scenario(
        _ example: ExampleFlow, _ sap: SAPSimulator, _ sapServer: TestHTTPServer, _ dataverse: DataverseSimulator,
        _ transport: AsyncHTTPTransport
    ) async throws {
        let clock = ManualClock()
        let journal = RecordingJournal()

        // Organizations changed since 2026-01-01: 1000003 (new to Dataverse) and 1000005 (an account exists).
        let partners = try await example.pollOnce(transport: transport, clock: clock)
        #expect(partners.compactMap { $0["BusinessPartner"]?.stringValue } == ["1000003", "1000005"])
        let poll = try #require(sapServer.requests.first { $0.path.hasSuffix("/A_BusinessPartner") })
        #expect(
            poll.queryValue("$filter")
                == "BusinessPartnerCategory eq '2' and (CreationDate ge datetime'2026-01-01T00:00:00' or "
                + "LastChangeDate ge datetime'2026-01-01T00:00:00')")
        #expect(poll.queryValue("$expand") == "to_BusinessPartnerAddress")

        var outputs: [JSON] = []
        for partner in partners {
            let runId = "run-\(partner["BusinessPartner"]?.stringValue ?? "")"
            let record = await example.run(partner, transport: transport, clock: clock, journal: journal, runId: runId)
            #expect(record.state == .succeeded, "\(runId): \(record.error?.message ?? "")")
            outputs.append(record.output ?? .null)
        }
        #expect(outputs.compactMap { $0["created"] } == [true, false])

        let accounts = { (number: String) in
            dataverse.state.value.accounts.filter { $0["accountnumber"]?.stringValue == number }
        }
        let becker = try #require(accounts("SAP-1000003").first)
        #expect(becker["name"] == "Becker Berlin AG")
        #expect(becker["address1_line1"] == "Friedrichstrasse 68")
        #expect(becker["description"] == "SAP business partner 1000003, customer 10100003")
        #expect(becker["accountid"] == outputs[0]["account"])
        let lisboa = try #require(accounts("SAP-1000005").first)
        #expect(lisboa["name"] == "Lisboa Trading Lda.", "the existing account was renamed as in SAP")
        #expect(lisboa["accountid"] == .string(DataverseSimulator.guid(3)))

        // Becker is renamed in SAP; the next polls deliver both again, and both accounts are updated in place.
        sap.state.update { state in
            state.partners[2] = state.partners[2].setting("OrganizationBPName1", "Becker Berlin Holding AG")
                .setting("LastChangeDate", SAPSimulator.date(1_768_003_200_000))
        }
        let again = try await example.pollOnce(transport: transport, clock: clock)
        #expect(again.compactMap { $0["BusinessPartner"]?.stringValue } == ["1000005", "1000003"])
        for partner in again {
            let record = await example.run(
                partner, transport: transport, clock: clock, journal: journal, runId: "again")
            #expect(record.state == .succeeded, "\(record.error?.message ?? "")")
            #expect(record.output?["created"] == false)
        }
        #expect(accounts("SAP-1000003").count == 1)
        #expect(accounts("SAP-1000003").first?["name"] == "Becker Berlin Holding AG")
        #expect(dataverse.state.value.accounts.count == 5)

        #expect(sap.state.value.issuedSessions == 0, "the flow only reads SAP: no CSRF token is fetched")
        #expect(!journal.retries.isEmpty, "the simulators' throttling and errors were retried")
    }
}
