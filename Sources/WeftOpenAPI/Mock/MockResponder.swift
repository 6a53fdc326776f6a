import Synchronization
import WeftJSON

/// Answers requests for the operations of an OpenAPI document, as a mock server of the API: the pure part of
/// `weft mock`, independent of any HTTP server.
///
/// For each request, in order:
/// 1. the path is matched against the document's paths (also under the servers' base path): none gives `404`,
///    a documented path without the method gives `405` with `Allow`;
/// 2. the request is checked (``RequestValidator``) together with the control headers below: any problem gives
///    one `400` listing them all;
/// 3. with ``MockOptions/errorRate``, a valid request may get an injected `500` or `503`;
/// 4. otherwise the operation's success response (its lowest documented `2xx`), or the one
///    `X-Weft-Mock-Status` asks for, is answered with its documented example (`Prefer: example=NAME` picks a
///    named one), else a value generated from its schema (``SchemaSampler``), and its documented headers.
///
/// Control headers: `X-Weft-Mock-Status: 404` asks for the documented response of that status (an exact code,
/// then its range such as `4XX`, then `default`); `Prefer: example=NAME` asks for the media type's named example
/// (or, in Swagger 2.0, the example of that media type). Every answer carries `X-Weft-Mock-Source`: `example`,
/// `example=NAME`, `schema`, `empty`, `injected` or `mock` (the mock's own errors).
///
/// Everything generated is drawn from ``MockOptions/seed`` and the request's fingerprint (method, path, query
/// and body), so the same seed and the same request give the same answer. Injected failures and waits also
/// count how often the same request was seen before.
public final class MockResponder: Sendable {
    /// The document served.
    public let document: OpenAPIDocument
    /// Seed, latency and error injection.
    public let options: MockOptions
    /// The operations served, in document order.
    public let operations: [OpenAPIOperation]
    let router: MockRouter
    private let validators = Mutex<[Int: RequestValidator]>([:])
    private let schemas = Mutex<[String: JSON]>([:])
    private let occurrences = Mutex<[UInt64: Int]>([:])

    /// The header that asks for a documented response by status.
    public static let statusHeader = "X-Weft-Mock-Status"
    /// The header that says where an answer's body came from.
    public static let sourceHeader = "X-Weft-Mock-Source"

    /// A responder for `document`.
    public init(document: OpenAPIDocument, options: MockOptions = MockOptions()) {
        self.document = document
        self.options = options
        operations = document.operations
        router = MockRouter(operations: operations, basePaths: document.basePaths)
    }

    /// The answer to `request`, with the wait latency injection asks for in ``MockResponse/delay``.
    public func respond(to request: MockRequest) -> MockResponse {
        let fingerprint =
            "\(request.method.uppercased()) \(request.path)?\(request.query)\n"
            + String(decoding: request.body, as: UTF8.self)
        let key = MockRandom.hash(fingerprint)
        let occurrence = occurrences.withLock { seen in
            if seen.count > 100_000 { seen.removeAll() }
            defer { seen[key, default: 0] += 1 }
            return seen[key] ?? 0
        }
        var response = answer(request, fingerprint: fingerprint, occurrence: occurrence)
        if let latency = options.latency {
            var random = MockRandom(seed: options.seed, "latency|\(occurrence)|\(fingerprint)")
            response.delay = latency.duration(at: random.unit())
        }
        return response
    }

