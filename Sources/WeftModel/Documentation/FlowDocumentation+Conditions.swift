extension FlowDocumentation {
    /// Every filter and switch condition, with the step it belongs to and what it decides.
    var conditions: [(step: String, condition: String, effect: Prose)] {
        var result: [(step: String, condition: String, effect: Prose)] = []
        for entry in entries {
            switch entry.step.kind {
            case .filter(let condition):
                result.append((entry.step.id, Self.oneLine(condition.source), "the run continues only when it holds"))
            case .switch(let switchStep):
                for (index, switchCase) in switchStep.cases.enumerated() {
                    let steps: Prose =
                        switchCase.steps.isEmpty
                        ? "nothing" : Prose.joined(switchCase.steps.map { "\(code: $0.id)" }, separator: " → ")
                    result.append(
                        (
                            entry.step.id, switchCase.condition.map { Self.oneLine($0.source) } ?? "",
                            "case \(index + 1): runs \(steps)"
                        ))
                }
            default: break
            }
        }
        return result
    }

    func conditionBlocks() -> [DocumentBlock] {
        let conditions = self.conditions
        var blocks: [DocumentBlock] = [.heading(level: 2, text: "Conditions", anchor: "conditions")]
        if conditions.isEmpty {
            blocks.append(.paragraph("The flow has no filter or switch conditions."))
        } else {
            blocks.append(
                .table(
                    header: ["Step", "Condition", "Effect"],
                    rows: conditions.map { ["\(code: $0.step)", "\(code: $0.condition)", $0.effect] }))
        }
        return blocks
    }
}
