extension Diagnostic {
    /// The error for a flow given where an app manifest belongs, at the file's first line.
    public static func notAnApp(file: String, hint: String) -> Diagnostic {
        Diagnostic(
            code: "not-an-app", message: "this is a flow, not an app manifest",
            location: SourceLocation(file: file, line: 1, column: 1), hint: hint)
    }

    /// The error for an app manifest given where a flow belongs, at the file's first line.
    public static func notAFlow(file: String, hint: String) -> Diagnostic {
        Diagnostic(
            code: "not-a-flow", message: "this is an app manifest, not a flow",
            location: SourceLocation(file: file, line: 1, column: 1), hint: hint)
    }
}
