/// One item of a tuple stream: the context value (`@`) with the variables bound along the path so far
/// (`@$x` focus bindings, `#$i` positions and the hidden parent slots that `%` reads).
struct Tuple {
    var focus: Value
    var bindings: [String: Value]

    init(focus: Value, bindings: [String: Value] = [:]) {
        self.focus = focus
        self.bindings = bindings
    }
}

extension Frame {
    /// A frame binding the variables of `tuple`, for evaluating an expression in the tuple's context.
    convenience init(parent: Frame, tuple: Tuple) {
        self.init(parent: parent)
        for (name, value) in tuple.bindings { bind(name, value) }
    }
}
