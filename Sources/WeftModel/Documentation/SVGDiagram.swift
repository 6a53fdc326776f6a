/// The flow as an inline SVG laid out top to bottom: one box per step with its id and kind, `switch` cases and
/// `parallel` branches side by side (conditions and branch names as edge labels) and joined again, `foreach` as a
/// frame around its body, and dashed error edges for steps whose `on_error` is not `fail` (an error handler's
/// steps rejoin the flow below their step, as the run goes on once they recover it). Coordinates are
/// integers computed from the flow alone, so the output is the same on every run.
struct SVGDiagram {
    let flow: Flow

    private static let boxHeight = 46
    private static let gap = 30
    private static let columnGap = 24
    private static let margin = 16
    private static let labelLimit = 34

    /// A step's kind with its main setting, as shown in its box.
    static func kindText(_ kind: StepKind) -> String {
        switch kind {
        case .action(let reference): return "action · \(reference)"
        case .http(let http): return "http · \(http.method.rawValue)"
        case .convert(let convert): return "convert · \(convert.from.rawValue) → \(convert.to.rawValue)"
        case .delay(let duration): return "delay · \(DurationText.format(duration))"
        case .file(let file): return "file · \(file.format.rawValue)"
        default: return kind.name
        }
    }

    private static func shorten(_ text: String, _ limit: Int) -> String {
        let line = FlowDocumentation.oneLine(text)
        return line.count > limit ? String(line.prefix(limit - 1)) + "…" : line
    }

    /// An estimate of the width of `text` in the diagram's monospace font.
    private static func textWidth(_ text: String, bold: Bool = false) -> Int {
        text.count * (bold ? 8 : 7)
    }

    func render() -> String {
        var blocks = [
            Self.box(
                style: "trigger", step: nil, lines: ["trigger", flow.trigger.name],
                title: "trigger: \(flow.trigger.name)")
        ]
        blocks += flow.steps.map(block)
        blocks.append(Self.box(style: "end", step: nil, lines: ["end"], title: "end of the run", height: 28))
        let diagram = Self.sequence(blocks)
        let width = diagram.width + 2 * Self.margin
        let height = diagram.height + 2 * Self.margin
        var lines = [
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" "
                + "viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-labelledby=\"weft-diagram-title\">",
            "<title id=\"weft-diagram-title\">\(HTMLRenderer.escape("Diagram of the flow " + flow.id))</title>",
            "<defs><marker id=\"weft-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" "
                + "markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#5b6472\"/></marker></defs>",
            "<style>",
            "text { font: 12px ui-monospace, Menlo, Consolas, monospace; fill: #1d2330; text-anchor: middle; }",
            "text.id { font-weight: 700; font-size: 13px; }",
            "text.kind { fill: #5b6472; font-size: 11px; }",
            "text.edge { font-size: 11px; fill: #2f3a4b; paint-order: stroke; stroke: #fff; stroke-width: 4px; }",
            "rect { fill: #fff; stroke: #4a6fa5; stroke-width: 1.5; }",
            "g.filter rect, g.switch rect { fill: #fff8e6; stroke: #b7892b; }",
            "g.parallel rect, g.join rect { fill: #eef6ee; stroke: #4d8a55; }",
            "g.frame rect { fill: #f7f9fc; stroke: #8aa0c2; stroke-dasharray: 5 3; }",
            "g.trigger rect, g.end rect { fill: #e9eefa; stroke: #4a6fa5; }",
            "g.error rect { fill: #fdeeee; stroke: #b54747; }",
            "path { fill: none; stroke: #5b6472; stroke-width: 1.5; }",
            "path.error { stroke: #b54747; stroke-dasharray: 5 4; }",
            "circle, marker path { fill: #5b6472; stroke: none; }",
            "</style>",
        ]
        for shape in diagram.shapes(movedBy: Self.margin, Self.margin) {
            lines.append(Self.svg(shape))
        }
        lines.append("</svg>")
        return lines.joined(separator: "\n")
    }

