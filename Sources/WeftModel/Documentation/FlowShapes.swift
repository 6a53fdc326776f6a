import WeftJSON

/// What each step of a flow reads, as far as the flow shows it: the shape of its input message and of the outputs
/// in `$steps`, worked out in run order from the trigger, the steps' kinds and expressions, the app manifests'
/// output schemas and the messages and mocked outputs of the flow's tests.
struct FlowShapes: Sendable {
    /// Each step's scope, by step id.
    private(set) var scopes: [String: ShapeScope] = [:]
    /// The outputs of the steps walked so far, by step id.
    private var outputs: [String: ValueShape] = [:]
    /// `$vars`, `$trigger` and `$run`.
    private var runVariables: [String: ValueShape] = [:]
    private let flow: Flow
    private let apps: [String: AppManifest]

    /// The message an `on_error` handler or a `continue` step gets: `{ error: { kind, message, step, status } }`.
    static let errorShape = ValueShape.object([
        "error": .object(["kind": .scalar, "message": .scalar, "step": .scalar, "status": .scalar])
    ])

    init(flow: Flow, apps: [String: AppManifest]) {
        self.flow = flow
        self.apps = apps
        let message = triggerMessage()
        var variables: [String: ValueShape] = [:]
        for (name, value) in flow.variables { variables[name] = ValueShape(sample: value) }
        runVariables["$vars"] = .object(variables)
        runVariables["$run"] = .object(["id": .scalar, "attempt": .scalar, "flow": .scalar])
        if case .webhook = flow.trigger {
            runVariables["$trigger"] = .object([
                "type": .scalar, "method": .scalar, "path": .scalar, "headers": .object([:]), "query": .object([:]),
                "body": message,
            ])
        } else {
            runVariables["$trigger"] = .object(["type": .scalar, "body": message])
        }
        _ = walk(flow.steps, input: message, loop: [:])
    }

    /// The scope of the step `id`; unknown for a step that is not in the flow.
    func scope(of id: String) -> ShapeScope {
        scopes[id] ?? .unknown
    }

    /// Walks `steps` in order from the message `input`, recording each step's scope and output; returns the
    /// message after the last step.
    private mutating func walk(_ steps: [Step], input: ValueShape, loop: [String: ValueShape]) -> ValueShape {
        var message = input
        for step in steps {
            var variables = runVariables.merging(loop) { $1 }
            variables["$steps"] = .object(outputs)
            let scope = ShapeScope(input: message, variables: variables)
            scopes[step.id] = scope
            var output = self.output(of: step, scope: scope, loop: loop)
            switch step.onError {
            case .fail, .deadLetter: break
            case .continue: output = .either(output, Self.errorShape)
            case .steps(let handler): output = .either(output, walk(handler, input: Self.errorShape, loop: loop))
            }
            outputs[step.id] = output
            message = output
        }
        return message
    }

    private mutating func output(of step: Step, scope: ShapeScope, loop: [String: ValueShape]) -> ValueShape {
        switch step.kind {
        case .map(let expression):
            return TokenList(expression.source).map { ShapeReader(list: $0, scope: scope).shape } ?? .unknown
        case .filter, .delay:
            return scope.input
        case .action(let reference):
            return .combining(actionOutput(reference), samples(of: step.id))
        case .http(let http):
            let response: ValueShape =
                http.response == .full
                ? .object(["status": .scalar, "headers": .object([:]), "body": .unknown]) : .unknown
            return .combining(response, samples(of: step.id))
        case .convert:
            return samples(of: step.id)
        case .file:
            return .object(["path": .scalar, "bytes": .scalar])
        case .switch(let choice):
            var shapes = choice.cases.map { walk($0.steps, input: scope.input, loop: loop) }
            shapes.append(walk(choice.otherwise, input: scope.input, loop: loop))
            return shapes.dropFirst().reduce(shapes[0], ValueShape.either)
        case .foreach(let foreach):
            let items =
                foreach.items.flatMap { expression in
                    TokenList(expression.source).map { ShapeReader(list: $0, scope: scope).shape }
                } ?? .unknown
            let item = items.isList ? items.element : .unknown
            var inner = loop
            inner["$item"] = item
            inner["$index"] = .scalar
            return .list(walk(foreach.steps, input: item, loop: inner))
        case .parallel(let parallel):
            var branches: [String: ValueShape] = [:]
            for branch in parallel.branches {
                branches[branch.name] = walk(branch.steps, input: scope.input, loop: loop)
            }
            return .object(branches)
        }
    }

    /// An action's output as its app manifest describes it: the list of records when it has `records` or pages.
    private func actionOutput(_ reference: ActionReference) -> ValueShape {
        guard let app = apps[reference.app], let action = app.actions[reference.action] else { return .unknown }
        let definitions = Dictionary(uniqueKeysWithValues: app.schemas.map { ($0.key, $0.value) })
        let shape = action.output.map { ValueShape(schema: $0, definitions: definitions) } ?? .unknown
        return action.records != nil || action.paginate != nil ? .list(shape) : shape
    }

    /// The outputs the flow's tests mock for the step `id`.
    private func samples(of id: String) -> ValueShape {
        flow.tests.compactMap { $0.mocks[id] }.map(ValueShape.init(sample:)).reduce(.unknown, ValueShape.combining)
    }

    /// The message a run starts with: a polled record as the app manifest describes it, and the tests' messages.
    private func triggerMessage() -> ValueShape {
        var shape = ValueShape.unknown
        if case .poll(let poll) = flow.trigger {
            let output = actionOutput(poll.action)
            shape = output.isList ? output.element : .unknown
        }
        for test in flow.tests where !test.trigger.isNull {
            var message = test.trigger
            if case .webhook = flow.trigger { message = test.trigger["body"] ?? .null }
            shape = .combining(shape, ValueShape(sample: message))
        }
        return shape
    }
}
