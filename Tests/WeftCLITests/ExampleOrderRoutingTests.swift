import Foundation
import Synchronization
import Testing
import WeftJSON
import WeftTestSupport

/// `examples/order-routing` run for real by the `weft` executable against local warehouse, Salesforce-style (OAuth
/// 2.0 client credentials) and Slack-style APIs: each branch of the `route` switch (domestic and EU shipping,
/// international with customs, held when nothing is in stock), the parallel follow-up, notification and audit
/// record, a partial backorder, outages of Slack and the CRM that the run survives, and a fulfillment outage that
/// dead-letters it.
@Suite("example order-routing, end to end")
struct ExampleOrderRoutingTests {
    static let flow = "order-routing/order-routing.flow.yaml"
    static let secrets = (
        warehouse: "wh-canary-Rt5-key", clientId: "sf-client-9Lp", clientSecret: "sf-canary-Vv3-secret",
        slack: "xoxb-canary-Mm4-token"
    )
    static let environment = [
        "WAREHOUSE_API_KEY": secrets.warehouse, "SALESFORCE_CLIENT_ID": secrets.clientId,
        "SALESFORCE_CLIENT_SECRET": secrets.clientSecret, "SLACK_BOT_TOKEN": secrets.slack,
    ]
    static let accessToken = "00Dcanary!access-token-1"

    /// How the local APIs behave in one test.
    struct Behaviour: Sendable {
        /// Units in stock per SKU; a SKU not listed has plenty.
        var stock: [String: Int] = [:]
        var fulfillmentStatus = 201
        var taskStatus = 201
        var slackStatus = 200
    }

