import WeftJSON

extension FlowDocumentation {
    /// Longest JSON shown inline for a test's trigger message.
    private static let excerptLength = 160

    /// One line of JSON, shortened when long.
    static func excerpt(_ json: JSON) -> String {
        let text = json.serialized()
        guard text.count > excerptLength else { return text }
        return String(text.prefix(excerptLength - 1)) + "…"
    }

    func testBlocks() -> [DocumentBlock] {
        var blocks: [DocumentBlock] = [.heading(level: 2, text: "Tests", anchor: "tests")]
        if flow.tests.isEmpty {
            blocks.append(.paragraph("The flow has no tests."))
            return blocks
        }
        blocks.append(
            .paragraph(
                "\(code: "weft test") runs these without calling out: steps that would call an app or a URL are given mocked outputs."
            ))
        for test in flow.tests {
            var items: [Prose] = []
            if !test.trigger.isNull { items.append("Given the message \(code: Self.excerpt(test.trigger))") }
            if !test.variables.isEmpty {
                items.append(
                    "With the variables "
                        + Prose.list(test.variables.map { "\(code: $0.key) = \(code: Self.excerpt($0.value))" }))
            }
            if !test.mocks.isEmpty {
                items.append(
                    "With mocked outputs for "
                        + Prose.list(test.mocks.map { "\(code: $0.key) (\(code: Self.excerpt($0.value)))" }))
            }
            for (step, message) in test.failures {
                items.append("When \(code: step) fails with “\(message)”")
            }
            if test.expect.isEmpty {
                items.append("Expects the run to finish without error")
            }
            for (path, value) in test.expect {
                items.append("Expects \(code: path) to be \(code: Self.excerpt(value))")
            }
            blocks.append(.paragraph("\(strong: test.name)"))
            blocks.append(.list(items))
        }
        return blocks
    }
}