    private static func svg(_ shape: SVGBlock.Shape) -> String {
        switch shape {
        case .box(let x, let y, let width, let height, let style, let step, let lines, let title):
            var group = "<g class=\"\(style)\""
            if let step { group += " data-step=\"\(HTMLRenderer.escape(step))\"" }
            group += "><title>\(HTMLRenderer.escape(title))</title>"
            group +=
                "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(width)\" height=\"\(height)\" rx=\"\(style == "trigger" || style == "end" ? height / 2 : 6)\"/>"
            let center = x + width / 2
            let first = lines.count == 1 ? y + height / 2 + 4 : y + height / 2 - 3
            for (index, line) in lines.enumerated() {
                let cls = index == 0 ? "id" : "kind"
                group +=
                    "<text class=\"\(cls)\" x=\"\(center)\" y=\"\(first + index * 16)\">\(HTMLRenderer.escape(line))</text>"
            }
            return group + "</g>"
        case .frame(let x, let y, let width, let height, let step, let lines, let title):
            var group = "<g class=\"step frame\" data-step=\"\(HTMLRenderer.escape(step))\">"
            group += "<title>\(HTMLRenderer.escape(title))</title>"
            group += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(width)\" height=\"\(height)\" rx=\"10\"/>"
            for (index, line) in lines.enumerated() {
                let cls = index == 0 ? "id" : "kind"
                group +=
                    "<text class=\"\(cls)\" x=\"\(x + width / 2)\" y=\"\(y + 18 + index * 16)\">\(HTMLRenderer.escape(line))</text>"
            }
            return group + "</g>"
        case .line(let points, let dashed, let arrow):
            let data = points.enumerated().map { ($0.offset == 0 ? "M" : "L") + "\($0.element.x),\($0.element.y)" }
                .joined(separator: " ")
            return "<path d=\"\(data)\"" + (dashed ? " class=\"error\"" : "")
                + (arrow ? " marker-end=\"url(#weft-arrow)\"" : "") + "/>"
        case .label(let x, let y, let text, let title):
            return "<text class=\"edge\" x=\"\(x)\" y=\"\(y)\"><title>\(HTMLRenderer.escape(title))</title>"
                + "\(HTMLRenderer.escape(text))</text>"
        case .dot(let x, let y):
            return "<circle cx=\"\(x)\" cy=\"\(y)\" r=\"4\"/>"
        }
    }

    // MARK: Layout

    private static func box(
        style: String, step: String?, lines: [String], title: String, height: Int = boxHeight
    ) -> SVGBlock {
        let widest = lines.enumerated().map { textWidth($0.element, bold: $0.offset == 0) }.max() ?? 0
        let width = max(step == nil ? 80 : 140, widest + 28)
        let width2 = width + width % 2
        return SVGBlock(
            width: width2, height: height, axis: width2 / 2,
            shapes: [
                .box(x: 0, y: 0, width: width2, height: height, style: style, step: step, lines: lines, title: title)
            ])
    }

    private func stepBox(_ step: Step, style: String) -> SVGBlock {
        let kind = Self.kindText(step.kind)
        var title = "\(step.id): \(kind)"
        if let name = step.name { title += " — \(name)" }
        return Self.box(
            style: style, step: step.id, lines: [Self.shorten(step.id, 30), Self.shorten(kind, 40)], title: title)
    }

