import Collections

/// Checks what the format alone cannot: references between steps, to apps, actions and connections, and
/// the tests' references to steps.
public struct FlowChecker {
    /// The apps flows may use, by name.
    public var apps: [String: AppManifest]

    /// Creates a checker that knows `apps`.
    public init(apps: [String: AppManifest] = [:]) {
        self.apps = apps
    }

    /// Problems with `flow`; empty when it is consistent.
    public func check(_ flow: Flow) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var ids = StepIds()
        collectIds(flow.steps, loops: [], into: &ids, diagnostics: &diagnostics)
        let allIds = Set(ids.seen.keys)
        let order = ids.order

        checkSteps(flow.steps, flow: flow, available: [], loops: [], ids: ids, diagnostics: &diagnostics)
        checkTrigger(flow, diagnostics: &diagnostics)

        for test in flow.tests {
            for (stepId, _) in test.mocks where !allIds.contains(stepId) {
                let location = test.keyLocations["mocks.\(stepId)"] ?? test.location
                diagnostics.append(unknownStep(stepId, among: order, at: location, context: "`mocks`"))
            }
            for (stepId, _) in test.failures where !allIds.contains(stepId) {
                let location = test.keyLocations["failures.\(stepId)"] ?? test.location
                diagnostics.append(unknownStep(stepId, among: order, at: location, context: "`failures`"))
            }
            for (path, _) in test.expect {
                let head = String(path.split(separator: ".").first ?? "")
                if head != "run" && !allIds.contains(head) {
                    let location = test.keyLocations["expect.\(path)"] ?? test.location
                    diagnostics.append(unknownStep(head, among: order, at: location, context: "`expect`"))
                }
            }
        }
        return diagnostics
    }

    /// The flow's step ids: where each is first written, in document order, and the `foreach` steps whose body
    /// holds it (outermost first).
    private struct StepIds {
        var seen: [String: SourceLocation] = [:]
        var order: [String] = []
        var loops: [String: [String]] = [:]
    }

    private func collectIds(
        _ steps: [Step], loops: [String], into ids: inout StepIds, diagnostics: inout [Diagnostic]
    ) {
        for step in steps {
            if let first = ids.seen[step.id] {
                diagnostics.append(
                    Diagnostic(
                        code: "duplicate-step", message: "the step id `\(step.id)` is used twice",
                        location: step.location,
                        hint:
                            "the first `\(step.id)` is at \(first.line):\(first.column); step ids are unique in a flow")
                )
            } else {
                ids.seen[step.id] = step.location
                ids.order.append(step.id)
                ids.loops[step.id] = loops
            }
            let inner: [String]
            if case .foreach = step.kind { inner = loops + [step.id] } else { inner = loops }
            for nested in step.kind.nestedSteps {
                collectIds(nested, loops: inner, into: &ids, diagnostics: &diagnostics)
            }
            if case .steps(let handlers) = step.onError {
                collectIds(handlers, loops: loops, into: &ids, diagnostics: &diagnostics)
            }
        }
    }

    /// The ids whose outputs are in `$steps` once `step` has run: its own and, as the engine keeps them, those of
    /// the steps of its `switch` cases, `parallel` branches and `on_error` handler that ran, nested ones
    /// included. A step that did not run this time is simply missing from `$steps`. The steps of a `foreach`
    /// body run once per item in a scope of their own, so their outputs are not kept after the loop.
    static func keptOutputs(of step: Step) -> Set<String> {
        var ids: Set<String> = [step.id]
        switch step.kind {
        case .switch, .parallel:
            for nested in step.kind.nestedSteps.joined() { ids.formUnion(keptOutputs(of: nested)) }
        default: break
        }
        if case .steps(let handlers) = step.onError {
            for handler in handlers { ids.formUnion(keptOutputs(of: handler)) }
        }
        return ids
    }

    /// Walks steps in execution order; `available` holds the steps whose outputs are in `$steps` before each one,
    /// and `loops` the `foreach` steps whose body is being walked.
    private func checkSteps(
        _ steps: [Step], flow: Flow, available: Set<String>, loops: [String], ids: StepIds,
        diagnostics: inout [Diagnostic]
    ) {
        let allIds = Set(ids.seen.keys)
        var available = available
        var stopped: SourceLocation?
        for step in steps {
            if let stopped {
                diagnostics.append(
                    Diagnostic(
                        code: "unreachable-step", message: "the step `\(step.id)` can never run",
                        location: step.location,
                        hint: "the filter at \(stopped.line):\(stopped.column) always stops the run"))
            }
            for (expression, context) in expressions(of: step) {
                for (reference, offset) in StepReferences.find(in: expression.source)
                where !available.contains(reference) {
                    let location = expression.location(ofCharacter: offset)
                    // The innermost loop around the referenced step that is not around this one, when it has run.
                    let loop = ids.loops[reference]?.last { !loops.contains($0) && available.contains($0) }
                    if let loop {
                        diagnostics.append(
                            Diagnostic(
                                code: "step-output-not-kept",
                                message:
                                    "`$steps.\(reference)` is not available in \(context): `\(reference)` runs in the body of the foreach `\(loop)`, whose steps' outputs are not kept after the loop",
                                location: location,
                                hint: "`$steps.\(loop)` lists the body's last output for each item"))
                    } else if allIds.contains(reference) {
                        diagnostics.append(
                            Diagnostic(
                                code: "step-not-yet-run",
                                message:
                                    "`$steps.\(reference)` is not available in \(context): `\(reference)` has not run yet",
                                location: location,
                                hint: "a step can use the outputs of the steps before it"))
                    } else {
                        diagnostics.append(
                            unknownStep(reference, among: ids.order, at: location, context: context))
                    }
                }
            }
            checkAction(step, flow: flow, diagnostics: &diagnostics)
            let inner: [String]
            if case .foreach = step.kind { inner = loops + [step.id] } else { inner = loops }
            for nested in step.kind.nestedSteps {
                checkSteps(nested, flow: flow, available: available, loops: inner, ids: ids, diagnostics: &diagnostics)
            }
            if case .steps(let handlers) = step.onError {
                checkSteps(
                    handlers, flow: flow, available: available, loops: loops, ids: ids, diagnostics: &diagnostics)
            }
            available.formUnion(Self.keptOutputs(of: step))
            if case .filter(let condition) = step.kind, condition.source.trimmingCharacters(in: .whitespaces) == "false"
            {
                stopped = step.location
            }
        }
    }

    private func checkAction(_ step: Step, flow: Flow, diagnostics: inout [Diagnostic]) {
        guard case .action(let reference) = step.kind else { return }
        if let connection = step.connection {
            if let app = flow.connections[connection] {
                if app != reference.app {
                    diagnostics.append(
                        Diagnostic(
                            code: "connection-app-mismatch",
                            message: "the connection `\(connection)` is for the app `\(app)`, not `\(reference.app)`",
                            location: step.keyLocations["connection"] ?? step.location))
                }
            } else {
                diagnostics.append(
                    Diagnostic(
                        code: "unknown-connection", message: "the connection `\(connection)` is not declared",
                        location: step.keyLocations["connection"] ?? step.location,
                        hint: Suggestion.hint(for: connection, among: Array(flow.connections.keys))
                            ?? "declare it under `connections:` with its app, such as `\(connection): \(reference.app)`"
                    ))
            }
        } else if flow.connections.values.filter({ $0 == reference.app }).count != 1,
            apps[reference.app].map({ app in if case .none = app.auth { return false } else { return true } }) ?? true
        {
            diagnostics.append(
                Diagnostic(
                    code: "missing-connection", message: "the action step `\(step.id)` needs a `connection`",
                    location: step.location,
                    hint: "name one of the flow's connections for the app `\(reference.app)`"))
        }
        guard !apps.isEmpty else { return }
        guard let app = apps[reference.app] else {
            diagnostics.append(
                Diagnostic(
                    code: "unknown-app", message: "no app is named `\(reference.app)`",
                    location: step.keyLocations["action"] ?? step.location,
                    hint: Suggestion.hint(for: reference.app, among: apps.keys.sorted())))
            return
        }
        if app.actions[reference.action] == nil {
            diagnostics.append(
                Diagnostic(
                    code: "unknown-action", message: "the app `\(app.id)` has no action `\(reference.action)`",
                    location: step.keyLocations["action"] ?? step.location,
                    hint: Suggestion.hint(for: reference.action, among: Array(app.actions.keys))))
        }
    }

    private func checkTrigger(_ flow: Flow, diagnostics: inout [Diagnostic]) {
        guard case .poll(let poll) = flow.trigger, !apps.isEmpty else { return }
        guard let app = apps[poll.action.app] else {
            diagnostics.append(
                Diagnostic(
                    code: "unknown-app", message: "no app is named `\(poll.action.app)`",
                    location: poll.actionLocation ?? SourceLocation(file: flow.file, line: 1, column: 1),
                    hint: Suggestion.hint(for: poll.action.app, among: apps.keys.sorted())))
            return
        }
        if app.actions[poll.action.action] == nil {
            diagnostics.append(
                Diagnostic(
                    code: "unknown-action", message: "the app `\(app.id)` has no action `\(poll.action.action)`",
                    location: poll.actionLocation ?? SourceLocation(file: flow.file, line: 1, column: 1),
                    hint: Suggestion.hint(for: poll.action.action, among: Array(app.actions.keys))))
        }
    }

    private func unknownStep(_ id: String, among order: [String], at location: SourceLocation, context: String)
        -> Diagnostic
    {
        Diagnostic(
            code: "unknown-step", message: "there is no step `\(id)` (in \(context))", location: location,
            hint: Suggestion.hint(for: id, among: order))
    }

    /// The expressions a step evaluates itself (not those of nested steps), with a description for messages.
    private func expressions(of step: Step) -> [(WeftExpression, String)] {
        var result: [(WeftExpression, String)] = []
        let name = "step `\(step.id)`"
        switch step.kind {
        case .map(let expression), .filter(let expression): result.append((expression, name))
        case .http(let http):
            result +=
                templateExpressions(http.url) + http.headers.values.flatMap(templateExpressions)
                + http.query.values.flatMap(templateExpressions)
            result += (http.body?.expressions.map(\.expression) ?? []).map { ($0, name) }
            result = result.map { ($0.0, name) }
        case .switch(let choice):
            result += choice.cases.compactMap(\.condition).map { ($0, name) }
        case .foreach(let loop):
            if let items = loop.items { result.append((items, name)) }
        case .convert(let convert):
            if let input = convert.input { result.append((input, name)) }
        case .file(let file):
            result += templateExpressions(file.path).map { ($0.0, name) }
            if let content = file.content { result.append((content, name)) }
        case .action, .parallel, .delay:
            break
        }
        result += (step.input?.expressions.map(\.expression) ?? []).map { ($0, name) }
        return result
    }

    private func templateExpressions(_ template: Template) -> [(WeftExpression, String)] {
        template.parts.compactMap { part in
            if case .expression(let expression) = part { return (expression, "") }
            return nil
        }
    }
}

