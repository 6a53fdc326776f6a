import Foundation
import JSONata
import WeftJSON

/// Loads and runs a JSONata conformance suite from a directory with `groups/` and `datasets/`.
public struct SuiteRunner: Sendable {
    /// The outcome of one case.
    public struct Outcome: Sendable {
        public var suiteCase: SuiteCase
        public var passed: Bool
        /// What the expression produced, for a failure report.
        public var actual: String
        /// What the case expected, for a failure report.
        public var expected: String
    }

    /// A problem reading the suite itself.
    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    public let directory: URL

    /// Creates a runner for the suite in `directory`.
    public init(directory: URL) {
        self.directory = directory
    }

    /// Every case, sorted by group and file name.
    public func loadCases() throws -> [SuiteCase] {
        let fileManager = FileManager.default
        let groups = directory.appendingPathComponent("groups")
        guard let groupNames = try? fileManager.contentsOfDirectory(atPath: groups.path) else {
            throw LoadError(description: "no groups/ directory in \(directory.path)")
        }
        var datasets: [String: JSON] = [:]
        var cases: [SuiteCase] = []
        for group in groupNames.sorted() {
            let groupURL = groups.appendingPathComponent(group)
            let files = (try? fileManager.contentsOfDirectory(atPath: groupURL.path)) ?? []
            for file in files.sorted() where file.hasSuffix(".json") {
                let url = groupURL.appendingPathComponent(file)
                let json = try parse(url)
                let entries: [JSON]
                if case .array(let array) = json { entries = array } else { entries = [json] }
                for (offset, entry) in entries.enumerated() {
                    let name = entries.count > 1 ? "\(group)/\(file)#\(offset)" : "\(group)/\(file)"
                    cases.append(try makeCase(entry, name: name, groupURL: groupURL, datasets: &datasets))
                }
            }
        }
        return cases
    }

    private func parse(_ url: URL) throws -> JSON {
        let data = try Data(contentsOf: url)
        do {
            return try JSONParser().parse([UInt8](data))
        } catch {
            throw LoadError(description: "\(url.path): \(error)")
        }
    }

    private func makeCase(_ entry: JSON, name: String, groupURL: URL, datasets: inout [String: JSON]) throws
        -> SuiteCase
    {
        var expression = entry["expr"]?.stringValue ?? ""
        if let file = entry["expr-file"]?.stringValue {
            expression = try String(contentsOf: groupURL.appendingPathComponent(file), encoding: .utf8)
        }
        var input: JSON? = entry["data"]
        if case .string(let dataset)? = entry["dataset"] {
            if datasets[dataset] == nil {
                datasets[dataset] = try parse(directory.appendingPathComponent("datasets/\(dataset).json"))
            }
            input = datasets[dataset]
        }
        var bindings: [String: JSON] = [:]
        for (key, value) in entry["bindings"]?.objectValue ?? [:] { bindings[key] = value }

        let expectation: SuiteCase.Expectation
        if entry["undefinedResult"]?.boolValue == true {
            expectation = .undefined
        } else if let result = entry["result"] {
            expectation = .result(result, unordered: entry["unordered"]?.boolValue == true)
        } else if let error = entry["error"]?.objectValue, let code = error["code"]?.stringValue {
            expectation = .error(code: code, token: error["token"]?.stringValue)
        } else if let code = entry["code"]?.stringValue {
            expectation = .error(code: code, token: entry["token"]?.stringValue)
        } else {
            expectation = .unknown
        }
        return SuiteCase(
            name: name, expression: expression, input: input, bindings: bindings, expectation: expectation,
            timeLimit: entry["timelimit"]?.numberValue.map { Int($0) },
            depth: entry["depth"]?.numberValue.map { Int($0) })
    }

    /// Runs one case.
    public func run(_ suiteCase: SuiteCase) -> Outcome {
        var options = EvaluationOptions()
        if let depth = suiteCase.depth { options.maxDepth = depth }
        if let limit = suiteCase.timeLimit { options.timeLimit = .milliseconds(limit) }
        let result: Result<JSON?, JSONataError>
        do {
            let expression = try JSONataExpression(suiteCase.expression)
            result = .success(try expression.evaluate(suiteCase.input, bindings: suiteCase.bindings, options: options))
        } catch {
            result = .failure(error)
        }
        let actual: String
        switch result {
        case .success(let value?): actual = value.serialized()
        case .success(nil): actual = "(undefined)"
        case .failure(let error): actual = "error \(error)"
        }
        switch suiteCase.expectation {
        case .undefined:
            var passed = false
            if case .success(nil) = result { passed = true }
            return Outcome(suiteCase: suiteCase, passed: passed, actual: actual, expected: "(undefined)")
        case .result(let expected, let unordered):
            var passed = false
            if case .success(let value?) = result { passed = Self.matches(value, expected, unordered: unordered) }
            return Outcome(suiteCase: suiteCase, passed: passed, actual: actual, expected: expected.serialized())
        case .error(let code, let token):
            var passed = false
            if case .failure(let error) = result {
                passed = error.code == code && (token == nil || error.token == token)
            }
            return Outcome(
                suiteCase: suiteCase, passed: passed, actual: actual,
                expected: "error \(code)" + (token.map { " (token \($0))" } ?? ""))
        case .unknown:
            return Outcome(suiteCase: suiteCase, passed: false, actual: actual, expected: "(malformed case)")
        }
    }

    /// Deep equality; numbers equal when within a relative 1e-14 (the reference suite's values were printed
    /// by JavaScript, which can differ from our arithmetic in the last bit only).
    static func matches(_ actual: JSON, _ expected: JSON, unordered: Bool) -> Bool {
        switch (actual, expected) {
        case (.number(let a), .number(let b)):
            return a == b || abs(a - b) <= 1e-14 * max(abs(a), abs(b))
        case (.array(let a), .array(let b)):
            guard a.count == b.count else { return false }
            if unordered {
                var remaining = b
                for item in a {
                    guard let index = remaining.firstIndex(where: { matches(item, $0, unordered: true) }) else {
                        return false
                    }
                    remaining.remove(at: index)
                }
                return true
            }
            return zip(a, b).allSatisfy { matches($0, $1, unordered: false) }
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for (key, value) in a {
                guard let other = b[key], matches(value, other, unordered: unordered) else { return false }
            }
            return true
        default:
            return actual == expected
        }
    }
}
