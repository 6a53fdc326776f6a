import Foundation
import WeftJSON

extension FlowDocumentation {
    func stepBlocks() -> [DocumentBlock] {
        var blocks: [DocumentBlock] = [.heading(level: 2, text: "Steps", anchor: "steps")]
        for entry in entries {
            let step = entry.step
            blocks.append(
                .heading(
                    level: 3, text: "\(entry.number). \(code: step.id) — \(Self.kindLabel(step.kind))",
                    anchor: "step-\(step.id)"))
            var about: [Prose] = []
            if let name = step.name { about.append("\(strong: name)") }
            if let description = step.description { about.append(Prose(codeSpansIn: Self.oneLine(description))) }
            if !about.isEmpty { blocks.append(.paragraph(Prose.joined(about, separator: " — "))) }
            if let context = entry.context { blocks.append(.paragraph("\(emphasis: "Part of") \(context).")) }
            blocks += kindBlocks(step)
            blocks.append(.paragraph(reliability(step)))
        }
        return blocks
    }

    /// A kind's name for headings: `action`, `http`, `map`, ...
    static func kindLabel(_ kind: StepKind) -> String { kind.name }

    private func chain(_ steps: [Step]) -> Prose {
        steps.isEmpty ? "nothing" : Prose.joined(steps.map { "\(code: $0.id)" }, separator: " → ")
    }

    private func mappingLink(_ step: Step) -> Prose {
        "see \(link: "Field mappings: \(step.id)", anchor: "mapping-\(step.id)") below"
    }

    private func kindBlocks(_ step: Step) -> [DocumentBlock] {
        switch step.kind {
        case .action(let reference):
            var sentence: Prose = "Calls the action \(code: reference.description)"
            if let app = apps[reference.app] { sentence = sentence + " of \(app.name)" }
            if let action = action(reference) {
                sentence = sentence + " (\(code: action.method.rawValue + " " + action.path.source))"
            }
            if let connection = step.connection { sentence = sentence + " through the connection \(code: connection)" }
            var blocks: [DocumentBlock] = [.paragraph(sentence + ".")]
            if let action = action(reference) {
                if let description = action.description {
                    blocks.append(.paragraph("The action: " + Prose(codeSpansIn: Self.oneLine(description))))
                }
                if let paginate = action.paginate {
                    blocks.append(
                        .paragraph(
                            "Results are followed over pages (\(code: paginate.type) pagination, at most \(action.maxPages) pages)."
                        ))
                }
            } else {
                blocks.append(
                    .paragraph(
                        "The app manifest of \(code: reference.app) was not given, so the request itself is not shown.")
                )
            }
            if let input = step.input {
                if mappingTable(for: step) != nil {
                    blocks.append(.paragraph("Input: \(mappingLink(step))."))
                } else {
                    blocks.append(.paragraph("Input: \(inputProse(input))."))
                }
            }
            return blocks
        case .http(let http):
            var sentence: Prose =
                "Sends an HTTP \(code: http.method.rawValue) request to \(code: SecretMasking.url(http.url.source))"
            if let connection = http.connection {
                sentence = sentence + ", authenticated as the connection \(code: connection)"
            }
            var blocks: [DocumentBlock] = [.paragraph(sentence + ".")]
            var details: [Prose] = []
            for (name, value) in http.headers {
                details.append("Header \(code: name): \(code: SecretMasking.display(value.source, name: name))")
            }
            for (name, value) in http.query {
                details.append(
                    "Query parameter \(code: name): \(code: SecretMasking.display(value.source, name: name))")
            }
            if let body = http.body {
                details.append(
                    mappingTable(for: step) != nil
                        ? "Body (JSON): \(mappingLink(step))" : "Body (JSON): \(inputProse(body))")
            }
            details.append(
                http.accept.isEmpty
                    ? "Success: any 2xx status"
                    : "Success: status " + Prose.list(http.accept.map { "\(code: String($0))" }, conjunction: "or"))
            switch http.response {
            case .auto: details.append("Output: the response body (JSON when its content type says so, otherwise text)")
            case .json: details.append("Output: the response body, read as JSON")
            case .text: details.append("Output: the response body, as text")
            case .full: details.append("Output: \(code: "{ status, headers, body }")")
            }
            blocks.append(.list(details))
            return blocks
        case .map(let expression):
            if mappingTable(for: step)?.rows.isEmpty == false {
                return [
                    .paragraph(
                        "Builds a new message with a JSONata expression (\(mappingLink(step))); its output is the message for the following steps."
                    )
                ]
            }
            return [
                .paragraph(
                    "Transforms the message with this JSONata expression; its output is the message for the following steps:"
                ),
                .code(expression.source.trimmingCharacters(in: .whitespacesAndNewlines), language: "jsonata"),
            ]
        case .filter(let condition):
            return [
                .paragraph(
                    "Continues only when \(code: Self.oneLine(condition.source)) holds; otherwise the run stops as \(code: "filtered") (not an error)."
                )
            ]
        case .switch(let switchStep):
            var items: [Prose] = switchStep.cases.map { switchCase in
                "When \(code: switchCase.condition.map { Self.oneLine($0.source) } ?? ""): \(chain(switchCase.steps))"
            }
            items.append("Otherwise: \(chain(switchStep.otherwise))")
            return [.paragraph("Runs the steps of the first case whose condition holds:"), .list(items)]
        case .foreach(let foreach):
            let pace: Prose = foreach.concurrency == 1 ? "one item at a time" : "\(foreach.concurrency) items at a time"
            return [
                .paragraph(
                    "For each item of \(code: foreach.items.map { Self.oneLine($0.source) } ?? ""), runs \(chain(foreach.steps)), \(pace); the output lists each item's result, in order."
                )
            ]
        case .parallel(let parallel):
            return [
                .paragraph(
                    "Runs these branches at the same time, then joins their outputs into one object by branch name:"),
                .list(parallel.branches.map { "\(code: $0.name): \(chain($0.steps))" }),
            ]
        case .convert(let convert):
            let what: Prose = convert.input.map { "\(code: Self.oneLine($0.source))" } ?? "the message"
            var sentence: Prose =
                "Converts \(what) from \(Self.formatName(convert.from)) to \(Self.formatName(convert.to))"
            if !convert.options.isEmpty {
                sentence =
                    sentence + " with the options "
                    + Prose.list(convert.options.map { "\(code: $0.key) = \(code: $0.value.serialized())" })
            }
            return [.paragraph(sentence + ".")]
        case .delay(let duration):
            return [.paragraph("Waits \(DurationText.format(duration)) before the next step.")]
        case .file(let file):
            let what: Prose = file.content.map { "\(code: Self.oneLine($0.source))" } ?? "the message"
            let mode: Prose
            switch file.mode {
            case .write: mode = "an existing file is replaced"
            case .append: mode = "it is appended to an existing file"
            case .create: mode = "the step fails if the file already exists"
            }
            return [
                .paragraph(
                    "Writes \(what) as \(Self.formatName(file.format)) to the file \(code: file.path.source); \(mode).")
            ]
        }
    }
}
