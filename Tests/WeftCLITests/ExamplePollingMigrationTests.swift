import Foundation
import Synchronization
import Testing
import WeftJSON
import WeftTestSupport

/// `examples/polling-migration` served for real by the `weft` executable against a local legacy CRM (HTTP Basic,
/// numbered pages of 100, `updated_since` inclusive) and a Salesforce-style API (OAuth 2.0 client credentials,
/// SOQL owner lookup, upsert by external id): the first poll reads both pages from the initial cursor and upserts
/// every current contact once with its mapped fields; after a restart the next poll sends the largest
/// `updated_at` seen, and only the new and the changed contacts are upserted again.
@Suite("example polling-migration, end to end")
struct ExamplePollingMigrationTests {
    static let flow = "polling-migration/polling-migration.flow.yaml"
    static let secrets = (
        legacy: "legacy-canary-Pw7", clientId: "sf-client-2Hk", clientSecret: "sf-canary-Qz8-secret"
    )
    static let environment = [
        "LEGACY_CRM_PASSWORD": secrets.legacy, "SALESFORCE_CLIENT_ID": secrets.clientId,
        "SALESFORCE_CLIENT_SECRET": secrets.clientSecret,
    ]
    static let accessToken = "00Dcanary!poll-token"
    static let contactsPath = "/legacy/api/v2/contacts"
    static let upsertPrefix = "/salesforce/services/data/v61.0/sobjects/Contact/Legacy_Id__c/"

    /// The legacy CRM's contacts by id, changed by the test between the two processes.
    final class LegacyCRM: Sendable {
        let contacts: Mutex<[Int: JSON]>

        init(_ contacts: [JSON]) {
            var byId: [Int: JSON] = [:]
            for contact in contacts { byId[Int(contact["id"]?.numberValue ?? 0)] = contact }
            self.contacts = Mutex(byId)
        }

        func put(_ contact: JSON) {
            contacts.withLock { $0[Int(contact["id"]?.numberValue ?? 0)] = contact }
        }

