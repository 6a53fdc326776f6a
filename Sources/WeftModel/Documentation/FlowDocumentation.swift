import Foundation
import WeftJSON

/// The documentation of a flow, for the customer who ordered it and the auditor who checks it: what starts it,
/// a diagram, every step in words with its reliability, field mapping tables, conditions, error handling and
/// tests. Rendered as Markdown (stable, readable as plain text) or as one self-contained HTML file.
///
/// ```swift
/// let documentation = FlowDocumentation(flow: flow, apps: ["netsuite": netsuite])
/// print(documentation.markdown())
/// ```
public struct FlowDocumentation: Sendable {
    public let flow: Flow
    /// App manifests by app id, to name apps and show actions' HTTP methods and paths.
    public let apps: [String: AppManifest]
    /// Who wrote each mapped field, when it was not written by hand: keys are target paths (`tranDate`,
    /// `item.items[].quantity`), or `step/target` for one step only; values are shown in the Origin column (for
    /// example `suggested (0.92)`). This is where accepted mapping suggestions are marked; fields not listed
    /// are `written`.
    public let origins: [String: String]

    /// A step with its place in the flow.
    struct Entry: Sendable {
        var step: Step
        /// `3`, or `3.1` for the first step nested in step 3.
        var number: String
        /// Where the step sits, for nested steps: "case 1 of `route`".
        var context: Prose?
    }

    /// Every step, nested ones included, in document order.
    let entries: [Entry]
    /// What the flow shows of the values each step reads, to tell lists from single values in mapping tables.
    let shapes: FlowShapes

    /// Documents `flow`, naming apps from `apps` (by app id) where known.
    public init(flow: Flow, apps: [String: AppManifest] = [:], origins: [String: String] = [:]) {
        self.flow = flow
        self.apps = apps
        self.origins = origins
        var entries: [Entry] = []
        Self.collect(flow.steps, prefix: "", context: nil, into: &entries)
        self.entries = entries
        self.shapes = FlowShapes(flow: flow, apps: apps)
    }

    private static func collect(
        _ steps: [Step], prefix: String, first: Int = 1, context: Prose?, into entries: inout [Entry]
    ) {
        for (index, step) in steps.enumerated() {
            let number = prefix + String(first + index)
            entries.append(Entry(step: step, number: number, context: context))
            var nested: [(steps: [Step], context: Prose)] = []
            switch step.kind {
            case .switch(let switchStep):
                for (caseIndex, switchCase) in switchStep.cases.enumerated() {
                    let condition = switchCase.condition.map { Self.oneLine($0.source) } ?? ""
                    nested.append(
                        (switchCase.steps, "case \(caseIndex + 1) of \(code: step.id) (when \(code: condition))"))
                }
                nested.append((switchStep.otherwise, "the else branch of \(code: step.id)"))
            case .foreach(let foreach):
                nested.append((foreach.steps, "the body of \(code: step.id), run for each item"))
            case .parallel(let parallel):
                for branch in parallel.branches {
                    nested.append((branch.steps, "branch \(code: branch.name) of \(code: step.id)"))
                }
            default: break
            }
            if case .steps(let handler) = step.onError {
                nested.append((handler, "the error handler of \(code: step.id)"))
            }
            var next = 1
            for group in nested {
                collect(group.steps, prefix: number + ".", first: next, context: group.context, into: &entries)
                next += group.steps.count
            }
        }
    }

    /// The flow's title: its name, or its id.
    public var title: String { flow.name ?? flow.id }

    /// The documentation as Markdown: byte-identical for the same flow, readable as plain text, with the
    /// diagram as a Mermaid code block.
    public func markdown() -> String {
        MarkdownRenderer().render(blocks())
    }

    /// The documentation as one self-contained HTML file: inline CSS, an inline SVG diagram, a table of
    /// contents, no JavaScript and no external resources.
    public func html() -> String {
        HTMLRenderer().render(blocks(), title: title)
    }

    /// The diagram as a Mermaid `flowchart TD`.
    public func mermaid() -> String {
        MermaidDiagram(flow: flow).render()
    }

    /// The diagram as an inline SVG element.
    public func svg() -> String {
        SVGDiagram(flow: flow).render()
    }

    /// All the document's blocks, in order.
    func blocks() -> [DocumentBlock] {
        var blocks: [DocumentBlock] = [.heading(level: 1, text: "\(title)", anchor: "top")]
        if let description = flow.description?.trimmingCharacters(in: .whitespacesAndNewlines), !description.isEmpty {
            blocks.append(.paragraph(Prose(codeSpansIn: description)))
        }
        blocks.append(.paragraph(summary))
        blocks += triggerBlocks()
        blocks.append(.heading(level: 2, text: "Diagram", anchor: "diagram"))
        blocks.append(.diagram(mermaid: mermaid(), svg: svg()))
        blocks += stepBlocks()
        blocks += mappingBlocks()
        blocks += conditionBlocks()
        blocks += reliabilityBlocks()
        blocks += testBlocks()
        return blocks
    }

    /// "Flow `id` · Trigger: webhook · 4 steps · Apps: NetSuite (`netsuite`)".
    var summary: Prose {
        let nested = entries.count - flow.steps.count
        var steps: Prose = "\(strong: "Steps:") \(flow.steps.count)"
        if nested > 0 { steps = steps + " (\(entries.count) with nested steps)" }
        let apps = usedApps.map { id -> Prose in
            if let name = self.apps[id]?.name, name != id { return "\(name) (\(code: id))" }
            return "\(code: id)"
        }
        let appsText: Prose = apps.isEmpty ? "none" : Prose.list(apps)
        return Prose.joined(
            [
                "\(strong: "Flow:") \(code: flow.id)", "\(strong: "Trigger:") \(flow.trigger.name)", steps,
                "\(strong: "Apps:") \(appsText)",
            ], separator: " · ")
    }

    /// The app ids the flow uses (actions, the poll trigger, connections), in order of first use.
    var usedApps: [String] {
        var apps: [String] = []
        func add(_ app: String) {
            if !app.isEmpty && !apps.contains(app) { apps.append(app) }
        }
        if case .poll(let poll) = flow.trigger { add(poll.action.app) }
        for entry in entries {
            switch entry.step.kind {
            case .action(let reference): add(reference.app)
            case .http(let http):
                if let connection = http.connection, let app = flow.connections[connection] { add(app) }
            default: break
            }
        }
        for app in flow.connections.values { add(app) }
        return apps
    }

    /// The action an `app/action` reference names, when its manifest is known.
    func action(_ reference: ActionReference) -> Action? {
        apps[reference.app]?.actions[reference.action]
    }

    /// Text on one line: runs of whitespace become one space.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }
}
