import Testing
import WeftConnectors
import WeftJSON
import WeftModel
import WeftRuntime
import WeftTestSupport

@Suite struct AppClientPaginationTests {
    static func manifest(_ action: String) -> String {
        """
        weft: 1
        app: pages
        name: Pages
        version: 1.0.0
        base_url: "BASE"
        actions:
          list:
            path: /items
        \(action.contains("query:") ? "" : "    query: { status: open }")
        \(action)
        """
    }

    static let expected: JSON = [["id": 1], ["id": 2], ["id": 3], ["id": 4], ["id": 5]]

    static func items(_ ids: [Int]) -> String {
        "[" + ids.map { #"{"id":\#($0)}"# }.joined(separator: ",") + "]"
    }

    /// Runs the `list` action against a server answering with `handler`; returns the output and the requests.
    static func run(
        _ action: String, journal: RecordingJournal = RecordingJournal(),
        _ handler: @escaping @Sendable (RecordedRequest, String) -> TestResponse
    ) async throws -> (JSON, [RecordedRequest]) {
        let base = Shared("")
        return try await AppTestSupport.withServer(
            { handler($0, base.value) },
            run: { server, transport in
                base.update { $0 = server.baseURL }
                let app = try AppTestSupport.app(manifest(action), base: server.baseURL)
                let client = AppClient(
                    app: app, connection: ConnectionValues(name: "c", app: app.id, fields: [:]), transport: transport,
                    clock: ManualClock())
                let output = try await client.call(
                    action: "list", input: [:], context: AppTestSupport.context(journal: journal))
                return (output, server.requests)
            })
    }

    @Test func cursor() async throws {
        let (output, requests) = try await Self.run(
            """
                paginate: { type: cursor, next: meta.next_cursor, param: after }
                records: data
            """
        ) { request, _ in
            switch request.queryValue("after") {
            case nil: return .json(#"{"data":\#(Self.items([1, 2])),"meta":{"next_cursor":"c2"}}"#)
            case "c2": return .json(#"{"data":\#(Self.items([3, 4])),"meta":{"next_cursor":"c3"}}"#)
            case "c3": return .json(#"{"data":\#(Self.items([5])),"meta":{"next_cursor":null}}"#)
            default: return .json("{}", status: 400)
            }
        }
        #expect(output == Self.expected)
        #expect(
            requests.map(\.uri) == ["/items?status=open", "/items?status=open&after=c2", "/items?status=open&after=c3"])
    }

    @Test func offset() async throws {
        let (output, requests) = try await Self.run(
            """
                paginate: { type: offset, param: skip, limit_param: top, page_size: 2 }
                records: results
            """
        ) { request, _ in
            guard request.queryValue("top") == "2", let skip = Int(request.queryValue("skip") ?? "") else {
                return .json("{}", status: 400)
            }
            let ids = Array((1...5).dropFirst(skip).prefix(2))
            return .json(#"{"results":\#(Self.items(ids))}"#)
        }
        #expect(output == Self.expected)
        #expect(requests.map { $0.queryValue("skip") } == ["0", "2", "4"])
    }

    @Test func offsetStartsWhereTheQueryAlreadyPoints() async throws {
        let (output, requests) = try await Self.run(
            """
                query: { status: open, skip: "2" }
                paginate: { type: offset, param: skip, page_size: 2 }
                records: results
            """
        ) { request, _ in
            let ids = Array((1...5).dropFirst(Int(request.queryValue("skip") ?? "") ?? 0).prefix(2))
            return .json(#"{"results":\#(Self.items(ids))}"#)
        }
        #expect(output == [["id": 3], ["id": 4], ["id": 5]])
        #expect(requests.map { $0.queryValue("skip") } == ["2", "4"])
    }

    @Test func page() async throws {
        let (output, requests) = try await Self.run(
            """
                paginate: { type: page, param: p, start: 1, limit_param: per_page, page_size: 2 }
                records: items
            """
        ) { request, _ in
            guard request.queryValue("per_page") == "2", let page = Int(request.queryValue("p") ?? "") else {
                return .json("{}", status: 400)
            }
            let ids = Array((1...5).dropFirst((page - 1) * 2).prefix(2))
            return .json(#"{"items":\#(Self.items(ids))}"#)
        }
        #expect(output == Self.expected)
        #expect(requests.map { $0.queryValue("p") } == ["1", "2", "3"])
    }

    @Test func pageWithoutSizeStopsAtAnEmptyPage() async throws {
        let (output, requests) = try await Self.run(
            """
                paginate: { type: page, start: 0 }
            """
        ) { request, _ in
            switch request.queryValue("page") {
            case "0": return .json(Self.items([1, 2]))
            case "1": return .json(Self.items([3, 4, 5]))
            default: return .json("[]")
            }
        }
        #expect(output == Self.expected)
        #expect(requests.map { $0.queryValue("page") } == ["0", "1", "2"])
    }

    @Test func linkHeader() async throws {
        let (output, requests) = try await Self.run(
            """
                paginate: { type: link_header }
            """
        ) { request, base in
            switch request.queryValue("page") {
            case nil:
                return .json(
                    Self.items([1, 2]),
                    headers: [
                        (
                            "Link",
                            #"<\#(base)/items?status=open&page=2>; rel="next", <\#(base)/items?page=3>; rel="last""#
                        )
                    ])
            case "2":
                return .json(
                    Self.items([3, 4]),
                    headers: [
                        ("Link", #"</items?status=open&page=1>; rel="prev", </items?status=open&page=3>; rel=next"#)
                    ])
            case "3":
                return .json(Self.items([5]), headers: [("Link", #"</items?status=open&page=2>; rel="prev""#)])
            default:
                return .json("{}", status: 400)
            }
        }
        #expect(output == Self.expected)
        #expect(
            requests.map(\.uri) == ["/items?status=open", "/items?status=open&page=2", "/items?status=open&page=3"])
    }

    @Test func nextURL() async throws {
        let (output, requests) = try await Self.run(
            """
                paginate: { type: next_url, next: links.next }
                records: data
            """
        ) { request, base in
            switch request.queryValue("token") {
            case nil: return .json(#"{"data":\#(Self.items([1, 2])),"links":{"next":"\#(base)/items?token=b"}}"#)
            case "b": return .json(#"{"data":\#(Self.items([3, 4])),"links":{"next":"\#(base)/items?token=c"}}"#)
            case "c": return .json(#"{"data":\#(Self.items([5])),"links":{}}"#)
            default: return .json("{}", status: 400)
            }
        }
        #expect(output == Self.expected)
        #expect(requests.count == 3)
    }

    @Test func odataVersion4() async throws {
        let (output, requests) = try await Self.run(
            """
                paginate: { type: odata }
            """
        ) { request, base in
            switch request.queryValue("$skiptoken") {
            case nil:
                return .json(#"{"value":\#(Self.items([1, 2])),"@odata.nextLink":"\#(base)/items?$skiptoken=2"}"#)
            case "2":
                return .json(#"{"value":\#(Self.items([3, 4])),"@odata.nextLink":"\#(base)/items?$skiptoken=4"}"#)
            case "4": return .json(#"{"value":\#(Self.items([5]))}"#)
            default: return .json("{}", status: 400)
            }
        }
        #expect(output == Self.expected)
        #expect(requests.count == 3)
    }

    @Test func odataVersion2() async throws {
        let (output, requests) = try await Self.run(
            """
                paginate: { type: odata }
            """
        ) { request, base in
            switch request.queryValue("$skiptoken") {
            case nil: return .json(#"{"d":{"results":\#(Self.items([1, 2])),"__next":"\#(base)/items?$skiptoken=2"}}"#)
            case "2": return .json(#"{"d":{"results":\#(Self.items([3, 4])),"__next":"\#(base)/items?$skiptoken=4"}}"#)
            case "4": return .json(#"{"d":{"results":\#(Self.items([5]))}}"#)
            default: return .json("{}", status: 400)
            }
        }
        #expect(output == Self.expected)
        #expect(requests.count == 3)
    }

    @Test func maxPagesStopsAndWarns() async throws {
        let journal = RecordingJournal()
        let (output, requests) = try await Self.run(
            """
                paginate: { type: cursor, next: next }
                records: data
                max_pages: 2
            """, journal: journal
        ) { request, _ in
            let page = Int(request.queryValue("cursor") ?? "1") ?? 1
            return .json(#"{"data":[{"id":\#(page)}],"next":"\#(page + 1)"}"#)
        }
        #expect(output == [["id": 1], ["id": 2]])
        #expect(requests.count == 2)
        #expect(journal.entries.contains { $0.level == .warning && $0.message.contains("max_pages") })
    }

    @Test func recordsWithoutPaginationAndPlainBody() async throws {
        let (records, _) = try await Self.run("    records: data[id > 1]") { _, _ in
            .json(#"{"data":\#(Self.items([1, 2, 3]))}"#)
        }
        #expect(records == [["id": 2], ["id": 3]])
        let (body, _) = try await Self.run("") { _, _ in .json(#"{"data":[]}"#) }
        #expect(body == ["data": []])
    }
}