/// Finds `$steps.<id>` references in expression text. (A `-` ends a bare name, as JSONata reads it as minus:
/// ids with dashes are referred to as `$steps.\`my-step\``.)
enum StepReferences {
    static func find(in source: String) -> [(name: String, offset: Int)] {
        var found: [(name: String, offset: Int)] = []
        let scalars = Array(source.unicodeScalars)
        let marker = Array("$steps.".unicodeScalars)
        var index = 0
        while index + marker.count <= scalars.count {
            if Array(scalars[index..<(index + marker.count)]) == marker {
                var cursor = index + marker.count
                var name = ""
                if cursor < scalars.count, scalars[cursor] == "`" {
                    cursor += 1
                    while cursor < scalars.count, scalars[cursor] != "`" {
                        name.unicodeScalars.append(scalars[cursor])
                        cursor += 1
                    }
                } else {
                    while cursor < scalars.count,
                        ("a"..."z").contains(scalars[cursor]) || ("0"..."9").contains(scalars[cursor])
                            || scalars[cursor] == "_"
                    {
                        name.unicodeScalars.append(scalars[cursor])
                        cursor += 1
                    }
                }
                if !name.isEmpty && !found.contains(where: { $0.name == name }) { found.append((name, index)) }
                index = cursor
            } else {
                index += 1
            }
        }
        return found
    }
}
