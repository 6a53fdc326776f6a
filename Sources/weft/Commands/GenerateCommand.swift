import ArgumentParser
import Foundation
import WeftCatalog
import WeftMapping
import WeftModel

/// `weft generate --source APP#ACTION --target APP#ACTION --out FLOW.yaml`: a flow from one app action to
/// another, with the suggested field mapping in place and the suggestions for review next to it.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a flow from one app action to another, mapped with the suggested field mapping.",
        discussion: """
            APP is an app id, looked up in --apps DIR and then among the built-in apps (shopify, netsuite, \
            servicetitan), or the path of an .app.yaml file. The source action's output is mapped into the \
            target action's input: suggestions with a confidence of 0.80 or more are applied; those from 0.30 to \
            0.80 are written as commented-out lines marked `review`, to uncomment or delete. The step's \
            `suggestions:` records what was suggested, so that `weft docs` shows each field as "suggested (0.93) \
            and accepted" or "written by hand".

            --trigger poll makes the source action the poll trigger (with a cursor when the action shows one); \
            webhook expects payloads shaped as the source's output; manual calls the source action first. \
            Exit status: 0 when written, 1 when an app, action or schema is missing, 2 when a file cannot be read \
            or written.
            """
    )

    @Option(help: "Where records come from: APP#ACTION (its output is mapped).")
    var source: String

    @Option(help: "Where they go: APP#ACTION (its input is filled).")
    var target: String

    @Option(help: "How the flow receives records: poll, webhook or manual.")
    var trigger = GenerationTrigger.poll

    @Option(help: "A directory of app manifests, searched before the built-in apps.")
    var apps: String?

    @Option(help: "The flow file to write (its name, without .flow.yaml, is the flow's id when it is a valid one).")
    var out: String

    @Flag(help: "Replace --out if it exists.")
    var force = false

    func run() throws {
        if FileManager.default.fileExists(atPath: out), !force {
            standardError("\(out) exists; pass --force to replace it")
            throw ExitCode(2)
        }
        let resolver = AppResolver(directory: apps)
        let flow: GeneratedFlow
        do {
            let sourceAction = try resolver.action(source, option: "--source")
            let targetAction = try resolver.action(target, option: "--target")
            flow = try FlowGenerator(
                source: sourceAction, target: targetAction, trigger: trigger, flowId: Self.flowId(out: out)
            ).generate()
        } catch let error as FlowGenerationError {
            standardError(error.message)
            throw ExitCode(1)
        }
        do {
            try flow.text.write(toFile: out, atomically: true, encoding: .utf8)
        } catch {
            standardError("cannot write \(out): \(error.localizedDescription)")
            throw ExitCode(2)
        }
        let accepted = flow.accepted.count
        let review = flow.forReview.count
        print(
            "wrote \(out) (flow `\(flow.flowId)`): \(accepted) suggestion\(accepted == 1 ? "" : "s") applied, "
                + "\(review) for review")
        if !flow.unmatchedRequired.isEmpty {
            print("required by the target and not suggested: " + flow.unmatchedRequired.joined(separator: ", "))
        }
    }

    /// The flow id a file name gives: `orders.flow.yaml` gives `orders`; nil when that is not a valid id.
    static func flowId(out: String) -> String? {
        var name = (out as NSString).lastPathComponent
        for suffix in [".flow.yaml", ".flow.yml", ".yaml", ".yml"] where name.hasSuffix(suffix) {
            name = String(name.dropLast(suffix.count))
            break
        }
        return Identifier.isValid(name) ? name : nil
    }
}

extension GenerationTrigger: ExpressibleByArgument {}

/// Finds the app an `APP#ACTION` names: a manifest file, an app of the --apps directory, or a built-in app.
struct AppResolver {
    let directory: String?

    func action(_ text: String, option: String) throws -> AppAction {
        guard let hash = text.lastIndex(of: "#"), hash != text.startIndex, text.index(after: hash) != text.endIndex
        else {
            throw FlowGenerationError("\(option) \(text): expected APP#ACTION, such as shopify#list_orders")
        }
        let appText = String(text[..<hash])
        let actionName = String(text[text.index(after: hash)...])
        let app = try self.app(appText, option: option)
        do throws(FlowGenerationError) {
            return try AppAction(app: app, name: actionName)
        } catch {
            throw FlowGenerationError("\(option) \(text): \(error.message)")
        }
    }

    func app(_ text: String, option: String) throws -> AppManifest {
        if text.hasSuffix(".yaml") || text.hasSuffix(".yml") || text.contains("/") {
            return try manifest(at: text, option: option)
        }
        if let directory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
            else { throw FlowGenerationError("--apps \(directory): not a directory") }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                let path = (directory as NSString).appendingPathComponent(name)
                if case .app(let app)? = WeftDocument.load(path: path).document, app.id == text { return app }
            }
        }
        if let entry = BuiltInCatalog.entry(text) { return entry.manifest }
        let builtIn = BuiltInCatalog.entries.keys.sorted().joined(separator: ", ")
        let place = directory.map { "in \($0) nor " } ?? ""
        throw FlowGenerationError(
            "\(option): unknown app `\(text)`: not \(place)among the built-in apps (\(builtIn)); "
                + "give an app id or the path of an .app.yaml file")
    }

    private func manifest(at path: String, option: String) throws -> AppManifest {
        let (document, diagnostics, readable) = WeftDocument.load(path: path)
        guard readable else { throw FlowGenerationError("\(option): cannot read \(path)") }
        if case .app(let app)? = document, !diagnostics.hasErrors { return app }
        if let error = diagnostics.first(where: { $0.severity == .error }) {
            throw FlowGenerationError("\(option): \(path) is not a valid app manifest: \(error)")
        }
        throw FlowGenerationError("\(option): \(path) is not an app manifest (no `app:` key)")
    }
}
