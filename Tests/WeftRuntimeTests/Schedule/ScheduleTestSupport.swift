import Foundation

@testable import WeftRuntime

/// The instant written in ISO 8601 with a `Z` offset, such as `2026-03-29T01:00:00Z`.
func utc(_ text: String) -> Date {
    try! Date(text, strategy: .iso8601)
}

/// An instant in ISO 8601 with a `Z` offset, for readable comparisons.
func iso(_ date: Date?) -> String {
    guard let date else { return "nil" }
    return date.formatted(.iso8601)
}

/// The values of a field's set, smallest first.
func members(_ set: CronValueSet) -> [Int] {
    (0..<64).filter { set.contains($0) }
}
