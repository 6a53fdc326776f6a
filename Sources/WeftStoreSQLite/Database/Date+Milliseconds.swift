import Foundation

extension Date {
    /// Milliseconds since 1970, rounded to the nearest: how the store keeps every date.
    var storeMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    /// The date `milliseconds` after 1970; dates read back from the store are made this way, so a date that went
    /// through ``storeMilliseconds`` comes back equal.
    init(storeMilliseconds milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// This date as the store keeps it (to the millisecond), so that what a method returns equals what a later
    /// read gives.
    var storePrecision: Date { Date(storeMilliseconds: storeMilliseconds) }
}