    private func answer(_ request: MockRequest, fingerprint: String, occurrence: Int) -> MockResponse {
        let route = router.route(method: request.method, path: request.path)
        let index: Int
        let pathValues: [String: String]
        switch route {
        case .notFound:
            return Self.failure(404, "no path of the document matches `\(request.path)`")
        case .methodNotAllowed(let path, let allowed):
            return Self.failure(
                405,
                "`\(path)` has no \(request.method.uppercased()) operation; it has \(allowed.joined(separator: ", "))",
                headers: [("Allow", allowed.joined(separator: ", "))])
        case .operation(let found, let values):
            (index, pathValues) = (found, values)
        }
        let operation = operations[index]
        var problems = validator(index).validate(request, pathValues: pathValues)
        let control = MockControl(request)
        problems += control.problems
        var status = control.status
        var source: String?
        if status == nil, options.errorRate > 0 {
            var random = MockRandom(seed: options.seed, "fault|\(occurrence)|\(fingerprint)")
            if random.unit() < options.errorRate {
                status = random.int(in: 0...1) == 0 ? 500 : 503
                source = "injected"
            }
        }
        let chosen = problems.isEmpty ? documentedResponse(operation, status: status) : nil
        if problems.isEmpty, chosen == nil, let status {
            if source == "injected" {
                return Self.failure(status, "failure injected by the mock (error rate \(options.errorRate))")
                    .replacingSource("injected")
            }
            let documented = operation.responses.map(\.status).joined(separator: ", ")
            problems.append(
                MockProblem(
                    "header", Self.statusHeader,
                    "\(status) is not a documented response of \(operation.name) (documented: \(documented))"))
        }
        guard problems.isEmpty, let chosen else {
            return Self.failure(
                400, "the request does not match \(operation.method) \(operation.path) (\(operation.name))",
                operation: operation, reasons: problems)
        }
        var random = MockRandom(seed: options.seed, "body|\(fingerprint)")
        switch build(
            operation, chosen.response, status: chosen.status, request: request, example: control.example,
            random: &random)
        {
        case .success(let response):
            return source.map { response.replacingSource($0) } ?? response
        case .failure(let problem):
            return Self.failure(
                400, "the request does not match \(operation.method) \(operation.path) (\(operation.name))",
                operation: operation, reasons: [problem])
        }
    }

    /// The compiled checks of the operation at `index`, made on first use.
    private func validator(_ index: Int) -> RequestValidator {
        if let known = validators.withLock({ $0[index] }) { return known }
        let made = RequestValidator(operation: operations[index], document: document)
        validators.withLock { $0[index] = made }
        return made
    }

    /// The self-contained schema at `pointer`, made on first use; `nil` when there is none.
    func schema(at pointer: String) -> JSON? {
        if let known = schemas.withLock({ $0[pointer] }) { return known }
        guard document.value(atReference: pointer) != nil, let made = try? document.schema(at: pointer) else {
            return nil
        }
        schemas.withLock { $0[pointer] = made }
        return made
    }

    /// The documented response to answer: for a `status` asked for, its exact code, its range (`4XX`) or
    /// `default`, or `nil` when none is documented; otherwise the lowest documented `2xx`, then `2XX` or
    /// `default` as `200`, then the first documented response (`200` with no body when there is none).
    func documentedResponse(_ operation: OpenAPIOperation, status: Int?)
        -> (status: Int, response: OpenAPIOperation.Located?)?
    {
        let responses = operation.responses
        if let status {
            let found =
                responses.first { $0.status == String(status) }
                ?? responses.first { $0.status.uppercased() == "\(status / 100)XX" }
                ?? responses.first { $0.status == "default" }
            return found.map { (status, $0.response) }
        }
        let successes = responses.compactMap { entry in Int(entry.status).map { ($0, entry.response) } }
            .filter { (200..<300).contains($0.0) }.sorted { $0.0 < $1.0 }
        if let first = successes.first { return (first.0, first.1) }
        if let range = responses.first(where: { $0.status.uppercased() == "2XX" }) { return (200, range.response) }
        if let fallback = responses.first(where: { $0.status == "default" }) { return (200, fallback.response) }
        if let first = responses.first, let code = Int(first.status) { return (code, first.response) }
        return (200, nil)
    }

    /// The mock's own error answer: `{"error": {"status", "message", "operation", "reasons"}}`.
    static func failure(
        _ status: Int, _ message: String, operation: OpenAPIOperation? = nil, reasons: [MockProblem] = [],
        headers: [(name: String, value: String)] = []
    ) -> MockResponse {
        var error: JSONObject = ["status": .number(Double(status)), "message": .string(message)]
        if let operation { error["operation"] = .string(operation.name) }
        if !reasons.isEmpty { error["reasons"] = .array(reasons.map(\.json)) }
        return .json(status, ["error": .object(error)], headers: headers + [(sourceHeader, "mock")])
    }
}

extension MockResponse {
    /// This response with `X-Weft-Mock-Source` set to `source`.
    func replacingSource(_ source: String) -> MockResponse {
        var copy = self
        copy.headers.removeAll { $0.name == MockResponder.sourceHeader }
        copy.headers.append((MockResponder.sourceHeader, source))
        return copy
    }
}
