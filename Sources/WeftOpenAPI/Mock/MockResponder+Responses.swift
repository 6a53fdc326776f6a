import Foundation
import WeftJSON

extension MockResponder {
    /// The answer of a documented `response` with `status`: a body from the asked-for `example`, the documented
    /// example, or the schema, in the media type the request's `Accept` prefers; and the documented headers.
    func build(
        _ operation: OpenAPIOperation, _ response: OpenAPIOperation.Located?, status: Int, request: MockRequest,
        example: String?, random: inout MockRandom
    ) -> Result<MockResponse, MockProblem> {
        var headers: [(name: String, value: String)] = []
        guard let response else {
            return .success(MockResponse(status: status, headers: [(Self.sourceHeader, "empty")]))
        }
        headers += responseHeaders(response, random: &random)
        let noBody = status == 204 || status == 304 || status < 200
        let found: Result<(type: String, value: JSON, source: String)?, MockProblem>
        if noBody {
            found = .success(nil)
        } else if document.version == .swagger2 {
            found = swaggerBody(operation, response, request: request, example: example, random: &random)
        } else {
            found = mediaBody(response, request: request, example: example, random: &random)
        }
        let body: (type: String, value: JSON, source: String)?
        switch found {
        case .success(let value): body = value
        case .failure(let problem): return .failure(problem)
        }
        guard let body else {
            return .success(MockResponse(status: status, headers: headers + [(Self.sourceHeader, "empty")]))
        }
        var type = body.type
        let bytes: [UInt8]
        if case .string(let text) = body.value, !RequestValidator.isJSON(type) {
            bytes = Array(text.utf8)
        } else {
            if !RequestValidator.isJSON(type) { type = "application/json" }
            bytes = body.value.serializedBytes()
        }
        return .success(
            MockResponse(
                status: status, headers: [("Content-Type", type)] + headers + [(Self.sourceHeader, body.source)],
                body: bytes))
    }

    /// The body of an OpenAPI 3 response: its `content` entry for the negotiated media type.
    private func mediaBody(
        _ response: OpenAPIOperation.Located, request: MockRequest, example: String?, random: inout MockRandom
    ) -> Result<(type: String, value: JSON, source: String)?, MockProblem> {
        guard case .object(let content)? = response.value["content"], !content.isEmpty else {
            if let example { return .failure(Self.noExample(example, available: [])) }
            return .success(nil)
        }
        let type = Self.negotiate(request.header("Accept"), Array(content.keys))
        let media = content[type] ?? [:]
        let named = media["examples"]?.objectValue ?? [:]
        if let example {
            guard let entry = named[example] else {
                return .failure(Self.noExample(example, available: Array(named.keys)))
            }
            let (resolved, _) = document.located(entry, at: .root)
            return .success((type, resolved["value"] ?? .null, "example=\(example)"))
        }
        if let value = media["example"] { return .success((type, value, "example")) }
        for (name, entry) in named {
            let (resolved, _) = document.located(entry, at: .root)
            if let value = resolved["value"] { return .success((type, value, "example=\(name)")) }
        }
        let pointer = response.pointer + "/content/" + JSONPointer.escape(type) + "/schema"
        guard let schema = schema(at: pointer) else { return .success(nil) }
        return .success((type, SchemaSampler().sample(schema, name: nil, random: &random), "schema"))
    }

    /// The body of a Swagger 2.0 response: its `examples` entry for the negotiated media type, else its schema.
    private func swaggerBody(
        _ operation: OpenAPIOperation, _ response: OpenAPIOperation.Located, request: MockRequest, example: String?,
        random: inout MockRandom
    ) -> Result<(type: String, value: JSON, source: String)?, MockProblem> {
        let produces =
            (operation.object["produces"] ?? document.root["produces"])?.arrayValue?.compactMap(\.stringValue)
            ?? ["application/json"]
        let examples = response.value["examples"]?.objectValue ?? [:]
        if let example {
            guard let value = examples[example] else {
                return .failure(Self.noExample(example, available: Array(examples.keys)))
            }
            return .success((example, value, "example=\(example)"))
        }
        let type = Self.negotiate(request.header("Accept"), produces.isEmpty ? ["application/json"] : produces)
        if let value = examples[type] { return .success((type, value, "example")) }
        guard response.value["schema"] != nil, let schema = schema(at: response.pointer + "/schema") else {
            return .success(nil)
        }
        return .success((type, SchemaSampler().sample(schema, name: nil, random: &random), "schema"))
    }

    /// The documented headers of a response, each from its example or schema (`Content-Type` left to the body).
    private func responseHeaders(_ response: OpenAPIOperation.Located, random: inout MockRandom)
        -> [(name: String, value: String)]
    {
        var headers: [(name: String, value: String)] = []
        for (name, header) in response.value["headers"]?.objectValue ?? [:]
        where name.lowercased() != "content-type" {
            let (resolved, location) = document.located(
                header, at: (try? JSONPointer(response.pointer + "/headers/" + JSONPointer.escape(name))) ?? .root)
            let value: JSON
            if let example = resolved["example"] {
                value = example
            } else if resolved["schema"] != nil, let schema = schema(at: location.description + "/schema") {
                value = SchemaSampler().sample(schema, name: name, random: &random)
            } else {
                value = SchemaSampler().sample(
                    OpenAPIDocument.swaggerItemSchema(resolved), name: name, random: &random)
            }
            headers.append((name, Self.headerText(value)))
        }
        return headers
    }

    /// A header value as text: strings as they are, arrays joined with commas, other values as JSON.
    static func headerText(_ value: JSON) -> String {
        switch value {
        case .string(let text): text
        case .array(let items): items.map(headerText).joined(separator: ",")
        default: value.serialized()
        }
    }

    /// The documented media type to answer with: the first `Accept` range (in order, `q=0` excluded) a documented
    /// type matches; otherwise the first JSON type, otherwise the first type.
    static func negotiate(_ accept: String?, _ documented: [String]) -> String {
        if let accept {
            for range in accept.split(separator: ",") {
                let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                guard let wanted = parts.first, !parts.contains("q=0") else { continue }
                if wanted == "*/*" { break }
                if let match = documented.first(where: {
                    RequestValidator.accepts(wanted, RequestValidator.mediaType($0))
                }) {
                    return match
                }
            }
        }
        return documented.first { RequestValidator.isJSON($0) } ?? documented.first ?? "application/json"
    }

    static func noExample(_ name: String, available: [String]) -> MockProblem {
        let known = available.isEmpty ? "it has none" : "it has " + available.map { "`\($0)`" }.joined(separator: ", ")
        return MockProblem("header", "Prefer", "no example named `\(name)` for this response; \(known)")
    }
}
