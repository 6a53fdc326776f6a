/// How app versions are ordered: semantic version 2.0.0 precedence (major, minor and patch compared as numbers;
/// a pre-release before its release; pre-release identifiers numerically when both are numbers, numbers before
/// words, a shorter list first when one is a prefix of the other). Build metadata does not count.
///
/// The order is total, so that lists are stable: text that is not a semantic version comes before every one
/// that is, and versions of equal precedence (`1.0.0+a`, `1.0.0+b`) and non-versions are ordered by their text.
struct VersionPrecedence: Comparable {
    /// The version as written.
    let text: String
    private let core: [Int]?
    private let prerelease: [Substring]

    init(_ text: String) {
        self.text = text
        var rest = Substring(text)
        if let plus = rest.firstIndex(of: "+") { rest = rest[..<plus] }
        var prerelease: [Substring] = []
        if let dash = rest.firstIndex(of: "-") {
            prerelease = rest[rest.index(after: dash)...].split(separator: ".", omittingEmptySubsequences: false)
            rest = rest[..<dash]
        }
        let numbers = rest.split(separator: ".", omittingEmptySubsequences: false)
        let core = numbers.compactMap { Self.isNumber($0) ? Int($0) : nil }
        let valid =
            numbers.count == 3 && core.count == 3
            && prerelease.allSatisfy {
                !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            }
        self.core = valid ? core : nil
        self.prerelease = valid ? prerelease : []
    }

    static func < (lhs: VersionPrecedence, rhs: VersionPrecedence) -> Bool {
        switch (lhs.core, rhs.core) {
        case (nil, nil): return lhs.text < rhs.text
        case (nil, .some): return true
        case (.some, nil): return false
        case (let left?, let right?):
            if left != right { return left.lexicographicallyPrecedes(right) }
            if let order = prereleaseOrder(lhs.prerelease, rhs.prerelease) { return order }
            return lhs.text < rhs.text
        }
    }

    static func == (lhs: VersionPrecedence, rhs: VersionPrecedence) -> Bool { lhs.text == rhs.text }

    /// Whether `lhs` comes first, or `nil` when the two have equal precedence.
    private static func prereleaseOrder(_ lhs: [Substring], _ rhs: [Substring]) -> Bool? {
        if lhs == rhs { return nil }
        if lhs.isEmpty || rhs.isEmpty { return rhs.isEmpty }
        for (left, right) in zip(lhs, rhs) where left != right {
            switch (isNumber(left) ? Int(left) : nil, isNumber(right) ? Int(right) : nil) {
            case (let x?, let y?): return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return left < right
            }
        }
        return lhs.count < rhs.count
    }

    private static func isNumber(_ part: Substring) -> Bool {
        !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
