/// The flow as a Mermaid `flowchart TD`: one node per step (labelled with its id and kind), switch cases and
/// parallel branches as labelled edges, `foreach` bodies as subgraphs and dotted edges for error handling (an
/// `on_error` handler's steps lead on to the next step, as the run does once they recover it).
/// Node ids are numbered in document order, so the text is the same on every run.
struct MermaidDiagram {
    let flow: Flow

    /// An edge waiting for the next node.
    private struct Exit {
        var node: String
        var label: String?
        var dotted = false
    }

    private struct Writer {
        var lines: [String] = []
        var count = 0
        var indent = "    "

        mutating func nextId() -> String {
            count += 1
            return "s\(count)"
        }

        mutating func add(_ line: String) {
            lines.append(indent + line)
        }

        mutating func connect(_ exits: [Exit], to node: String) {
            for exit in exits {
                let arrow = exit.dotted ? "-.->" : "-->"
                if let label = exit.label {
                    add("\(exit.node) \(arrow)|\"\(MermaidDiagram.escape(label))\"| \(node)")
                } else {
                    add("\(exit.node) \(arrow) \(node)")
                }
            }
        }
    }

    func render() -> String {
        var writer = Writer()
        writer.lines.append("flowchart TD")
        writer.add("trigger([\"\(Self.escape("trigger: " + flow.trigger.name))\"])")
        let exits = sequence(flow.steps, from: [Exit(node: "trigger")], writer: &writer)
        writer.add("done([\"end\"])")
        writer.connect(exits, to: "done")
        return writer.lines.joined(separator: "\n")
    }

    /// Text safe inside a quoted Mermaid label.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in FlowDocumentation.oneLine(text) {
            switch character {
            case "\"": result += "#quot;"
            case "<": result += "#lt;"
            case ">": result += "#gt;"
            case "#": result += "#35;"
            case "|": result += "#124;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A label shortened for an edge.
    static func short(_ text: String, limit: Int = 40) -> String {
        let line = FlowDocumentation.oneLine(text)
        return line.count > limit ? String(line.prefix(limit - 1)) + "…" : line
    }

    private func label(_ step: Step) -> String {
        "\"" + Self.escape(step.id) + "<br/>" + Self.escape(SVGDiagram.kindText(step.kind)) + "\""
    }

    private func sequence(_ steps: [Step], from entries: [Exit], writer: inout Writer) -> [Exit] {
        var exits = entries
        for step in steps {
            let id = writer.nextId()
            var next: [Exit]
            switch step.kind {
            case .switch(let switchStep):
                writer.add("\(id){\(label(step))}")
                writer.connect(exits, to: id)
                next = []
                for switchCase in switchStep.cases {
                    let condition = Self.short(switchCase.condition?.source ?? "")
                    next += sequence(switchCase.steps, from: [Exit(node: id, label: condition)], writer: &writer)
                }
                next += sequence(switchStep.otherwise, from: [Exit(node: id, label: "else")], writer: &writer)
            case .parallel(let parallel):
                writer.add("\(id)[[\(label(step))]]")
                writer.connect(exits, to: id)
                var ends: [Exit] = []
                for branch in parallel.branches {
                    ends += sequence(branch.steps, from: [Exit(node: id, label: branch.name)], writer: &writer)
                }
                writer.add("\(id)j((\"join\"))")
                writer.connect(ends, to: "\(id)j")
                next = [Exit(node: "\(id)j")]
            case .foreach:
                writer.add("subgraph \(id)[\(label(step))]")
                writer.indent += "    "
                writer.add("direction TB")
                _ = sequence(step.kind.nestedSteps.first ?? [], from: [], writer: &writer)
                writer.indent.removeLast(4)
                writer.add("end")
                writer.connect(exits, to: id)
                next = [Exit(node: id)]
            case .filter:
                writer.add("\(id){{\(label(step))}}")
                writer.connect(exits, to: id)
                next = [Exit(node: id)]
            default:
                writer.add("\(id)[\(label(step))]")
                writer.connect(exits, to: id)
                next = [Exit(node: id)]
            }
            switch step.onError {
            case .fail: break
            case .continue: next.append(Exit(node: id, label: "on error: continue", dotted: true))
            case .deadLetter:
                writer.add("\(id)e[/\"dead letter\"/]")
                writer.connect([Exit(node: id, label: "on error", dotted: true)], to: "\(id)e")
            case .steps(let handler) where handler.isEmpty:
                next.append(Exit(node: id, label: "on error: continue", dotted: true))
            case .steps(let handler):
                // A catch block: the handler runs in the step's place and the run goes on after it.
                next += sequence(handler, from: [Exit(node: id, label: "on error", dotted: true)], writer: &writer)
            }
            exits = next
        }
        return exits
    }
}