    /// The warehouse under `/warehouse/v1`, Salesforce under `/salesforce` and Slack under `/slack`.
    static func server(_ behaviour: Behaviour = Behaviour()) async throws -> TestHTTPServer {
        let reservations = Mutex(0)
        return try await TestHTTPServer.start { request in
            let path = request.path
            switch (request.method, path) {
            case ("POST", "/salesforce/services/oauth2/token"):
                return .json(
                    #"{"access_token":"\#(accessToken)","token_type":"Bearer","expires_in":7200,"#
                        + #""instance_url":"https://acme.my.salesforce.com"}"#)
            case ("POST", "/salesforce/services/data/v61.0/sobjects/Task"):
                guard behaviour.taskStatus == 201 else {
                    return .json(
                        #"[{"errorCode":"SERVER_UNAVAILABLE","message":"down"}]"#, status: behaviour.taskStatus,
                        headers: [("Retry-After", "0")])
                }
                return .json(#"{"id":"00TXX0000012abcYAA","success":true,"errors":[]}"#, status: 201)
            case ("POST", "/slack/chat.postMessage"):
                guard behaviour.slackStatus == 200 else {
                    return .json(
                        #"{"ok":false,"error":"service_unavailable"}"#, status: behaviour.slackStatus,
                        headers: [("Retry-After", "0")])
                }
                return .json(#"{"ok":true,"channel":"C0FULFIL1","ts":"1773482531.000100"}"#)
            case ("POST", "/warehouse/v1/fulfillment-orders"):
                guard behaviour.fulfillmentStatus == 201 else {
                    return .json(
                        #"{"error":"bad gateway"}"#, status: behaviour.fulfillmentStatus,
                        headers: [("Retry-After", "0")])
                }
                let reference = ExampleSupport.body(request)["reference"]?.stringValue ?? "?"
                return .json(#"{"id":"FO-\#(reference.suffix(5))","status":"received"}"#, status: 201)
            case ("POST", _) where path.hasPrefix("/warehouse/v1/inventory/") && path.hasSuffix("/reservations"):
                let sku = String(path.dropFirst("/warehouse/v1/inventory/".count).dropLast("/reservations".count))
                let wanted = Int(ExampleSupport.body(request)["quantity"]?.numberValue ?? 0)
                let held = min(wanted, behaviour.stock[sku] ?? 1000)
                guard held > 0 else {
                    return .json(#"{"error":"insufficient_stock","sku":"\#(sku)"}"#, status: 409)
                }
                let number = reservations.withLock { count in
                    count += 1
                    return count
                }
                return .json(
                    #"{"reservation_id":"res_\#(number)","sku":"\#(sku)","quantity_reserved":\#(held),"remaining":0}"#,
                    status: 201)
            default:
                return .text("no route for \(request.method) \(path)", status: 404)
            }
        }
    }

    /// A workspace whose connections file points `wms`, `sfdc` and `chat` at `server`.
    static func workspace(_ server: TestHTTPServer) throws -> TemporaryWorkspace {
        let workspace = try TemporaryWorkspace()
        try workspace.write(
            "connections.yaml",
            """
            connections:
              wms:
                app: warehouse
                values:
                  base_url: \(server.baseURL)/warehouse/v1
                  account_id: ACME-EU-01
                  api_key: ${WAREHOUSE_API_KEY}
              sfdc:
                app: salesforce
                values:
                  instance_url: \(server.baseURL)/salesforce
                  client_id: ${SALESFORCE_CLIENT_ID}
                  client_secret: ${SALESFORCE_CLIENT_SECRET}
              chat:
                app: slack
                values:
                  base_url: \(server.baseURL)/slack
                  bot_token: ${SLACK_BOT_TOKEN}

            """)
        return workspace
    }

    /// Runs the flow on `input` (a sample's name, or a JSON document given on standard input).
    static func run(_ workspace: TemporaryWorkspace, sample: String? = nil, document: String? = nil) async throws
        -> CommandResult
    {
        let input = sample.map { ExampleSupport.example("order-routing/\($0)") } ?? "-"
        let result = try await ExampleSupport.run(
            flow, connections: workspace.path("connections.yaml"), in: workspace, environment: environment,
            ["--input", input], input: document)
        for secret in [secrets.warehouse, secrets.clientSecret, secrets.slack, accessToken] {
            #expect(
                !result.standardOutput.contains(secret) && !result.standardError.contains(secret),
                "printed a secret: \(result)")
        }
        return result
    }

    static func requests(_ server: TestHTTPServer, _ suffix: String) -> [RecordedRequest] {
        server.requests.filter { $0.path.hasSuffix(suffix) }
    }

    /// The reservations asked for, as SKU → body (the foreach sends them three at a time, in any order).
    static func reservations(_ server: TestHTTPServer) -> [String: JSON] {
        var found: [String: JSON] = [:]
        for request in requests(server, "/reservations") {
            let sku = request.path.split(separator: "/").dropLast().last.map(String.init) ?? "?"
            found[sku] = ExampleSupport.body(request)
        }
        return found
    }

    static func expectWarehouseHeaders(_ request: RecordedRequest, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(request.header("X-Api-Key") == secrets.warehouse, sourceLocation: sourceLocation)
        #expect(request.header("X-Account-Id") == "ACME-EU-01", sourceLocation: sourceLocation)
    }

    static func audit(_ workspace: TemporaryWorkspace, _ name: String) throws -> JSON {
        try JSONParser().parse(try String(contentsOfFile: workspace.path(name), encoding: .utf8))
    }

    @Test("domestic: every line reserved, a standard fulfillment order, Slack told, no CRM task, audit written")
    func domestic() async throws {
        let server = try await Self.server()
        defer { Task { await server.stop() } }
        let workspace = try Self.workspace(server)
        let result = try await Self.run(workspace, sample: "order-domestic.json")
        #expect(result.status == 0, "\(result)")
        let summary = try #require(runSummary(result), "\(result)")
        #expect(summary["state"] == "succeeded")
        #expect(
            summary["output"] == [
                "order": "W-100231", "zone": "domestic", "status": "shipping", "fulfillment_order": "FO-00231",
                "backordered": [], "audit": "audit/2026-03-14/W-100231.json",
            ])

        #expect(
            Self.reservations(server) == [
                "KB-75-BRN": ["quantity": 1, "reference": "W-100231", "expires_in_hours": 48],
                "CBL-USB-C": ["quantity": 3, "reference": "W-100231", "expires_in_hours": 48],
            ])
        let fulfillment = try #require(Self.requests(server, "/fulfillment-orders").first)
        Self.expectWarehouseHeaders(fulfillment)
        #expect(
            ExampleSupport.body(fulfillment) == [
                "reference": "W-100231", "service_level": "standard",
                "ship_to": [
                    "name": "Mia Schulz", "street": "Torstraße 1", "city": "Berlin", "postal_code": "10119",
                    "country": "DE",
                ],
                "lines": [["sku": "KB-75-BRN", "quantity": 1], ["sku": "CBL-USB-C", "quantity": 3]],
            ])
        #expect(ExampleSupport.steps(result)["route.else.ship"]?["state"] == "succeeded")
        #expect(Self.requests(server, "/reservations").allSatisfy { $0.header("X-Api-Key") == Self.secrets.warehouse })
        #expect(!server.requests.contains { $0.path.hasPrefix("/salesforce") }, "a small order got a CRM task")
        #expect(ExampleSupport.steps(result)["fan_out.crm.key_account"]?["state"] == "filtered")

        let slack = try #require(Self.requests(server, "/chat.postMessage").first)
        #expect(slack.header("Authorization") == "Bearer \(Self.secrets.slack)")
        #expect(ExampleSupport.body(slack)["channel"] == "#fulfilment")
        #expect(
            ExampleSupport.body(slack)["text"] == ":truck: W-100231 (EUR 226.50, domestic): fulfillment order FO-00231")

        let audit = try Self.audit(workspace, "audit/2026-03-14/W-100231.json")
        #expect(audit["order"] == "W-100231" && audit["zone"] == "domestic" && audit["total"] == 226.5)
        #expect(audit["route"]?["id"] == "FO-00231")
        #expect(audit["run"] == summary["run"])
        #expect(audit["reservations"]?.arrayValue?.map { $0["reserved"] } == [1, 3])
    }

