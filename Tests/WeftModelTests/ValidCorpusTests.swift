import Foundation
import Testing

@testable import WeftModel

/// The files of `Fixtures/valid/`: realistic flows and apps that must produce no diagnostic at all, and that
/// the committed JSON Schemas must accept.
@Suite("Valid files")
struct ValidCorpusTests {
    static let files = Fixtures.files(in: "valid")

    static var documents: [WeftDocument] {
        files.compactMap { WeftDocument.load(path: Fixtures.path("valid", $0)).document }
    }

    @Test("the valid file produces no diagnostics", arguments: files)
    func noDiagnostics(file: String) {
        let path = Fixtures.path("valid", file)
        let loaded = WeftDocument.load(path: path)
        #expect(loaded.document != nil)
        let diagnostics = Fixtures.diagnostics(forFileAt: path)
        #expect(diagnostics.isEmpty, "\(file):\n\(Fixtures.listing(diagnostics))")
    }

    @Test("the valid flows use every step kind and every trigger")
    func coversEveryKind() {
        var kinds: Set<String> = []
        var triggers: Set<String> = []
        func visit(_ steps: [Step]) {
            for step in steps {
                kinds.insert(step.kind.name)
                step.kind.nestedSteps.forEach(visit)
                if case .steps(let handlers) = step.onError { visit(handlers) }
            }
        }
        for case .flow(let flow) in Self.documents {
            triggers.insert(flow.trigger.name)
            visit(flow.steps)
        }
        #expect(
            kinds == ["action", "http", "map", "filter", "switch", "foreach", "parallel", "convert", "delay", "file"])
        #expect(triggers == ["manual", "webhook", "schedule", "poll", "file"])
    }

    @Test("the valid apps use several auth and pagination types")
    func coversAuthAndPagination() {
        var auth: Set<String> = []
        var pagination: Set<String> = []
        for case .app(let app) in Self.documents {
            auth.insert(app.auth.type)
            for action in app.actions.values { if let paginate = action.paginate { pagination.insert(paginate.type) } }
        }
        #expect(auth.count >= 2 && pagination.count >= 2, "auth \(auth), pagination \(pagination)")
    }

    // MARK: - The committed JSON Schemas

    static let repository = Fixtures.directory.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Validates YAML files against `schemas/{flow,app}.schema.json`, reading YAML with the 1.2 core schema's
    /// Booleans (so `on:` stays a key) and without timestamps, as Weft reads it. Prints one line per problem.
    static let checker = """
        import json, re, sys, yaml, jsonschema
        class Core(yaml.SafeLoader): pass
        Core.yaml_implicit_resolvers = {
            key: [(tag, rx) for tag, rx in value
                  if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
            for key, value in yaml.SafeLoader.yaml_implicit_resolvers.items()}
        Core.add_implicit_resolver(
            "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
        schemas = sys.argv[1]
        validators = {kind: jsonschema.Draft202012Validator(json.load(open(f"{schemas}/{kind}.schema.json")))
                      for kind in ("flow", "app")}
        for path in sys.argv[2:]:
            document = yaml.load(open(path), Loader=Core)
            kind = "flow" if "flow" in document else "app"
            for error in validators[kind].iter_errors(document):
                location = "/".join(map(str, error.absolute_path))
                print(f"{path.rsplit('/', 1)[-1]}: /{location}: {error.message[:300]}")
        """

    /// Whether `python3` with the `jsonschema` and `yaml` modules can be run.
    static let pythonAvailable: Bool = {
        (try? python(["-c", "import jsonschema, yaml"]))?.status == 0
    }()

    static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func schemaProblems(_ paths: [String]) throws -> String {
        let schemas = repository.appendingPathComponent("schemas").path
        let result = try python(["-c", checker, schemas] + paths)
        #expect(result.status == 0, "the schema check failed to run:\n\(result.output)")
        return result.output
    }

    @Test(
        "the committed JSON Schemas accept every valid file and the corpus apps",
        .enabled(
            if: pythonAvailable, "needs python3 with the jsonschema and yaml modules (pip install jsonschema pyyaml)")
    )
    func schemasAcceptValidFiles() throws {
        let paths =
            Self.files.map { Fixtures.path("valid", $0) } + Fixtures.files(in: "apps").map { Fixtures.path("apps", $0) }
        let problems = try Self.schemaProblems(paths)
        #expect(problems.isEmpty, "schema violations:\n\(problems)")
    }

    @Test(
        "the JSON Schemas reject broken files, so the check above is not vacuous",
        .enabled(
            if: pythonAvailable, "needs python3 with the jsonschema and yaml modules (pip install jsonschema pyyaml)"),
        arguments: [
            ("unknown-key-top.yaml", "'step' was unexpected"),
            ("enum-method-typo.yaml", "'GTE' is not one of"),
            ("missing-app-base-url.yaml", "'base_url' is a required property"),
            ("step-two-kinds.yaml", "steps/0"),
            ("invalid-flow-id.yaml", "/flow"),
        ])
    func schemasRejectBrokenFiles(file: String, problem: String) throws {
        let problems = try Self.schemaProblems([Fixtures.path("broken", file)])
        #expect(problems.contains(problem), "\(file): expected a violation mentioning \(problem), got:\n\(problems)")
    }
}
