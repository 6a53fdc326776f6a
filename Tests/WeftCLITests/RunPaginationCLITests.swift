import Foundation
import Synchronization
import Testing
import WeftJSON
import WeftTestSupport

/// `weft run` against a local API that pages five records two at a time, for every pagination type: the action's
/// output is all five records, in order, fetched in three requests.
@Suite("weft run: pagination")
struct RunPaginationCLITests {
    struct PaginationCase: Sendable, CustomTestStringConvertible {
        var name: String
        var paginate: String
        var records: String
        /// The page (0, 1 or 2) a request asks for.
        var page: @Sendable (RecordedRequest) -> Int
        /// The answer carrying `items` as page `page` of three.
        var answer: @Sendable (_ items: [Int], _ page: Int, _ baseURL: String) -> TestResponse

        var testDescription: String { name }
    }

    static func items(_ ids: [Int]) -> String { "[" + ids.map { #"{"id":\#($0)}"# }.joined(separator: ",") + "]" }

    static let cases: [PaginationCase] = [
        PaginationCase(
            name: "cursor", paginate: "{ type: cursor, next: meta.next, param: after }", records: "data",
            page: { ["c1": 1, "c2": 2][$0.queryValue("after") ?? ""] ?? 0 },
            answer: { ids, page, _ in
                let next = page < 2 ? #""c\#(page + 1)""# : "null"
                return .json(#"{"data":\#(items(ids)),"meta":{"next":\#(next)}}"#)
            }),
        PaginationCase(
            name: "offset", paginate: "{ type: offset, param: offset, limit_param: limit, page_size: 2 }",
            records: "data", page: { (Int($0.queryValue("offset") ?? "0") ?? 0) / 2 },
            answer: { ids, _, _ in .json(#"{"data":\#(items(ids))}"#) }),
        PaginationCase(
            name: "page", paginate: "{ type: page, param: p, limit_param: per_page, page_size: 2 }", records: "data",
            page: { (Int($0.queryValue("p") ?? "1") ?? 1) - 1 },
            answer: { ids, _, _ in .json(#"{"data":\#(items(ids))}"#) }),
        PaginationCase(
            name: "link header", paginate: "{ type: link_header }", records: "$",
            page: { Int($0.queryValue("page") ?? "0") ?? 0 },
            answer: { ids, page, base in
                let link = page < 2 ? [("Link", #"<\#(base)/api/things?page=\#(page + 1)>; rel="next""#)] : []
                return .json(items(ids), headers: link)
            }),
        PaginationCase(
            name: "next url", paginate: "{ type: next_url, next: links.next }", records: "results",
            page: { Int($0.queryValue("page") ?? "0") ?? 0 },
            answer: { ids, page, base in
                let next = page < 2 ? #""\#(base)/api/things?page=\#(page + 1)""# : "null"
                return .json(#"{"results":\#(items(ids)),"links":{"next":\#(next)}}"#)
            }),
        PaginationCase(
            name: "OData next link", paginate: "{ type: odata }", records: "value",
            page: { Int($0.queryValue("$skiptoken") ?? "0") ?? 0 },
            answer: { ids, page, base in
                let next = page < 2 ? #","@odata.nextLink":"\#(base)/api/things?$skiptoken=\#(page + 1)""# : ""
                return .json(#"{"value":\#(items(ids))\#(next)}"#)
            }),
    ]

    @Test("each pagination type collects every record", arguments: cases)
    func paginates(_ pagination: PaginationCase) async throws {
        let pages = [[1, 2], [3, 4], [5]]
        let baseURL = BaseURLBox()
        let server = try await TestHTTPServer.start { request in
            guard request.path == "/api/things" else { return .text("no route", status: 404) }
            let page = pagination.page(request)
            guard pages.indices.contains(page) else { return .text("no such page", status: 400) }
            return pagination.answer(pages[page], page, baseURL.value)
        }
        baseURL.value = server.baseURL
        defer { Task { await server.stop() } }
        let workspace = try TemporaryWorkspace()
        try workspace.writeServiceApp(
            baseURL: server.baseURL,
            body: """
                actions:
                  things:
                    path: /api/things
                    paginate: \(pagination.paginate)
                    records: \(pagination.records)
                """)
        try workspace.write(
            "list.flow.yaml",
            """
            weft: 1
            flow: list
            connections: { svc: svc }
            steps:
              - id: all
                action: svc/things
                connection: svc
              - id: ids
                map: '{ "ids": $steps.all.id }'

            """)
        let result = try await weft(
            "run", "list.flow.yaml", "--apps", "apps", "--connections", "connections.yaml", "--log-format", "json",
            in: workspace)
        #expect(result.status == 0, "\(pagination.name): \(result)")
        #expect(runSummary(result)?["output"]?["ids"] == [1, 2, 3, 4, 5], "\(pagination.name): \(result)")
        #expect(server.requests.count == 3, "\(pagination.name): \(server.requests.map(\.uri))")
    }
}

/// The server's own URL, known only once it listens, for the links it hands out.
final class BaseURLBox: Sendable {
    private let stored = Mutex("")

    var value: String {
        get { stored.withLock { $0 } }
        set { stored.withLock { $0 = newValue } }
    }
}
