import Foundation
import Testing
import WeftJSON
import WeftTestSupport

/// `examples/csv-to-bulk` run for real by the `weft` executable against a local warehouse bulk API: the sample
/// CSV dropped into `inbox/` is picked up by the served file trigger, cleaned and sent in one bulk request with the
/// API key, the report is written and the file set aside; and a warehouse outage parks the batch in `failed/`.
@Suite("example csv-to-bulk, end to end")
struct ExampleCSVToBulkTests {
    static let flow = "csv-to-bulk/csv-to-bulk.flow.yaml"
    static let apiKey = "wh-canary-K8s2-key"
    static let environment = ["WAREHOUSE_API_KEY": apiKey]

    /// The rows of the sample after cleaning: KB-75-BRN's two counts in A-01 added up, the invalid rows left out.
    static let cleanedItems: JSON = [
        [
            "sku": "KB-75-BRN", "location": "A-01", "quantity": 45, "unit_cost": 189,
            "counted_at": "2026-03-14T05:25:00.000Z",
        ],
        [
            "sku": "MON-27-4K", "location": "A-02", "quantity": 7, "unit_cost": 871.9,
            "counted_at": "2026-03-14T05:00:00.000Z",
        ],
        [
            "sku": "PEN-BLK", "location": "MAIN", "quantity": 1250, "unit_cost": 0.35,
            "counted_at": "2026-03-14T05:20:00.000Z",
        ],
    ]

    /// The rows the flow itself rejects.
    static let rejectedHere: [JSON] = [
        ["line": 4, "sku": "", "problem": "no SKU"],
        ["line": 5, "sku": "CBL-USB-C", "problem": "quantity 'n/a' is not a whole number"],
    ]

    /// A workspace whose connections file points the `wms` connection at `server`.
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

