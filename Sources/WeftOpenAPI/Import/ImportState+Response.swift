import WeftJSON

extension ImportState {
    /// The response taken as the operation's success: 200, 201, 202, 203, then `2XX`, then any other 2xx
    /// (204 last), then `default`.
    func successResponse(_ operation: Operation) -> (code: String, response: JSON)? {
        let responses = operation.object["responses"]?.objectValue ?? [:]
        let preferred = ["200", "201", "202", "203", "2XX", "2xx"]
        if let code = preferred.first(where: { responses[$0] != nil }) {
            return (code, document.resolved(responses[code]!))
        }
        let others = responses.keys.filter { $0.hasPrefix("2") }.sorted {
            ($0 == "204" ? 1 : 0, $0) < ($1 == "204" ? 1 : 0, $1)
        }
        if let code = others.first { return (code, document.resolved(responses[code]!)) }
        if let fallback = responses["default"] { return ("default", document.resolved(fallback)) }
        return nil
    }

    /// The schema of a response's JSON content (OpenAPI 3) or its `schema` (Swagger 2.0); `nil` when it has
    /// none, or only content in other media types.
    mutating func responseSchema(_ response: JSON, operation: Operation, code: String) -> JSON? {
        let pointer = operation.pointer + "/responses/" + JSONPointer.escape(code)
        if code == "default" {
            diagnostics.add(
                "response-default", "operations without a 2xx response take the `default` response as their output",
                at: pointer)
        }
        if document.version == .swagger2 { return response["schema"] }
        guard let content = response["content"]?.objectValue, !content.isEmpty else { return nil }
        guard let mediaType = content.keys.first(where: Self.isJSON) else {
            diagnostics.add(
                "response-media-type",
                "responses that are not JSON (\(content.keys.joined(separator: ", "))) get no output schema",
                at: pointer)
            return nil
        }
        return content[mediaType]?["schema"]
    }
}