    @Test("international: customs by HS code, priority service, a Salesforce task with an OAuth token, Slack told")
    func international() async throws {
        let server = try await Self.server()
        defer { Task { await server.stop() } }
        let workspace = try Self.workspace(server)
        let result = try await Self.run(workspace, sample: "order-international.json")
        #expect(result.status == 0, "\(result)")
        let output = runSummary(result)?["output"]
        #expect(output?["zone"] == "international" && output?["status"] == "shipping", "\(result)")
        #expect(output?["fulfillment_order"] == "FO-00233")
        #expect(output?["crm_task"] == "00TXX0000012abcYAA")
        #expect(ExampleSupport.steps(result)["route.cases[1].ship_international"]?["state"] == "succeeded")

        #expect(Set(Self.reservations(server).keys) == ["KB-75-BRN", "MS-ERGO", "MON-27-4K"])
        let fulfillment = ExampleSupport.body(try #require(Self.requests(server, "/fulfillment-orders").first))
        #expect(fulfillment["service_level"] == "international_priority")
        #expect(
            fulfillment["ship_to"]?["company"] == "Globex Corporation" && fulfillment["ship_to"]?["country"] == "US")
        #expect(
            fulfillment["customs"] == [
                "contents_type": "merchandise", "currency": "EUR",
                "items": [
                    [
                        "hs_code": "8471.60", "origin": "TW", "description": "Mechanical keyboard 75%; Ergonomic mouse",
                        "quantity": 4, "value": 537,
                    ],
                    [
                        "hs_code": "8528.52", "origin": "CN", "description": "27\" 4K monitor", "quantity": 1,
                        "value": 871.9,
                    ],
                ],
            ])

