extension Flow {
    /// Every step of the flow, depth first: top-level steps, then those nested in `switch` cases, `foreach`
    /// bodies, `parallel` branches and `on_error` handlers.
    public var allSteps: [Step] {
        var steps: [Step] = []
        func visit(_ list: [Step]) {
            for step in list {
                steps.append(step)
                for nested in step.kind.nestedSteps { visit(nested) }
                if case .steps(let handlers) = step.onError { visit(handlers) }
            }
        }
        visit(self.steps)
        return steps
    }

    /// The ids of the apps the flow uses: its action steps, its poll trigger and its connections. A server pins
    /// the version of each when the flow is saved.
    public var referencedApps: Set<String> {
        var apps = Set(connections.values)
        for step in allSteps {
            if case .action(let reference) = step.kind { apps.insert(reference.app) }
        }
        if case .poll(let poll) = trigger { apps.insert(poll.action.app) }
        return apps
    }
}
