/// English names used by date/time pictures with the `N`, `n` and `Nn` presentations.
enum EnglishCalendarNames {
    /// January … December.
    static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    /// Monday … Sunday (ISO order).
    static let days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    /// Morning and afternoon markers.
    static let dayPeriods = ["am", "pm"]

    /// `name` in the requested letter case.
    static func cased(_ name: String, _ letterCase: IntegerPicture.LetterCase) -> String {
        switch letterCase {
        case .lower: return name.lowercased()
        case .upper: return name.uppercased()
        case .title: return (name.first.map { $0.uppercased() } ?? "") + name.dropFirst().lowercased()
        }
    }
}
