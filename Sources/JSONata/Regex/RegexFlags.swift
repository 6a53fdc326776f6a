/// The flags of a JSONata regular expression (`/pattern/flags`).
struct RegexFlags: Sendable, Equatable {
    /// `i`: compare characters by their canonical case (see ``RegexCaseFolding``).
    var ignoreCase = false
    /// `m`: `^` and `$` also match at line boundaries.
    var multiline = false
    /// `s`: `.` also matches line terminators.
    var dotAll = false
    /// `g`: accepted for JavaScript compatibility; searching is always done one match at a time.
    var global = false

    /// No flags.
    init() {}

    /// Parses a flags string; each of `i`, `m`, `s`, `g` may appear once.
    init(parsing flags: String) throws(RegexSyntaxError) {
        for (offset, flag) in flags.unicodeScalars.enumerated() {
            let seen: Bool
            switch flag {
            case "i":
                seen = ignoreCase
                ignoreCase = true
            case "m":
                seen = multiline
                multiline = true
            case "s":
                seen = dotAll
                dotAll = true
            case "g":
                seen = global
                global = true
            default: throw RegexSyntaxError(message: "unknown flag '\(flag)'", offset: offset)
            }
            if seen { throw RegexSyntaxError(message: "duplicate flag '\(flag)'", offset: offset) }
        }
    }
}
