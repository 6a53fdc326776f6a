/// A scope of variable bindings. Lambdas capture the frame they were defined in.
final class Frame {
    /// Unchecked exclusivity: a frame belongs to one evaluation on one thread, and reads are hot.
    @exclusivity(unchecked) private var bindings: [String: Value] = [:]
    let parent: Frame?

    init(parent: Frame?) {
        self.parent = parent
    }

    func bind(_ name: String, _ value: Value) {
        bindings[name] = value
    }

    /// The value bound to `name` here or in an enclosing frame.
    func lookup(_ name: String) -> Value? {
        var frame: Frame? = self
        while let current = frame {
            if !current.bindings.isEmpty, let value = current.bindings[name] { return value }
            frame = current.parent
        }
        return nil
    }
}
