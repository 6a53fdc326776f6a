import Testing

@testable import JSONata

/// Records an issue unless `body` throws a `JSONataError` with `code`.
func expectError(
    _ code: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws(JSONataError) -> Void
) {
    do {
        try body()
        Issue.record("expected error \(code), got none", sourceLocation: sourceLocation)
    } catch {
        #expect(error.code == code, sourceLocation: sourceLocation)
    }
}
