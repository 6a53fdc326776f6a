import WeftJSON

/// The files a `mark` file trigger has dealt with, by name, as saved in its trigger state.
struct FileMarks {
    /// What became of a marked file.
    enum Status: String {
        case processed, failed
    }

    private var entries: JSONObject

    init(json: JSON?) {
        entries = json?["marked"]?.objectValue ?? [:]
    }

    func status(of name: String) -> Status? {
        entries[name]?.stringValue.flatMap(Status.init(rawValue:))
    }

    mutating func mark(_ name: String, failed: Bool) {
        entries[name] = .string((failed ? Status.failed : .processed).rawValue)
    }

    var json: JSON { ["marked": .object(entries)] }
}
