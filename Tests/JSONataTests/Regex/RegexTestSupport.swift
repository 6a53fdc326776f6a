@testable import JSONata

/// Helpers shared by the regular-expression tests.
enum RegexTestSupport {
    /// Scalars of a string.
    static func scalars(_ text: String) -> [Unicode.Scalar] { Array(text.unicodeScalars) }

    /// The text of a range of scalars.
    static func string(_ text: [Unicode.Scalar], _ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: text[range])
        return String(view)
    }

    /// Runs `pattern` on `input` and returns the matched text followed by each group's text, like
    /// JavaScript's `exec`.
    static func exec(_ pattern: String, _ flags: String = "", _ input: String) throws -> [String?]? {
        let regex = try JSRegex(pattern: pattern, flags: flags)
        let text = scalars(input)
        guard let match = try regex.firstMatch(in: text, from: 0, limits: RegexLimits()) else { return nil }
        return [string(text, match.range)] + match.groups.map { $0.map { string(text, $0) } }
    }

    /// The texts of every match, JavaScript global style.
    static func all(_ pattern: String, _ flags: String = "", _ input: String) throws -> [String] {
        let regex = try JSRegex(pattern: pattern, flags: flags)
        let text = scalars(input)
        return try regex.matches(in: text).map { string(text, $0.range) }
    }

    /// The syntax error `pattern` raises, if any.
    static func syntaxError(_ pattern: String, _ flags: String = "") -> RegexSyntaxError? {
        do {
            _ = try JSRegex(pattern: pattern, flags: flags)
            return nil
        } catch {
            return error
        }
    }
}
