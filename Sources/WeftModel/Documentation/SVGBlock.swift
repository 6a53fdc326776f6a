/// A laid-out piece of the SVG diagram: its size, the x of the vertical axis its arrows enter and leave by
/// (top and bottom), and its shapes in its own coordinates.
struct SVGBlock: Sendable {
    /// A shape of the diagram.
    enum Shape: Sendable {
        /// A box with centred lines of text; `step` is the step id for step boxes.
        case box(x: Int, y: Int, width: Int, height: Int, style: String, step: String?, lines: [String], title: String)
        /// A frame around nested steps with a header (a `foreach`).
        case frame(x: Int, y: Int, width: Int, height: Int, step: String, lines: [String], title: String)
        /// A line through points, dashed for error edges, with an arrowhead at the end.
        case line(points: [(x: Int, y: Int)], dashed: Bool, arrow: Bool)
        /// An edge label centred at a point, with the full text as a tooltip.
        case label(x: Int, y: Int, text: String, title: String)
        /// A join point.
        case dot(x: Int, y: Int)

        func moved(_ dx: Int, _ dy: Int) -> Shape {
            switch self {
            case .box(let x, let y, let width, let height, let style, let step, let lines, let title):
                return .box(
                    x: x + dx, y: y + dy, width: width, height: height, style: style, step: step, lines: lines,
                    title: title)
            case .frame(let x, let y, let width, let height, let step, let lines, let title):
                return .frame(
                    x: x + dx, y: y + dy, width: width, height: height, step: step, lines: lines, title: title)
            case .line(let points, let dashed, let arrow):
                return .line(points: points.map { ($0.x + dx, $0.y + dy) }, dashed: dashed, arrow: arrow)
            case .label(let x, let y, let text, let title):
                return .label(x: x + dx, y: y + dy, text: text, title: title)
            case .dot(let x, let y):
                return .dot(x: x + dx, y: y + dy)
            }
        }
    }

    var width = 0
    var height = 0
    /// Where arrows enter (at the top) and leave (at the bottom).
    var axis = 0
    var shapes: [Shape] = []

    var isEmpty: Bool { height == 0 }

    /// The shapes moved by (`dx`, `dy`).
    func shapes(movedBy dx: Int, _ dy: Int) -> [Shape] {
        shapes.map { $0.moved(dx, dy) }
    }
}