        let tokens = Self.requests(server, "/services/oauth2/token")
        try #require(tokens.count == 1, "token requests: \(tokens.count)")
        #expect(
            ExampleSupport.form(tokens[0]) == [
                "grant_type": "client_credentials", "client_id": Self.secrets.clientId,
                "client_secret": Self.secrets.clientSecret,
            ])
        let task = try #require(Self.requests(server, "/sobjects/Task").first)
        #expect(task.header("Authorization") == "Bearer \(Self.accessToken)")
        #expect(task.header("Sforce-Call-Options") == "client=weft-examples")
        #expect(
            ExampleSupport.body(task) == [
                "Subject": "Large order W-100233 from Globex Corporation",
                "Description":
                    "Account C-88, EUR 1,408.90, international.\n2 × Mechanical keyboard 75%\n2 × Ergonomic mouse\n1 × 27\" 4K monitor",
                "Priority": "High", "Status": "Not Started", "ActivityDate": "2026-03-16",
            ])

        let slack = ExampleSupport.body(try #require(Self.requests(server, "/chat.postMessage").first))
        #expect(slack["text"] == ":earth_africa: W-100233 (EUR 1,408.90, international): fulfillment order FO-00233")
        #expect(try Self.audit(workspace, "audit/2026-03-14/W-100233.json")["route"]?["id"] == "FO-00233")
    }

    @Test("EU express with too little stock: express service for what was reserved, the rest reported backordered")
    func euExpressWithBackorder() async throws {
        let server = try await Self.server(Behaviour(stock: ["KB-75-BRN": 2]))
        defer { Task { await server.stop() } }
        let workspace = try Self.workspace(server)
        guard case .object(var order) = try ExampleSupport.json("order-routing/order-domestic.json"),
            case .object(var shipping) = order["shipping"], case .array(var lines) = order["lines"],
            case .object(var keyboard) = lines.first
        else { throw ExampleSupportError(message: "the domestic sample changed shape") }
        order["number"] = "W-100240"
        shipping["country"] = "fr"
        shipping["city"] = "Paris"
        shipping["express"] = true
        order["shipping"] = .object(shipping)
        keyboard["qty"] = 5
        lines[0] = .object(keyboard)
        order["lines"] = .array(lines)
        let result = try await Self.run(workspace, document: JSON.object(order).serialized())
        #expect(result.status == 0, "\(result)")
        #expect(ExampleSupport.steps(result)["route.else.ship"]?["state"] == "succeeded", "the else branch did not run")
        #expect(
            Self.reservations(server).mapValues { $0["quantity"] } == ["KB-75-BRN": 5, "CBL-USB-C": 3],
            "each line asks for what was ordered")
        let fulfillment = ExampleSupport.body(try #require(Self.requests(server, "/fulfillment-orders").first))
        #expect(fulfillment["service_level"] == "express")
        #expect(fulfillment["ship_to"]?["country"] == "FR")
        #expect(fulfillment["lines"] == [["sku": "KB-75-BRN", "quantity": 2], ["sku": "CBL-USB-C", "quantity": 3]])
        let output = runSummary(result)?["output"]
        #expect(output?["zone"] == "eu")
        #expect(output?["backordered"] == [["sku": "KB-75-BRN", "quantity": 3]])
        let slack = ExampleSupport.body(try #require(Self.requests(server, "/chat.postMessage").first))
        #expect(
            slack["text"]
                == ":truck: W-100240 (EUR 982.50, eu): fulfillment order FO-00240\nBackordered: KB-75-BRN × 3")
    }

    @Test("nothing in stock (409 for every line): the order is held, no fulfillment order, Slack warned")
    func held() async throws {
        let server = try await Self.server(Behaviour(stock: ["KB-75-BRN": 0, "CBL-USB-C": 0]))
        defer { Task { await server.stop() } }
        let workspace = try Self.workspace(server)
        let result = try await Self.run(workspace, sample: "order-domestic.json")
        #expect(result.status == 0, "\(result)")
        let steps = ExampleSupport.steps(result)
        #expect(steps["route.cases[0].hold_order"]?["output"] == ["status": "on_hold", "reason": "nothing in stock"])
        #expect(steps["reserve[0].hold"]?["state"] == "recovered" && steps["reserve[1].hold"]?["state"] == "recovered")
        #expect(Self.requests(server, "/fulfillment-orders").isEmpty)
        #expect(Self.requests(server, "/reservations").count == 2, "a 409 is not worth another attempt")
        let output = runSummary(result)?["output"]
        #expect(output?["status"] == "on_hold")
        #expect(output?["fulfillment_order"] == nil)
        #expect(output?["backordered"] == [["sku": "KB-75-BRN", "quantity": 1], ["sku": "CBL-USB-C", "quantity": 3]])
        let slack = ExampleSupport.body(try #require(Self.requests(server, "/chat.postMessage").first))
        #expect(
            slack["text"]
                == ":warning: W-100231 (EUR 226.50, domestic): on hold, nothing in stock\nBackordered: KB-75-BRN × 1, CBL-USB-C × 3"
        )
        let audit = try Self.audit(workspace, "audit/2026-03-14/W-100231.json")
        #expect(audit["route"] == ["status": "on_hold", "reason": "nothing in stock"])
        #expect(audit["reservations"]?.arrayValue?.allSatisfy { $0["reserved"] == 0 } == true)
    }

    @Test("Slack and the CRM down (503): the order still ships, the message waits in the outbox (exit 0)")
    func slackAndCRMDown() async throws {
        let server = try await Self.server(Behaviour(taskStatus: 503, slackStatus: 503))
        defer { Task { await server.stop() } }
        let workspace = try Self.workspace(server)
        let result = try await Self.run(workspace, sample: "order-international.json")
        #expect(result.status == 0, "\(result)")
        #expect(runSummary(result)?["state"] == "succeeded")
        let steps = ExampleSupport.steps(result)
        #expect(steps["fan_out.crm.follow_up"]?["state"] == "recovered")
        #expect(steps["fan_out.notify.post"]?["state"] == "recovered")
        let output = runSummary(result)?["output"]
        #expect(output?["status"] == "shipping" && output?["fulfillment_order"] == "FO-00233")
        #expect(output?["crm_task"] == nil)
        #expect(!Self.requests(server, "/sobjects/Task").isEmpty && !Self.requests(server, "/chat.postMessage").isEmpty)

        let outbox = try Self.audit(workspace, "outbox/slack/W-100233.json")
        #expect(outbox["channel"] == "#fulfilment" && outbox["order"] == "W-100233")
        #expect(outbox["error"]?.stringValue?.contains("HTTP 503") == true, "\(outbox)")
        #expect(workspace.exists("audit/2026-03-14/W-100233.json"))
    }

    @Test("a fulfillment outage (502) on an international order dead-letters the run after 3 attempts (exit 1)")
    func fulfillmentOutage() async throws {
        let server = try await Self.server(Behaviour(fulfillmentStatus: 502))
        defer { Task { await server.stop() } }
        let workspace = try Self.workspace(server)
        let result = try await Self.run(workspace, sample: "order-international.json")
        #expect(result.status == 1, "\(result)")
        let summary = runSummary(result)
        #expect(summary?["state"] == "dead_letter")
        #expect(summary?["failed_step"] == "route.cases[1].ship_international")
        #expect(summary?["error"]?.stringValue?.contains("HTTP 502") == true, "\(result)")
        #expect(ExampleSupport.steps(result)["route.cases[1].ship_international"]?["attempts"] == 3)
        #expect(Self.requests(server, "/fulfillment-orders").count >= 3)
        #expect(!server.requests.contains { $0.path.hasPrefix("/slack") || $0.path.hasPrefix("/salesforce") })
        #expect(!workspace.exists("audit"), "the fan-out ran after a dead letter")
    }
}
