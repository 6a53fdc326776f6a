/// The unique member names of CSV columns: the header's names, with empty and repeated ones renamed
/// `column_N`, and `column_N` for fields beyond the header.
struct CSVColumnNames {
    private var names: [String] = []
    private var taken: Set<String> = []

    init(header: [String]) {
        for (index, name) in header.enumerated() {
            if name.isEmpty || taken.contains(name) {
                append(unique: "column_\(index + 1)")
            } else {
                append(unique: name)
            }
        }
    }

    /// The name of the column at the 0-based `index`, created on first use beyond the header.
    mutating func name(at index: Int) -> String {
        while names.count <= index { append(unique: "column_\(names.count + 1)") }
        return names[index]
    }

    private mutating func append(unique candidate: String) {
        var name = candidate
        var counter = 2
        while taken.contains(name) {
            name = "\(candidate)_\(counter)"
            counter += 1
        }
        names.append(name)
        taken.insert(name)
    }
}
