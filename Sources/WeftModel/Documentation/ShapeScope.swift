/// What is known of the values an expression of one step reads: its input message (`$`) and the variables the
/// run binds (`$steps`, `$vars`, `$trigger`, `$run`, and in a `foreach` body `$item` and `$index`).
struct ShapeScope: Sendable {
    /// The step's input message.
    var input = ValueShape.unknown
    /// Variables by name, with their dollar sign.
    var variables: [String: ValueShape] = [:]

    /// A scope that knows nothing.
    static let unknown = ShapeScope()
}
