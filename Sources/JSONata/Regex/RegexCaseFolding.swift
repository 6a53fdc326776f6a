/// Case canonicalization for case-insensitive matching (the `i` flag).
///
/// This is ECMAScript's `Canonicalize` for patterns without the `u` flag (which is how JSONata's reference
/// implementation runs regular expressions): a character maps to its uppercase form when that form is a
/// single scalar, except that a non-ASCII character never maps to an ASCII one. So `é` matches `É`, and `σ`,
/// `ς` and `Σ` all match each other, but `ß` does not match `SS`, `ſ` does not match `s`, and the Kelvin sign
/// does not match `k`, exactly as in JavaScript. Two characters match when their canonical forms are equal.
/// It is applied to whole Unicode scalars: unlike JavaScript without `u` (which sees astral characters as
/// two surrogates), cased characters outside the Basic Multilingual Plane (Deseret, Adlam, ...) also match
/// their other case. Scalars above U+1FFFF have no case mapping.
enum RegexCaseFolding {
    /// Canonical form of every non-ASCII scalar whose canonical form differs from itself.
    static let table: [UInt32: UInt32] = buildTable()

    /// The scalars (ASCII included) whose canonical form differs from themselves, sorted.
    static let changing: [UInt32] = (Array(0x61...0x7A) + table.keys).sorted()

    /// The canonical form of `value`.
    @inline(__always)
    static func canonicalize(_ value: UInt32) -> UInt32 {
        if value < 0x80 {
            return value &- 0x61 < 26 ? value &- 0x20 : value
        }
        return table[value] ?? value
    }

    /// Whether some other scalar has the same canonical form as `value`, so that comparisons involving
    /// `value` must canonicalize.
    static func isCased(_ value: UInt32) -> Bool {
        if value < 0x80 { return (value | 0x20) &- 0x61 < 26 }
        // Cheap and safe: treat every non-ASCII scalar as possibly cased.
        return true
    }

    private static func buildTable() -> [UInt32: UInt32] {
        var table: [UInt32: UInt32] = [:]
        for value in UInt32(0x80)..<0x20000 {
            guard let scalar = Unicode.Scalar(value), scalar.properties.changesWhenUppercased else { continue }
            let upper = scalar.properties.uppercaseMapping.unicodeScalars
            guard upper.count == 1, let mapped = upper.first?.value, mapped >= 0x80, mapped != value else {
                continue
            }
            table[value] = mapped
        }
        return table
    }
}