        /// `GET /contacts`: those changed at or after `updated_since`, oldest change first, one page.
        func list(_ request: RecordedRequest) -> TestResponse {
            guard let since = request.queryValue("updated_since"), request.queryValue("order_by") == "updated_at",
                request.queryValue("direction") == "asc", let page = Int(request.queryValue("page") ?? ""),
                let size = Int(request.queryValue("per_page") ?? ""), page >= 1, size >= 1
            else { return .json(#"{"error":"bad query"}"#, status: 400) }
            let matching = contacts.withLock { $0.values }.filter { ($0["updated_at"]?.stringValue ?? "") >= since }
                .sorted {
                    ($0["updated_at"]?.stringValue ?? "", $0["id"]?.numberValue ?? 0)
                        < ($1["updated_at"]?.stringValue ?? "", $1["id"]?.numberValue ?? 0)
                }
            let slice = Array(matching.dropFirst((page - 1) * size).prefix(size))
            let total = Double(matching.count)
            let meta: JSON = [
                "page": .number(Double(page)), "per_page": .number(Double(size)), "total": .number(total),
            ]
            let answer: JSON = ["data": .array(slice), "meta": meta]
            return .json(answer.serialized())
        }
    }

    /// The Salesforce org: a token endpoint, the user lookup (one active user, `j.doe@acme.example.com`) and
    /// Contact upserts by legacy id, answering `created: true` the first time a legacy id is seen.
    final class Salesforce: Sendable {
        let created = Mutex<Set<String>>([])

        func answer(_ request: RecordedRequest) -> TestResponse {
            switch (request.method, request.path) {
            case ("POST", "/salesforce/services/oauth2/token"):
                return .json(#"{"access_token":"\#(accessToken)","token_type":"Bearer","expires_in":7200}"#)
            case ("GET", "/salesforce/services/data/v61.0/query"):
                guard request.header("Authorization") == "Bearer \(accessToken)" else {
                    return .json(#"[{"errorCode":"INVALID_SESSION_ID"}]"#, status: 401)
                }
                let query = request.queryValue("q") ?? ""
                if query.contains("Email = 'j.doe@acme.example.com'") {
                    return .json(
                        #"{"totalSize":1,"done":true,"records":[{"Id":"005XX000002JdoeYAC","Name":"Jane Doe","#
                            + #""Email":"j.doe@acme.example.com"}]}"#)
                }
                return .json(#"{"totalSize":0,"done":true,"records":[]}"#)
            case ("PATCH", let path) where path.hasPrefix(upsertPrefix):
                guard request.header("Authorization") == "Bearer \(accessToken)" else {
                    return .json(#"[{"errorCode":"INVALID_SESSION_ID"}]"#, status: 401)
                }
                let legacyId = String(path.dropFirst(upsertPrefix.count))
                let isNew = created.withLock { $0.insert(legacyId).inserted }
                return .json(
                    #"{"id":"003XX\#(legacyId)","success":true,"created":\#(isNew),"errors":[]}"#,
                    status: isNew ? 201 : 200)
            default:
                return .text("no route", status: 404)
            }
        }
    }

    /// A generated active contact without owner, company or tags.
    static func plainContact(_ number: Int) -> JSON {
        [
            "id": .number(Double(20_000 + number)), "first_name": "test", "last_name": .string("CONTACT \(number)"),
            "email": .string("Contact.\(number)@Example.org"), "status": "active", "newsletter": "N",
            "updated_at": .string(String(format: "2026-03-01 08:%02d:%02d", number / 60, number % 60)),
        ]
    }

    static func withChanges(_ contact: JSON, _ changes: JSONObject) -> JSON {
        guard case .object(var object) = contact else { return contact }
        for (key, value) in changes { object[key] = value }
        return .object(object)
    }

    @Test("polls every page once, upserts each current contact once, and resumes after a restart from its cursor")
    func pollsAndResumes() async throws {
        // 99 plain contacts and the sample fill the first page of 100; a merged duplicate and an owner without a
        // Salesforce user are on the second.
        let sample = try ExampleSupport.json("polling-migration/contact-10417.json")
        let merged: JSON = [
            "id": 9001, "last_name": "Hopper", "status": "merged", "merged_into": 10417,
            "updated_at": "2026-03-02 14:05:12",
        ]
        let retired: JSON = [
            "id": 10418, "first_name": "anne marie", "last_name": "o'neil", "email": "amo@example.org",
            "status": "prospect", "newsletter": "N",
            "owner": ["login": "retired", "email": "retired.rep@acme.example.com"],
            "updated_at": "2026-03-02 14:06:00",
        ]
        let crm = LegacyCRM((1...99).map(Self.plainContact) + [sample, merged, retired])
        let salesforce = Salesforce()
        let server = try await TestHTTPServer.start { request in
            guard request.path.hasPrefix("/legacy/") else { return salesforce.answer(request) }
            guard request.header("Authorization") == ExampleSupport.basic("svc-migration", Self.secrets.legacy) else {
                return .json(#"{"error":"unauthorized"}"#, status: 401)
            }
            return request.path == Self.contactsPath ? crm.list(request) : .text("no route", status: 404)
        }
        defer { Task { await server.stop() } }
        let workspace = try TemporaryWorkspace()
        try workspace.write(
            "connections.yaml",
            """
            connections:
              legacy:
                app: legacy-crm
                values:
                  base_url: \(server.baseURL)/legacy/api/v2
                  username: svc-migration
                  password: ${LEGACY_CRM_PASSWORD}
              sfdc:
                app: salesforce
                values:
                  instance_url: \(server.baseURL)/salesforce
                  client_id: ${SALESFORCE_CLIENT_ID}
                  client_secret: ${SALESFORCE_CLIENT_SECRET}

            """)
        func upserts() -> [RecordedRequest] {
            server.requests.filter { $0.method == "PATCH" && $0.path.hasPrefix(Self.upsertPrefix) }
        }
        func upserted(_ legacyId: String) -> [JSON] {
            upserts().filter { $0.path == Self.upsertPrefix + legacyId }.map(ExampleSupport.body)
        }
        func listings() -> [RecordedRequest] { server.requests.filter { $0.path == Self.contactsPath } }
        func serve() throws -> WeftProcess {
            try ExampleSupport.serve(
                Self.flow, connections: workspace.path("connections.yaml"), in: workspace,
                environment: Self.environment)
        }
        func expectNoSecret(_ result: CommandResult) {
            for secret in [Self.secrets.legacy, Self.secrets.clientSecret, Self.accessToken] {
                #expect(
                    !result.standardOutput.contains(secret) && !result.standardError.contains(secret),
                    "printed a secret: \(result)")
            }
        }

        // The first process: one poll of two pages from the initial cursor; 102 records, 101 upserts.
        let first = try serve()
        #expect(
            await ExampleSupport.eventually(.seconds(120)) {
                ExampleSupport.finishedRuns(first.standardOutput).count >= 102
            }, "\(first.standardOutput.suffix(2000))\n\(first.standardError)")
        // Each record's acceptance is saved after its run: the last one moves the cursor to its updated_at.
        let state = workspace.path(".weft/state/polling-migration.json")
        func savedCursor() -> JSON? {
            (try? String(contentsOfFile: state, encoding: .utf8)).flatMap { try? JSONParser().parse($0) }?["cursor"]
        }
        #expect(
            await ExampleSupport.eventually { savedCursor() == "2026-03-02 14:06:00" },
            "\(String(describing: savedCursor()))")
        first.interrupt()
        let firstResult = await first.wait()
        #expect(firstResult.status == 0, "\(firstResult.standardError)")
        expectNoSecret(firstResult)
        #expect(
            jsonLines(firstResult.standardOutput).first?["trigger"] == "polling legacy-crm/list_contacts every 10m")

        let firstListings = listings()
        #expect(firstListings.map { $0.queryValue("page") } == ["1", "2"], "\(firstListings.map(\.uri))")
        for listing in firstListings {
            #expect(listing.queryValue("updated_since") == "2015-01-01 00:00:00")
            #expect(listing.queryValue("per_page") == "100")
            #expect(listing.queryValue("include") == "company,owner,tags")
        }
        let runs = ExampleSupport.finishedRuns(firstResult.standardOutput)
        #expect(runs.count == 102)
        #expect(runs.filter { $0["state"] == "filtered" }.count == 1, "the merged duplicate was not skipped")
        #expect(runs.filter { $0["state"] == "succeeded" }.count == 101)
        #expect(upserts().count == 101)
        #expect(Set(upserts().map(\.path)).count == 101, "a contact was upserted twice")
        #expect(upserted("9001").isEmpty)
        #expect(server.requests.filter { $0.path.hasSuffix("/oauth2/token") }.count == 1, "the token is cached")
        let token = try #require(server.requests.first { $0.path.hasSuffix("/oauth2/token") })
        #expect(
            ExampleSupport.form(token) == [
                "grant_type": "client_credentials", "client_id": Self.secrets.clientId,
                "client_secret": Self.secrets.clientSecret,
            ])
        #expect(upserts().allSatisfy { $0.header("Authorization") == "Bearer \(Self.accessToken)" })
        #expect(upserts().allSatisfy { $0.header("Sforce-Call-Options") == "client=weft-examples" })

        #expect(
            upserted("10417") == [
                [
                    "Salutation": "Dr.", "FirstName": "Grace", "LastName": "Hopper",
                    "Email": "grace.hopper@navy.example.mil", "Phone": "+12025550147", "HasOptedOutOfEmail": false,
                    "LeadSource": "Legacy CRM", "Description": "Legacy tags: conference-2019, key account",
                    "Account": ["Legacy_Company__c": "C-88"], "Legacy_Status__c": "active",
                    "Legacy_Updated__c": "2026-03-02T13:05:11.000Z", "OwnerId": "005XX000002JdoeYAC",
                ]
            ])
        let lookups = server.requests.filter { $0.path.hasSuffix("/query") }.compactMap { $0.queryValue("q") }
        #expect(
            lookups.sorted() == [
                "SELECT Id, Name, Email FROM User WHERE Email = 'j.doe@acme.example.com' AND IsActive = true LIMIT 1",
                "SELECT Id, Name, Email FROM User WHERE Email = 'retired.rep@acme.example.com' AND IsActive = true LIMIT 1",
            ])
        #expect(upserted("10418").first?["OwnerId"] == "005XX000001SvCfYAK", "the default owner")
        #expect(upserted("10418").first?["FirstName"] == "Anne Marie")
        #expect(
            upserted("20007") == [
                [
                    "FirstName": "Test", "LastName": "Contact 7", "Email": "contact.7@example.org",
                    "HasOptedOutOfEmail": true, "LeadSource": "Legacy CRM", "Legacy_Status__c": "active",
                    "Legacy_Updated__c": "2026-03-01T07:00:07.000Z", "OwnerId": "005XX000001SvCfYAK",
                ]
            ])
        let sampleRun = runs.first { $0["output"]?["legacy_id"] == 10417 }
        #expect(
            sampleRun?["output"] == [
                "legacy_id": 10417, "salesforce_id": "003XX10417", "outcome": "created", "owner": "matched",
            ])