    /// The block of one step, nested steps and error edge included.
    private func block(_ step: Step) -> SVGBlock {
        switch step.kind {
        case .switch(let switchStep):
            let head = withError(stepBox(step, style: "step switch"), step.onError)
            var branches = switchStep.cases.map { switchCase in
                let condition = switchCase.condition?.source ?? ""
                return (Self.shorten(condition, Self.labelLimit), condition, Self.sequence(switchCase.steps.map(block)))
            }
            branches.append(("else", "when no case holds", Self.sequence(switchStep.otherwise.map(block))))
            return Self.branching(head: head, branches: branches, join: nil)
        case .parallel(let parallel):
            let head = withError(stepBox(step, style: "step parallel"), step.onError)
            let branches = parallel.branches.map { branch in
                (
                    Self.shorten(branch.name, Self.labelLimit), "branch \(branch.name)",
                    Self.sequence(branch.steps.map(block))
                )
            }
            return Self.branching(head: head, branches: branches, join: "join")
        case .foreach(let foreach):
            let items = foreach.items.map { FlowDocumentation.oneLine($0.source) } ?? ""
            let body = Self.sequence(foreach.steps.map(block))
            var lines = [Self.shorten(step.id, 30), Self.shorten("foreach · " + items, 40)]
            if foreach.concurrency > 1 { lines.append("\(foreach.concurrency) at a time") }
            let frame = Self.frame(step: step.id, lines: lines, title: "\(step.id): foreach over \(items)", body: body)
            return withError(frame, step.onError, anchor: 22)
        case .filter:
            return withError(stepBox(step, style: "step filter"), step.onError)
        default:
            return withError(stepBox(step, style: "step"), step.onError)
        }
    }

    /// Blocks stacked on one axis with arrows between them.
    private static func sequence(_ blocks: [SVGBlock]) -> SVGBlock {
        let blocks = blocks.filter { !$0.isEmpty }
        guard !blocks.isEmpty else { return SVGBlock() }
        let left = blocks.map(\.axis).max() ?? 0
        let right = blocks.map { $0.width - $0.axis }.max() ?? 0
        var result = SVGBlock(width: left + right, height: 0, axis: left)
        for (index, block) in blocks.enumerated() {
            if index > 0 {
                result.shapes.append(
                    .line(points: [(left, result.height), (left, result.height + gap)], dashed: false, arrow: true))
                result.height += gap
            }
            result.shapes += block.shapes(movedBy: left - block.axis, result.height)
            result.height += block.height
        }
        return result
    }

    /// A head box, branches side by side under labelled edges, and a join below them.
    private static func branching(
        head: SVGBlock, branches: [(label: String, title: String, block: SVGBlock)], join: String?
    ) -> SVGBlock {
        // Each column holds its branch and its label, both centred on the branch's axis.
        let extents = branches.map { branch -> (left: Int, right: Int) in
            let label = (textWidth(branch.label) + 16) / 2
            if branch.block.isEmpty { return (max(label, 30), max(label, 30)) }
            return (max(branch.block.axis, label), max(branch.block.width - branch.block.axis, label))
        }
        let total = extents.reduce(0) { $0 + $1.left + $1.right } + columnGap * max(0, extents.count - 1)
        let half = total / 2
        let left = max(head.axis, half)
        let right = max(head.width - head.axis, total - half)
        var result = SVGBlock(width: left + right, height: 0, axis: left)
        result.shapes += head.shapes(movedBy: left - head.axis, 0)
        let bus = head.height + 12
        let top = bus + 36
        let tallest = branches.map(\.block.height).max() ?? 0
        let joinBus = top + tallest + 14
        result.shapes.append(.line(points: [(left, head.height), (left, bus)], dashed: false, arrow: false))
        var x = left - half
        var axes: [Int] = []
        for (index, branch) in branches.enumerated() {
            let axis = x + extents[index].left
            axes.append(axis)
            if branch.block.isEmpty {
                result.shapes.append(.line(points: [(axis, bus), (axis, joinBus)], dashed: false, arrow: false))
            } else {
                result.shapes.append(.line(points: [(axis, bus), (axis, top)], dashed: false, arrow: true))
                result.shapes += branch.block.shapes(movedBy: axis - branch.block.axis, top)
                result.shapes.append(
                    .line(points: [(axis, top + branch.block.height), (axis, joinBus)], dashed: false, arrow: false))
            }
            result.shapes.append(.label(x: axis, y: bus + 20, text: branch.label, title: branch.title))
            x += extents[index].left + extents[index].right + columnGap
        }
        let low = min(axes.min() ?? left, left)
        let high = max(axes.max() ?? left, left)
        if low < high {
            result.shapes.append(.line(points: [(low, bus), (high, bus)], dashed: false, arrow: false))
            result.shapes.append(.line(points: [(low, joinBus), (high, joinBus)], dashed: false, arrow: false))
        }
        if let join {
            let joinBox = box(
                style: "join", step: nil, lines: [join], title: "the branches' outputs joined", height: 26)
            result.shapes.append(.line(points: [(left, joinBus), (left, joinBus + 16)], dashed: false, arrow: true))
            result.shapes += joinBox.shapes(movedBy: left - joinBox.axis, joinBus + 16)
            result.height = joinBus + 16 + joinBox.height
            result.width = max(result.width, left + joinBox.width - joinBox.axis)
        } else {
            result.shapes.append(.dot(x: left, y: joinBus))
            result.shapes.append(.line(points: [(left, joinBus), (left, joinBus + 8)], dashed: false, arrow: false))
            result.height = joinBus + 8
        }
        return result
    }

