/// Where the relative paths of an expression are read, for the source column of a mapping table: under which
/// path they are written (empty for the step's input message; `line_items[]` inside a mapping over a list) and
/// what is known of the value there.
struct PathContext: Sendable {
    /// The path relative paths are placed under, or nil when they read a value bound inside the expression (such
    /// as `$lines.{ ... }` with `$lines := ...`), which is not a source.
    var path: String?
    var shape: ValueShape

    /// The step's input message.
    static func input(_ shape: ValueShape) -> PathContext {
        PathContext(path: "", shape: shape)
    }

    /// Inside a mapping (`.{ }`, `.( )`) or a filter (`[ ]`) over the value at `path` with `shape`: each element,
    /// written `path[]` when the value is known to be a list.
    static func each(of path: String?, shape: ValueShape) -> PathContext {
        PathContext(path: path.map { shape.isList ? $0 + "[]" : $0 }, shape: shape.element)
    }
}
