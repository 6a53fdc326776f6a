import Foundation

/// What a request's control headers ask of the mock: `X-Weft-Mock-Status: 404` (a documented response by
/// status) and `Prefer: example=NAME` (a named example).
struct MockControl {
    /// The status asked for, if any.
    var status: Int?
    /// The example asked for, if any.
    var example: String?
    /// Control headers that could not be read.
    var problems: [MockProblem] = []

    init(_ request: MockRequest) {
        if let text = request.header(MockResponder.statusHeader) {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let code = Int(trimmed), (100...599).contains(code) {
                status = code
            } else {
                problems.append(
                    MockProblem(
                        "header", MockResponder.statusHeader, "expected a status code (100 to 599), got `\(text)`"))
            }
        }
        for value in request.headerValues("Prefer") {
            for preference in value.split(whereSeparator: { $0 == "," || $0 == ";" }) {
                let parts = preference.split(separator: "=", maxSplits: 1).map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                guard parts.count == 2, parts[0].lowercased() == "example" else { continue }
                var name = parts[1]
                if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 {
                    name = String(name.dropFirst().dropLast())
                }
                example = name
            }
        }
    }
}