    /// A frame with a header around `body`.
    private static func frame(step: String, lines: [String], title: String, body: SVGBlock) -> SVGBlock {
        let padding = 16
        let header = 18 + 16 * lines.count
        let headerWidth = (lines.enumerated().map { textWidth($0.element, bold: $0.offset == 0) }.max() ?? 0) + 28
        let left = max(body.axis + padding, headerWidth / 2)
        let right = max(body.width - body.axis + padding, headerWidth - headerWidth / 2)
        let height = header + body.height + padding
        var result = SVGBlock(width: left + right, height: height, axis: left)
        result.shapes.append(
            .frame(x: 0, y: 0, width: left + right, height: height, step: step, lines: lines, title: title))
        result.shapes += body.shapes(movedBy: left - body.axis, header)
        return result
    }

    /// `block` with its error edge: a dashed arrow to the right, to a dead letter note, a continue note, or the
    /// error handler's steps, whose path then rejoins the flow below the step (the handler recovers it).
    private func withError(_ main: SVGBlock, _ handling: ErrorHandling, anchor: Int = boxHeight / 2) -> SVGBlock {
        var handling = handling
        if case .steps(let steps) = handling, steps.isEmpty { handling = .continue }  // recovered with the error
        let side: SVGBlock
        let sideY: Int
        switch handling {
        case .fail: return main
        case .deadLetter:
            side = Self.box(
                style: "error", step: nil, lines: ["dead letter"], title: "the run becomes a dead letter", height: 30)
            sideY = anchor - 15
        case .continue:
            side = Self.box(
                style: "error", step: nil, lines: ["continue"],
                title: "the error becomes the output; the run continues",
                height: 30)
            sideY = anchor - 15
        case .steps(let steps):
            side = Self.sequence(steps.map(block))
            sideY = anchor + 20
        }
        let gapX = 80
        var result = main
        let sideX = main.width + gapX
        let entry = sideX + side.axis
        if case .steps = handling {
            result.shapes.append(
                .line(points: [(main.width, anchor), (entry, anchor), (entry, sideY)], dashed: true, arrow: true))
        } else {
            result.shapes.append(.line(points: [(main.width, anchor), (sideX, anchor)], dashed: true, arrow: true))
        }
        result.shapes.append(
            .label(x: main.width + gapX / 2 - 4, y: anchor - 6, text: "on error", title: "when the step fails"))
        result.shapes += side.shapes(movedBy: sideX, sideY)
        result.width = sideX + side.width
        var height = max(main.height, sideY + side.height)
        if case .steps = handling {
            // The handler recovers the step: its path rejoins the flow below the step, where the run goes on.
            let rejoin = height + 18
            result.shapes.append(
                .line(
                    points: [(entry, sideY + side.height), (entry, rejoin), (main.axis, rejoin)], dashed: false,
                    arrow: false))
            result.shapes.append(
                .label(
                    x: (entry + main.axis) / 2, y: rejoin - 6, text: "recovered",
                    title: "the handler's output becomes the step's output and the run goes on"))
            result.shapes.append(.dot(x: main.axis, y: rejoin))
            height = rejoin
        }
        if height > main.height {
            result.shapes.append(
                .line(points: [(main.axis, main.height), (main.axis, height)], dashed: false, arrow: false))
        }
        result.height = height
        return result
    }
}