        // Meanwhile the sample contact changes and a new contact arrives. The second process resumes from the
        // saved cursor; the CRM returns the contact at the cursor again (inclusive), which stays done.
        crm.put(
            Self.withChanges(sample, ["phone": "+1 (202) 555-0199", "updated_at": "2026-03-03 09:00:00"]))
        crm.put([
            "id": 10419, "last_name": "Liskov", "email": "liskov@example.org", "status": "active",
            "updated_at": "2026-03-03 10:00:00",
        ])
        let before = server.requests.count
        let second = try serve()
        // Records run in cursor order: a wrongly repeated contact at the cursor would run before these two.
        #expect(
            await ExampleSupport.eventually { ExampleSupport.finishedRuns(second.standardOutput).count >= 2 },
            "\(second.standardOutput)\n\(second.standardError)")
        second.interrupt()
        let secondResult = await second.wait()
        #expect(secondResult.status == 0, "\(secondResult.standardError)")
        expectNoSecret(secondResult)

        let secondListings = Array(server.requests[before...]).filter { $0.path == Self.contactsPath }
        #expect(secondListings.map { $0.queryValue("page") } == ["1"])
        #expect(
            secondListings.first?.queryValue("updated_since") == "2026-03-02 14:06:00",
            "the cursor: the largest updated_at seen")
        let resumed = ExampleSupport.finishedRuns(secondResult.standardOutput)
        #expect(
            resumed.map { $0["output"] } == [
                ["legacy_id": 10417, "salesforce_id": "003XX10417", "outcome": "updated", "owner": "matched"],
                ["legacy_id": 10419, "salesforce_id": "003XX10419", "outcome": "created", "owner": "default"],
            ])
        #expect(upserted("10418").count == 1, "the contact at the cursor was upserted again")
        #expect(upserted("10419").map { $0["LastName"] } == ["Liskov"])
        let changed = upserted("10417")
        #expect(changed.count == 2, "the changed contact was not upserted again")
        #expect(changed.last?["Phone"] == "+12025550199")
        #expect(changed.last?["Legacy_Updated__c"] == "2026-03-03T08:00:00.000Z")
        #expect(upserts().count == 103)
        #expect(Set(upserts().map(\.path)).count == 102)
    }
}
