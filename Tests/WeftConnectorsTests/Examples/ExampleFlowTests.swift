import Foundation
import Testing
import WeftConnectors
import WeftModel
import WeftRuntime

/// Every flow under `examples/` is valid and its own `tests:` pass, as `weft test` would run them.
@Suite("Example flows")
struct ExampleFlowTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples")

    static var flowFiles: [String] {
        let enumerator = FileManager.default.enumerator(atPath: examples.path)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".flow.yaml") { files.append(examples.appendingPathComponent(path).path) }
        }
        return files.sorted()
    }

    @Test("there are example flows")
    func examplesExist() {
        #expect(!Self.flowFiles.isEmpty)
    }

    @Test("each example is valid and its tests pass", arguments: flowFiles)
    func exampleTestsPass(path: String) async throws {
        let loaded = WeftDocument.load(path: path)
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics)")
        guard case .flow(let flow)? = loaded.document else {
            Issue.record("\(path) is not a flow")
            return
        }
        #expect(FlowChecker().check(flow).isEmpty)
        #expect(!flow.tests.isEmpty, "\(path) has no tests")
        for result in await FlowTestRunner(flow: flow, converter: StandardConverter()).runAll() {
            #expect(result.passed, "\(path): \(result.name): \(result.failures)")
        }
    }
}