            """)
        return workspace
    }

    static func expectBulkRequest(
        _ request: RecordedRequest, sourceFile: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(request.method == "POST", sourceLocation: sourceLocation)
        #expect(request.path == "/warehouse/v1/inventory/bulk", sourceLocation: sourceLocation)
        #expect(request.header("X-Api-Key") == apiKey, sourceLocation: sourceLocation)
        #expect(request.header("X-Account-Id") == "ACME-EU-01", sourceLocation: sourceLocation)
        #expect(request.header("X-Source-File") == sourceFile, sourceLocation: sourceLocation)
        let body = ExampleSupport.body(request)
        #expect(body["mode"] == "replace", sourceLocation: sourceLocation)
        #expect(body["items"] == cleanedItems, "\(request.bodyText)", sourceLocation: sourceLocation)
        #expect(body.objectValue?.keys.sorted() == ["items", "mode"], sourceLocation: sourceLocation)
    }

    @Test("served: the sample CSV in inbox/ is cleaned, sent in one bulk request, reported and set aside")
    func servedFileTrigger() async throws {
        let server = try await TestHTTPServer.start { request in
            guard request.method == "POST", request.path == "/warehouse/v1/inventory/bulk" else {
                return .text("no route", status: 404)
            }
            return .json(
                #"{"job_id":"job_7f3a","status":"queued","accepted":2,"rejected":[{"sku":"PEN-BLK","reason":"unknown SKU"}]}"#,
                status: 202)
        }
        defer { Task { await server.stop() } }
        let workspace = try Self.workspace(server)
        // The ERP wrote the file a while ago: it has settled, so the first look takes it (a file written just now
        // is taken at the second look, one `every: 1m` later).
        let csv = try workspace.write(
            "inbox/stock-2026-03-14.csv", try ExampleSupport.text("csv-to-bulk/stock-2026-03-14.csv"))
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: -600)], ofItemAtPath: csv)

        let process = try ExampleSupport.serve(
            Self.flow, connections: workspace.path("connections.yaml"), in: workspace, environment: Self.environment)
        #expect(await ExampleSupport.eventually { !ExampleSupport.finishedRuns(process.standardOutput).isEmpty })
        // The file is set aside once its run has finished.
        #expect(
            await ExampleSupport.eventually { !workspace.exists("inbox/stock-2026-03-14.csv") },
            "the file stayed in the inbox")
        process.interrupt()
        let result = await process.wait()
        #expect(result.status == 0, "\(result)")
        #expect(!result.standardOutput.contains(Self.apiKey) && !result.standardError.contains(Self.apiKey))
        #expect(jsonLines(result.standardOutput).first?["trigger"] == "watching inbox for *.csv", "\(result)")

        let runs = ExampleSupport.finishedRuns(result.standardOutput)
        #expect(runs.count == 1, "\(result)")
        #expect(runs.first?["state"] == "succeeded")
        #expect(runs.first?["output"]?["path"] == "reports/stock-2026-03-14.report.json")
        try #require(server.requests.count == 1, "\(server.requests.map(\.uri))")
        Self.expectBulkRequest(server.requests[0], sourceFile: "stock-2026-03-14.csv")

        let report = try JSONParser().parse(
            try String(contentsOfFile: workspace.path("reports/stock-2026-03-14.report.json"), encoding: .utf8))
        #expect(report["file"] == "stock-2026-03-14.csv")
        #expect(report["status"] == "uploaded")
        #expect(report["job_id"] == "job_7f3a")
        #expect(report["rows"] == 6 && report["sent"] == 3 && report["units"] == 1302)
        #expect(
            report["rejected"]?.arrayValue
                == Self.rejectedHere + [["sku": "PEN-BLK", "problem": "warehouse: unknown SKU"]])

        #expect(workspace.exists("inbox/processed/stock-2026-03-14.csv"), "the file was not moved aside")
    }

    @Test("a warehouse outage is retried, then the batch is parked in failed/ and the report says so (exit 0)")
    func outageParksTheBatch() async throws {
        let server = try await TestHTTPServer.start { _ in
            .json(#"{"error":"maintenance"}"#, status: 503, headers: [("Retry-After", "0")])
        }
        defer { Task { await server.stop() } }
        let workspace = try Self.workspace(server)
        // For a file flow, `--input` is the file to process, read as the trigger reads it.
        let result = try await ExampleSupport.run(
            Self.flow, connections: workspace.path("connections.yaml"), in: workspace, environment: Self.environment,
            ["--input", ExampleSupport.example("csv-to-bulk/stock-2026-03-14.csv")])
        #expect(result.status == 0, "\(result)")
        #expect(runSummary(result)?["state"] == "succeeded")
        let steps = ExampleSupport.steps(result)
        #expect(steps["upload"]?["state"] == "recovered")
        #expect(steps["upload"]?["attempts"] == 4)
        #expect(steps["upload.on_error.park"]?["state"] == "succeeded", "\(steps.keys.sorted())")
        #expect(server.requests.count >= 4)
        for request in server.requests { Self.expectBulkRequest(request, sourceFile: "stock-2026-03-14.csv") }

        let parked = try JSONParser().parse(
            try String(contentsOfFile: workspace.path("failed/stock-2026-03-14.csv.json"), encoding: .utf8))
        #expect(parked["file"] == "stock-2026-03-14.csv")
        #expect(parked["items"] == Self.cleanedItems)
        #expect(parked["error"]?["status"] == 503)
        #expect(parked["error"]?["message"]?.stringValue?.contains("HTTP 503") == true, "\(parked)")

        let report = try JSONParser().parse(
            try String(contentsOfFile: workspace.path("reports/stock-2026-03-14.report.json"), encoding: .utf8))
        #expect(report["status"] == "parked")
        #expect(report["parked_in"] == "failed/stock-2026-03-14.csv.json")
        #expect(report["job_id"] == nil)
        #expect(report["rejected"]?.arrayValue == Self.rejectedHere)
    }
}
